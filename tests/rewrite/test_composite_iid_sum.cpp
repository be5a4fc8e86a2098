// The iid_sum composite: sums of iid scalar draws written term by term are
// recognized as one iid_sum(dist, n) and closed in one step by its rules; negative
// tests for each recognition guard; the composite's body and levels.
#include <cmath>

#include "alea/model/composite.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

namespace {

// z = x1 + ... + xn, each xi an anonymous draw of d.
Model chain(const DistCall& d, int n) {
  Model m;
  Expr acc = m.draw(d);
  for (int i = 1; i < n; ++i) acc = acc + m.draw(d);
  m.let("z", acc);
  m.monitor({"z"});
  return m;
}

std::size_t count_composites(const Model& m) {
  std::size_t k = 0;
  for (NodeId id = 0; id < m.graph().size(); ++id) k += m.graph().node(id).op == Op::Composite;
  return k;
}

}  // namespace

TEST_CASE("a chain of iid normal additions is one iid_sum, closed in one step", "[rewrite][composite][iid_sum]") {
  // 40 terms: the naive model is sampled 100,000 times by the helper.
  check_continuous(chain(normal(1.0, 2.0), 40), "iid-sum-normal", DistKind::Normal, {40.0, 2.0 * std::sqrt(40.0)});
}

TEST_CASE("1,000 scalar additions collapse within the default limits", "[rewrite][composite][iid_sum]") {
  const Model naive = chain(normal(0.5, 1.5), 1000);
  const Model recognized = rewrite::recognize_iid_sums(naive);
  CHECK(count_composites(recognized) == 1);
  CHECK(count_draws(recognized) == 0);
  const rewrite::SimplifyResult r = rewrite::simplify(naive);
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  const std::vector<double> p = constant_params(r.model, "z");
  REQUIRE(p.size() == 2);
  CHECK(p[0] == Approx(500.0));
  CHECK(p[1] == Approx(1.5 * std::sqrt(1000.0)));
  CHECK(fired(r, "iid-sum-normal"));
}

TEST_CASE("iid sums of gamma and exponential draws", "[rewrite][composite][iid_sum]") {
  check_continuous(chain(gamma(1.5, 2.0), 6), "iid-sum-gamma", DistKind::Gamma, {9.0, 2.0});
  check_continuous(chain(exponential(3.0), 5), "iid-sum-exponential", DistKind::Gamma, {5.0, 3.0});
}

TEST_CASE("iid sums of poisson and bernoulli draws: exact pmf by convolution", "[rewrite][composite][iid_sum]") {
  constexpr std::size_t K = 40;
  const std::vector<double> one = table(pmf_of(DistKind::Poisson, {0.7}), K);
  std::vector<double> naive = one;
  for (int i = 1; i < 5; ++i) naive = convolve(naive, one);
  check_discrete(chain(poisson(0.7), 5), "iid-sum-poisson", DistKind::Poisson, {3.5}, naive);

  const std::vector<double> coin = table(pmf_of(DistKind::Bernoulli, {0.3}), 12);
  std::vector<double> flips = coin;
  for (int i = 1; i < 7; ++i) flips = convolve(flips, coin);
  check_discrete(chain(bernoulli(0.3), 7), "iid-sum-bernoulli", DistKind::Binomial, {7.0, 0.3}, flips);
}

TEST_CASE("iid_sum guard: a draw used twice is not two draws", "[rewrite][composite][iid_sum][guard]") {
  Model m;
  Expr x = m.draw(normal(0.0, 1.0));
  m.let("z", x + x + m.draw(normal(0.0, 1.0)));
  m.monitor({"z"});
  CHECK(count_composites(rewrite::recognize_iid_sums(m)) == 0);
  // 2x + y: variance 4 + 1, never 3 (three independent draws).
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  CHECK(constant_params(r.model, "z")[1] == Approx(std::sqrt(5.0)));
}

TEST_CASE("iid_sum guard: a visible variable is never absorbed", "[rewrite][composite][iid_sum][guard]") {
  Model m;
  Expr a = m.random("a", normal(0.0, 1.0));
  Expr b = m.random("b", normal(0.0, 1.0));
  m.let("z", a + b + m.draw(normal(0.0, 1.0)));
  const rewrite::SimplifyResult r = rewrite::simplify(m);  // a, b and z queried
  CHECK(count_composites(rewrite::recognize_iid_sums(m)) == 0);
  CHECK(is_draw(r.model, "a", DistKind::Normal));
  CHECK(is_draw(r.model, "b", DistKind::Normal));
}

TEST_CASE("iid_sum guard: different laws and vector draws are not iid scalar terms",
          "[rewrite][composite][iid_sum][guard]") {
  Model m;
  m.let("z", m.draw(normal(0.0, 1.0)) + m.draw(normal(0.0, 2.0)) + m.draw(gamma(2.0, 1.0)));
  CHECK(count_composites(rewrite::recognize_iid_sums(m)) == 0);
  Model v;
  // A scalar draw broadcast over a vector is one draw: x + y here is two draws, not 2 x 3.
  Expr x = v.draw(normal(0.0, 1.0));
  v.let("z", (x + v.draw(normal(0.0, 1.0))) + Expr(v.constant(Value(std::vector<double>{0, 0, 0}))));
  v.monitor({"z"});
  const Model rv = rewrite::recognize_iid_sums(v);
  REQUIRE(count_composites(rv) == 1);
  CHECK(rv.graph().node(rv.graph().node(rv.variable("z").node).inputs[0]).inputs.size() == 3);
  Model w;
  w.let("z", w.draw(normal(0.0, 1.0), Shape{3}) + w.draw(normal(0.0, 1.0), Shape{3}));
  CHECK(count_composites(rewrite::recognize_iid_sums(w)) == 0);
}

TEST_CASE("iid_sum: the body is a sum of one vector draw, levels stop where asked", "[rewrite][composite][iid_sum]") {
  Model m;
  m.random("z", iid_sum(normal(0.0, 1.0), 8));
  CHECK(composite_level(m) == 1);
  CHECK(to_string(m).find("iid_sum(normal(0, 1), 8)") != std::string::npos);
  const Model e = expand_all(m);
  CHECK(composite_level(e) == 0);
  CHECK(count_draws(e) == 1);
  CHECK(e.graph().node(e.variable("z").node).op == Op::Sum);
  // Stopping at level 1 keeps a composite that no rule closes: cauchy sums have none here.
  Model c;
  c.random("z", iid_sum(cauchy(0.0, 1.0), 4));
  rewrite::SimplifyOptions at1;
  at1.level = 1;
  CHECK(composite_level(rewrite::simplify(c, at1).model) == 1);
  const rewrite::SimplifyResult full = rewrite::simplify(c);
  CHECK(composite_level(full.model) == 0);
  REQUIRE(full.levels.size() == 2);
  CHECK(full.levels[0].level == 1);
  CHECK(full.levels[1].level == 0);
}

TEST_CASE("iid_sum: bad counts and parameters are named", "[rewrite][composite][iid_sum][errors]") {
  Model m;
  CHECK_THROWS_WITH(iid_sum(normal(0.0, 1.0), 0), Catch::Contains("count n is 0"));
  CHECK_THROWS_WITH(m.random("z", iid_sum(normal(0.0, -1.0), 3)), Catch::Contains("variable 'z'") && Catch::Contains("-1"));
  CHECK_THROWS_WITH(m.random("w", iid_sum(dirichlet({1.0, 1.0}), 3)), Catch::Contains("scalar distribution"));
  rewrite::SimplifyOptions bad;
  bad.level = -1;
  CHECK_THROWS_WITH(rewrite::simplify(m, bad), Catch::Contains("level -1"));
}
