// Conjugate pairs with gamma and beta priors (Poisson with exposure, exponential,
// gamma, Bernoulli, binomial, geometric, negative binomial), one table row a pair:
// the joint densities agree, the posterior has the textbook moments (gamma: shape and
// RATE; beta: successes and failures, so that a mix-up fails), and the log evidence
// matches a quadrature of the naive joint density.
#include <functional>

#include "conjugacy_test_util.hpp"

using namespace alea;

namespace {

struct PairCase {
  const char* rule;
  std::function<Model()> build;  // latent "t", observed "y"
  bool gamma_posterior;          // else beta
  double p1, p2;                 // textbook posterior: gamma(shape, rate) or beta(a, b)
  double hi;                     // quadrature range [0, hi]
};


std::vector<PairCase> cases() {
  const std::vector<double> e{1, 2, 0.5, 3};
  std::vector<PairCase> out;
  out.push_back({"gamma-poisson", [e] {
                   Model m;
                   auto t = m.random("t", gamma(2.0, 1.0));
                   m.random("y", poisson(m.constant(Value(e)) * t));
                   m.observe("y", Value::integers({3, 5, 1, 9}));
                   return m;
                 },
                 true, 2.0 + 18, 1.0 + 6.5, 15.0});
  out.push_back({"gamma-poisson", [e] {  // exponential(b) = gamma(1, b) as a prior
                   Model m;
                   auto t = m.random("t", exponential(1.5));
                   m.random("y", poisson(m.constant(Value(e)) * t));
                   m.observe("y", Value::integers({3, 5, 1, 9}));
                   return m;
                 },
                 true, 1.0 + 18, 1.5 + 6.5, 15.0});
  out.push_back({"gamma-exponential", [] {
                   Model m;
                   auto t = m.random("t", gamma(3.0, 2.0));
                   m.random("y", exponential(t), Shape::vector(5));
                   m.observe("y", Value({0.5, 1.5, 0.2, 2.0, 0.8}));
                   return m;
                 },
                 true, 3.0 + 5, 2.0 + 5.0, 10.0});
  out.push_back({"gamma-gamma (rate)", [] {
                   Model m;
                   auto t = m.random("t", gamma(3.0, 2.0));
                   m.random("y", gamma(2.5, t), Shape::vector(4));
                   m.observe("y", Value({1.5, 3.0, 0.7, 2.2}));
                   return m;
                 },
                 true, 3.0 + 4 * 2.5, 2.0 + 7.4, 10.0});
  out.push_back({"beta-binomial", [] {
                   Model m;
                   auto t = m.random("t", beta(2.0, 3.0));
                   m.random("y", binomial(m.constant(Value::integers({10, 5, 8})), t));
                   m.observe("y", Value::integers({6, 2, 5}));
                   return m;
                 },
                 false, 2.0 + 13, 3.0 + 10, 1.0});
  out.push_back({"beta-bernoulli", [] {
                   Model m;
                   auto t = m.random("t", beta(1.5, 0.5));
                   m.random("y", bernoulli(t), Shape::vector(7));
                   m.observe("y", Value::integers({1, 0, 0, 1, 1, 0, 1}));
                   return m;
                 },
                 false, 1.5 + 4, 0.5 + 3, 1.0});
  out.push_back({"beta-geometric", [] {
                   Model m;
                   auto t = m.random("t", beta(2.0, 2.0));
                   m.random("y", geometric(t), Shape::vector(4));
                   m.observe("y", Value::integers({0, 3, 1, 5}));
                   return m;
                 },
                 false, 2.0 + 4, 2.0 + 9, 1.0});
  out.push_back({"beta-negative-binomial", [] {
                   Model m;
                   auto t = m.random("t", beta(2.0, 2.0));
                   m.random("y", neg_binomial(3.0, t), Shape::vector(3));
                   m.observe("y", Value::integers({2, 7, 4}));
                   return m;
                 },
                 false, 2.0 + 9, 2.0 + 13, 1.0});
  return out;
}

}  // namespace

TEST_CASE("gamma and beta pairs against their closed forms", "[conjugacy][discrete]") {
  std::uint64_t seed = 100;
  for (const PairCase& c : cases()) {
    INFO("pair " << c.rule);
    const Model m = c.build();
    const auto f = rewrite::conjugate(m);
    REQUIRE(f.trace.size() == 1);
    CHECK(f.trace[0].rfind(c.rule, 0) == 0);
    CHECK(f.fully_conjugate());
    test::check_joint_agrees(m, f, ++seed);
    double mean, var, mu4;
    if (c.gamma_posterior) {
      mean = c.p1 / c.p2, var = c.p1 / (c.p2 * c.p2), mu4 = test::gamma_mu4(c.p1, c.p2);
    } else {
      const double s = c.p1 + c.p2;
      mean = c.p1 / s, var = c.p1 * c.p2 / (s * s * (s + 1)), mu4 = test::beta_mu4(c.p1, c.p2);
    }
    test::check_posterior_moments(f, "t", mean, var, mu4, ++seed);
    CHECK(log_evidence(f) == Approx(test::log_evidence_by_quadrature(m, "t", 0.0, c.hi, mean)).epsilon(1e-8));
  }
}

TEST_CASE("one count: the gamma-poisson marginal is the negative binomial", "[conjugacy][discrete]") {
  Model m;
  auto t = m.random("t", gamma(2.0, 1.0));
  m.random("k", poisson(t));
  m.observe("k", Value::integer(4));
  const auto f = rewrite::conjugate(m);
  CHECK(f.model.graph().node(f.model.variable("k").node).dist == DistKind::NegativeBinomial);
  // neg_binomial(2, 1/2) at 4: C(5, 4) (1/2)^2 (1/2)^4 = 5/64.
  CHECK(log_evidence(f) == Approx(std::log(5.0 / 64.0)).epsilon(1e-12));
}

TEST_CASE("one latent per observation: elementwise beta-binomial", "[conjugacy][discrete]") {
  Model m;
  auto t = m.random("t", beta(1.0, 1.0), Shape::vector(3));
  m.random("y", binomial(m.constant(Value::integers({10, 4, 7})), t));
  m.observe("y", Value::integers({3, 4, 0}));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  CHECK(f.model.graph().node(f.model.variable("y").node).dist == DistKind::BetaBinomial);
  test::check_joint_agrees(m, f, 300);
  // t[2] | y ~ beta(1 + 4, 1 + 0); each y[j] ~ beta_binomial(n, 1, 1) is uniform on 0..n.
  test::check_posterior_moments(f, "t.2", 5.0 / 6.0, 5.0 / (36.0 * 7.0), test::beta_mu4(5, 1), 301);
  CHECK(log_evidence(f) == Approx(-std::log(11.0) - std::log(5.0) - std::log(8.0)).epsilon(1e-12));
}

TEST_CASE("dirichlet-multinomial and dirichlet-categorical against their closed forms", "[conjugacy][discrete]") {
  SECTION("multinomial counts") {
    Model m;
    auto p = m.random("p", dirichlet({1.0, 2.0, 3.0}));
    m.random("y", multinomial(10, p));
    m.observe("y", Value::integers({2, 5, 3}));
    const auto f = rewrite::conjugate(m);
    REQUIRE(f.trace.size() == 1);
    CHECK(f.trace[0].rfind("dirichlet-multinomial", 0) == 0);
    test::check_joint_agrees(m, f, 400);
    // p | y ~ dirichlet(3, 7, 6): p[1] ~ beta(3, 13).
    test::check_posterior_moments(f, "p.1", 3.0 / 16, 3.0 * 13 / (256.0 * 17), test::beta_mu4(3, 13), 401);
    double expected = std::lgamma(11.0) + std::lgamma(6.0) - std::lgamma(16.0);
    const double a[] = {1, 2, 3}, y[] = {2, 5, 3};
    for (int k = 0; k < 3; ++k) expected += std::lgamma(a[k] + y[k]) - std::lgamma(a[k]) - std::lgamma(y[k] + 1);
    CHECK(log_evidence(f) == Approx(expected).epsilon(1e-12));
  }
  SECTION("categorical observations, one variable each: the rule applies once per observation") {
    Model m;
    auto p = m.random("p", dirichlet({0.5, 1.0, 2.0}));
    const int obs[] = {1, 3, 3};
    for (int i = 0; i < 3; ++i) {
      const std::string name = "y" + std::to_string(i + 1);
      m.random(name, categorical(p));
      m.observe(name, Value::integer(obs[i]));
    }
    const auto f = rewrite::conjugate(m);
    REQUIRE(f.trace.size() == 3);
    CHECK(f.trace[0].rfind("dirichlet-categorical", 0) == 0);
    CHECK(f.fully_conjugate());
    test::check_joint_agrees(m, f, 410);
    // counts (1, 0, 2): p | y ~ dirichlet(1.5, 1, 4), p[3] ~ beta(4, 2.5).
    test::check_posterior_moments(f, "p.3", 4 / 6.5, 4 * 2.5 / (6.5 * 6.5 * 7.5), test::beta_mu4(4, 2.5), 411);
    double expected = std::lgamma(3.5) - std::lgamma(6.5);
    const double a[] = {0.5, 1, 2}, c[] = {1, 0, 2};
    for (int k = 0; k < 3; ++k) expected += std::lgamma(a[k] + c[k]) - std::lgamma(a[k]);
    CHECK(log_evidence(f) == Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("exact draws of two independent latents over several blocks: reproducible, lp__ exact", "[conjugacy][posterior]") {
  // Two posteriors drawn block by block (4,096 rows a block): t | y ~ gamma(2 + 18, 1 + 4),
  // u | z ~ beta(2 + 13, 2 + 10). Each row's lp__ must be log p(y) + log p(z) (the evidence)
  // plus the two posterior log densities at the row, written here from the closed forms;
  // the same seed gives the same table; the two columns are independent.
  Model m;
  auto t = m.random("t", gamma(2.0, 1.0));
  m.random("y", poisson(t), Shape::vector(4));
  m.observe("y", Value::integers({3, 5, 1, 9}));
  auto u = m.random("u", beta(2.0, 2.0));
  m.random("z", binomial(m.constant(Value::integers({10, 5, 8})), u));
  m.observe("z", Value::integers({7, 2, 4}));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  const std::size_t n = 10000;
  Rng rng1(77), rng2(77);
  const DrawTable a = sample_posterior(f, n, rng1, {"t", "u"}), b = sample_posterior(f, n, rng2, {"t", "u"});
  REQUIRE(a.rows() == n);
  const double evidence = log_evidence(f);
  std::size_t differ = 0, wrong_lp = 0;
  for (std::size_t r = 0; r < n; ++r) {
    differ += a.at(r, 0) != b.at(r, 0) || a.at(r, 1) != b.at(r, 1) || a.lp(r) != b.lp(r);
    const double x = a.at(r, 0), p = a.at(r, 1);
    const double gamma_lp = 20 * std::log(5.0) - std::lgamma(20.0) + 19 * std::log(x) - 5 * x;
    const double beta_lp = std::lgamma(27.0) - std::lgamma(15.0) - std::lgamma(12.0) + 14 * std::log(p) + 11 * std::log1p(-p);
    wrong_lp += std::abs(a.lp(r) - (evidence + gamma_lp + beta_lp)) > 1e-9 * std::max(1.0, std::abs(a.lp(r)));
  }
  CHECK(differ == 0);
  CHECK(wrong_lp == 0);
  // Independence: the sample correlation of independent columns is within 4.5 / sqrt(n)
  // (normal approximation; false alarm 7e-6).
  const std::vector<double> xs = a.column("t"), ps = a.column("u");
  const auto mx = test::moments(xs), mp = test::moments(ps);
  double cov = 0;
  for (std::size_t r = 0; r < n; ++r) cov += (xs[r] - mx.mean) * (ps[r] - mp.mean);
  cov /= static_cast<double>(n - 1);
  CHECK(std::abs(cov / std::sqrt(mx.var * mp.var)) < 4.5 / std::sqrt(static_cast<double>(n)));
  // And each column has its posterior's moments (the suite's CLT checks).
  CHECK(test::mean_within_clt(xs, 4.0, 20.0 / 25.0));
  CHECK(test::mean_within_clt(ps, 15.0 / 27.0, 15.0 * 12.0 / (27.0 * 27.0 * 28.0)));
}
