// Rules of the Gaussian composites (random walk, hierarchical normal, dense layer):
// each rewritten density against an independent computation of the naive marginal
// (Kalman filter recursions, quadrature, exact normal marginals), a two-sample test
// of draws from both models, negative tests of the guards, and the high-level test:
// the random walk's endpoint closes in one step while the composite is closed, and
// is out of reach of the default limits once the walk is expanded.
#include <cmath>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include "alea/infer/log_density.hpp"
#include "alea/model/composite.hpp"
#include "alea/model/hierarchical_normal.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;
using alea::test::kFalseAlarm;
using alea::test::ks_pvalue;

namespace {

double normal_logpdf(double x, double m, double s) {
  return -0.5 * std::log(2 * M_PI) - std::log(s) - 0.5 * (x - m) * (x - m) / (s * s);
}

// log p(y) of y[t] = x[t] + e[t], e[t] ~ normal(0, t), x a random walk from
// normal(m, s): the Kalman filter's prediction-error decomposition.
double kalman_loglik(const std::vector<double>& y, double m, double s, double t) {
  double mean = m, var = s * s, ll = 0;
  for (double yt : y) {
    ll += normal_logpdf(yt, mean, std::sqrt(var + t * t));
    const double gain = var / (var + t * t);
    mean += gain * (yt - mean);
    var = (1 - gain) * var + s * s;  // update, then predict the next step
  }
  return ll;
}

Model walk_endpoint(int n) {
  Model m;
  Expr x = m.draw(random_walk(0.5, 0.3, n));
  m.let("z", x[n - 1]);
  m.monitor({"z"});
  return m;
}

}  // namespace

TEST_CASE("random walk endpoint: closed, one step, its marginal against naive draws", "[rewrite][composite][random_walk]") {
  check_continuous(walk_endpoint(12), "random-walk-endpoint", DistKind::Normal, {0.5, 0.3 * std::sqrt(12.0)});
}

TEST_CASE("a high-level rule: out of reach once the walk is expanded", "[rewrite][composite][random_walk][levels]") {
  const Model closed = walk_endpoint(1000);
  const rewrite::SimplifyResult r = rewrite::simplify(closed);
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  CHECK(constant_params(r.model, "z")[1] == Approx(0.3 * std::sqrt(1000.0)));
  REQUIRE(fired(r, "random-walk-endpoint"));
  for (const rewrite::TraceEntry& e : r.report.trace)
    if (e.rule == "random-walk-endpoint") CHECK(e.level == 1);
  CHECK(r.report.iterations <= 3);
  // The same model with the walk written out: normal-mean-marginal integrates out one
  // step per application, each class's newest replacement reaching twice as far as the
  // last, about 1,000 applications an iteration: the work limit comes first.
  const rewrite::SimplifyResult expanded = rewrite::simplify(expand_all(closed));
  CHECK(expanded.report.reason != rewrite::StopReason::Saturated);
  CHECK(count_draws(expanded.model) > 900);
  CHECK_FALSE(fired(expanded, "random-walk-endpoint"));
}

TEST_CASE("random walk guard: the endpoint is not marginalized while the walk is visible",
          "[rewrite][composite][random_walk][guard]") {
  Model m;
  Expr x = m.random("x", random_walk(0.0, 1.0, 5));
  m.let("z", x[4]);
  const rewrite::SimplifyResult r = rewrite::simplify(m);  // x and z queried
  CHECK(r.model.graph().node(r.model.variable("z").node).op == Op::Index);
  CHECK_FALSE(r.notes.empty());
}

TEST_CASE("random walk observed with noise: the Kalman marginal likelihood", "[rewrite][composite][random_walk]") {
  const std::vector<double> y{0.3, -0.2, 0.9, 1.4, 1.1, 0.2};
  const double m0 = 0.1, s = 0.7, t = 0.5;
  Model m;
  Expr x = m.draw(random_walk(m0, s, 6));
  m.random("y", normal(x, t));
  m.observe("y", Value(y));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::MvNormal));
  CHECK(fired(r, "random-walk-observed"));
  CHECK(log_density(r.model, {}).total == Approx(kalman_loglik(y, m0, s, t)).epsilon(1e-10));

  // Two-sample test of a projection (the last element) of prior draws of y.
  Model u;
  Expr xu = u.draw(random_walk(m0, s, 6));
  u.random("y", normal(xu, t));
  const rewrite::SimplifyResult ru = rewrite::simplify(u);
  REQUIRE(is_draw(ru.model, "y", DistKind::MvNormal));
  Rng a(3), b(4);
  CHECK(ks_two_sample(sample_prior(u, 20'000, a, {"y"}).column("y.6"), sample_prior(ru.model, 20'000, b, {"y"}).column("y.6"))
            .p_value > kFalseAlarm);
}

TEST_CASE("random walk observed: noise that depends on the walk is refused", "[rewrite][composite][random_walk][guard]") {
  Model m;
  Expr x = m.draw(random_walk(0.0, 1.0, 3));
  m.random("y", normal(x, exp(x)));
  m.observe("y", Value(std::vector<double>{0.1, 0.2, 0.3}));
  CHECK_FALSE(fired(rewrite::simplify(m), "random-walk-observed"));
}

TEST_CASE("hierarchical normal with Gaussian observations: group effects marginalized",
          "[rewrite][composite][hierarchical]") {
  const std::vector<double> y{28, 8, -3, 7, -1, 1, 18, 12};
  const std::vector<double> sigma{15, 10, 16, 11, 9, 11, 10, 18};
  const double mu = 4.0, tau = 3.5;
  Model m;
  Expr theta = m.draw(hierarchical_normal(mu, tau, 8));
  m.random("y", normal(theta, sigma));
  m.observe("y", Value(y));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::Normal));
  CHECK(fired(r, "hierarchical-normal-observed"));
  // The naive marginal by quadrature, one group at a time.
  double naive = 0;
  for (std::size_t j = 0; j < y.size(); ++j) {
    auto f = [&](double th) { return std::exp(normal_logpdf(y[j], th, sigma[j]) + normal_logpdf(th, mu, tau)); };
    naive += std::log(boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
        f, -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(), 15, 1e-12));
  }
  CHECK(log_density(r.model, {}).total == Approx(naive).epsilon(1e-8));

  Model u;
  Expr tu = u.draw(hierarchical_normal(mu, tau, 8));
  u.random("y", normal(tu, sigma));
  const rewrite::SimplifyResult ru = rewrite::simplify(u);
  REQUIRE(is_draw(ru.model, "y", DistKind::Normal));
  Rng a(5), b(6);
  CHECK(ks_two_sample(sample_prior(u, 20'000, a, {"y"}).column("y.3"), sample_prior(ru.model, 20'000, b, {"y"}).column("y.3"))
            .p_value > kFalseAlarm);
}

TEST_CASE("hierarchical normal guard: visible group effects stay", "[rewrite][composite][hierarchical][guard]") {
  Model m;
  Expr theta = m.random("theta", hierarchical_normal(0.0, 1.0, 3));
  m.random("y", normal(theta, 2.0));
  m.observe("y", Value(std::vector<double>{0.5, 1.0, -1.0}));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  CHECK(r.model.graph().node(r.model.graph().node(r.model.variable("y").node).inputs[0]).op != Op::Constant);
  CHECK_FALSE(r.notes.empty());
}

TEST_CASE("Bayesian dense layer: marginal mv_normal, stays closed at level 2", "[rewrite][composite][dense]") {
  // X is 2 x 3, column-major.
  const Value X(Shape::matrix(2, 3), {1.0, 0.5, -1.0, 2.0, 0.3, 0.0}, ScalarType::Real);
  const double mw = 0.4, sw = 1.3;
  const std::vector<double> b{1.0, -2.0};
  Model m;
  m.random("z", dense_layer(X, mw, sw, b));
  CHECK(composite_level(m) == 2);
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", DistKind::MvNormal));
  CHECK(fired(r, "dense-layer-marginal"));
  REQUIRE(r.levels.size() == 1);
  CHECK(r.levels[0].level == 2);
  // z[1] = b1 + sum_k X[1,k] w[k]: normal(b1 + m sum_k X[1,k], s |X[1,.]|) exactly.
  const double mean1 = b[0] + mw * (1.0 - 1.0 + 0.3), sd1 = sw * std::sqrt(1.0 + 1.0 + 0.09);
  Rng a(8);
  CHECK(ks_pvalue(sample_prior(m, 100'000, a, {"z"}).column("z.1"), cdf_of(DistKind::Normal, {mean1, sd1})) > kFalseAlarm);
  Rng d(10), e(11);
  CHECK(ks_two_sample(sample_prior(m, 20'000, d, {"z"}).column("z.2"), sample_prior(r.model, 20'000, e, {"z"}).column("z.2"))
            .p_value > kFalseAlarm);
}

TEST_CASE("dense layer with a random scale: expanded level by level", "[rewrite][composite][dense][levels]") {
  const Value X(Shape::matrix(2, 3), {1.0, 0.5, -1.0, 2.0, 0.3, 0.0}, ScalarType::Real);
  Model m;
  Expr s = m.random("s", gamma(2.0, 2.0));
  m.random("z", dense_layer(X, 0.0, s, 0.0));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  CHECK_FALSE(fired(r, "dense-layer-marginal"));
  REQUIRE(r.levels.size() == 3);
  CHECK(r.levels[0].level == 2);
  CHECK(r.levels[1].level == 1);
  CHECK(r.levels[2].level == 0);
  CHECK(composite_level(r.model) == 0);
  rewrite::SimplifyOptions at1;
  at1.level = 1;
  const rewrite::SimplifyResult r1 = rewrite::simplify(m, at1);
  CHECK(composite_level(r1.model) == 1);
  CHECK(to_string(r1.model).find("hierarchical_normal(0, s)") != std::string::npos);
}

TEST_CASE("a random walk written element by element is recognized, guards", "[rewrite][composite][random_walk][guard]") {
  auto build = [](double first_sd, bool observe) {
    Model m;
    std::vector<Expr> xs{m.draw(normal(0.0, first_sd))};
    for (int t = 1; t < 4; ++t) xs.push_back(m.draw(normal(xs.back(), 0.5)));
    m.define("x", stack(xs));
    if (observe) {
      std::vector<Expr> ys;
      for (const Expr& x : xs) ys.push_back(m.draw(normal(x, 1.0)));
      m.define("y", stack(ys));
      m.observe("y", Value(std::vector<double>{0.1, 0.4, -0.2, 0.3}));
      m.monitor({});
    }
    return m;
  };
  const Model walk = rewrite::recognize_random_walks(build(0.5, false));
  CHECK(walk.graph().node(walk.variable("x").node).op == Op::Composite);
  // x[1] with another scale is not the same walk.
  const Model other = rewrite::recognize_random_walks(build(0.7, false));
  CHECK(other.graph().node(other.variable("x").node).op == Op::Stack);
  // Element-wise observations become one vector draw, and the Kalman rule applies.
  const rewrite::SimplifyResult r = rewrite::simplify(build(0.5, true));
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::MvNormal));
  CHECK(log_density(r.model, {}).total == Approx(kalman_loglik({0.1, 0.4, -0.2, 0.3}, 0.0, 0.5, 1.0)).epsilon(1e-10));
}

TEST_CASE("hierarchical normal: the conditional of the group effects, against quadrature",
          "[rewrite][composite][hierarchical]") {
  const double mu = 4.0, tau = 3.5;
  const std::vector<double> y{28, -3}, sigma{15, 16};
  const NormalConditional c = hierarchical_normal_conditional(mu, tau, y, sigma);
  REQUIRE(c.mean.size() == 2);
  for (std::size_t j = 0; j < 2; ++j) {
    auto joint = [&](double th) { return std::exp(normal_logpdf(y[j], th, sigma[j]) + normal_logpdf(th, mu, tau)); };
    using gk = boost::math::quadrature::gauss_kronrod<double, 61>;
    const double inf = std::numeric_limits<double>::infinity();
    const double z = gk::integrate(joint, -inf, inf, 15, 1e-13);
    const double mean = gk::integrate([&](double th) { return th * joint(th); }, -inf, inf, 15, 1e-13) / z;
    const double second = gk::integrate([&](double th) { return th * th * joint(th); }, -inf, inf, 15, 1e-13) / z;
    CHECK(c.mean[j] == Approx(mean).epsilon(1e-8));
    CHECK(c.sd[j] == Approx(std::sqrt(second - mean * mean)).epsilon(1e-6));
  }
  CHECK_THROWS_WITH(hierarchical_normal_conditional(0, 1, {1.0}, {-2.0}), Catch::Contains("sigma[1] is -2"));
  CHECK_THROWS_WITH(hierarchical_normal_conditional(0, 0, {1.0}, {2.0}), Catch::Contains("tau is 0"));
}
