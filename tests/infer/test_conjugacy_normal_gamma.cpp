// The joint conjugate prior of a normal sample's mean and precision (normal-gamma) or
// variance (normal-inverse-gamma): the planner integrates mu out, then tau, and the
// result is checked against the textbook normal-gamma update computed here, the
// closed-form evidence and a dense multivariate Student t (Eigen); NUTS through
// normal_gamma_joint (a hyperprior on mu's prior mean) against quadrature; negative tests
// for independent priors, mismatched powers and a precision seen by a non-conjugate child.
#include <Eigen/Dense>
#include <numbers>
#include <optional>

#include "alea/infer/sampler.hpp"
#include "conjugacy_test_util.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using test::check_joint_agrees;
using test::has_name;
using test::check_posterior_moments;

namespace {

DistKind dist_of(const rewrite::Factorization& f, const std::string& name) {
  return f.model.graph().node(f.model.variable(name).node).dist;
}

// The textbook normal-gamma update (e.g. Murphy, "Conjugate Bayesian analysis of the
// Gaussian distribution", 2007, eqs. 85-89): prior NG(m, k, a, b) with mu | tau ~
// normal(m, 1/sqrt(k tau)), tau ~ gamma(a, b) (rate), n observations.
struct NormalGamma {
  double kappa, mean, a, b;
  // log p(y) = lgamma(a_n) - lgamma(a) + a log b - a_n log b_n + 1/2 log(k / kappa_n) - n/2 log(2 pi).
  double log_evidence = 0;
};

NormalGamma textbook_update(double m, double k, double a, double b, const std::vector<double>& y) {
  const double n = static_cast<double>(y.size());
  double ybar = 0;
  for (double v : y) ybar += v / n;
  double s = 0;
  for (double v : y) s += (v - ybar) * (v - ybar);
  NormalGamma u;
  u.kappa = k + n;
  u.mean = (k * m + n * ybar) / u.kappa;
  u.a = a + n / 2;
  u.b = b + s / 2 + k * n * (ybar - m) * (ybar - m) / (2 * u.kappa);
  u.log_evidence = std::lgamma(u.a) - std::lgamma(a) + a * std::log(b) - u.a * std::log(u.b) +
                   0.5 * std::log(k / u.kappa) - n / 2 * std::log(2 * std::numbers::pi);
  return u;
}

// mu | y is Student t with 2 a_n degrees of freedom, location m_n and scale^2
// b_n / (a_n kappa_n): variance scale^2 nu / (nu - 2), fourth moment 3 scale^4 nu^2 / ((nu - 2)(nu - 4)).
struct TMoments {
  double var, mu4;
};
TMoments student_moments(double nu, double scale2) {
  return {scale2 * nu / (nu - 2), 3 * scale2 * scale2 * nu * nu / ((nu - 2) * (nu - 4))};
}

const std::vector<double> kY{2.3, 1.1, 3.4, 2.8, 0.7, 1.9, 2.6, 3.1, 1.4, 2.2};

}  // namespace

TEST_CASE("normal-gamma: mean and precision with the conjugate joint prior", "[conjugacy][normal-gamma]") {
  const double m0 = 1.0, k = 0.5, a = 3.0, b = 2.0;
  Model m;
  auto tau = m.random("tau", gamma(a, b));
  auto mu = m.random("mu", normal(m0, 1.0 / sqrt(k * tau)));  // BUGS: dnorm(m0, k * tau)
  m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(10));
  m.observe("y", Value(kY));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[0].rfind("normal-normal", 0) == 0);
  CHECK(f.trace[1].rfind("normal-gamma (mean and precision)", 0) == 0);
  CHECK(f.fully_conjugate());
  CHECK(dist_of(f, "y") == DistKind::NormalGammaJoint);
  check_joint_agrees(m, f, 101);

  const NormalGamma u = textbook_update(m0, k, a, b, kY);
  check_posterior_moments(f, "tau", u.a / u.b, u.a / (u.b * u.b), test::gamma_mu4(u.a, u.b), 102);
  const TMoments t = student_moments(2 * u.a, u.b / (u.a * u.kappa));
  check_posterior_moments(f, "mu", u.mean, t.var, t.mu4, 103);
  CHECK(log_evidence(f) == Approx(u.log_evidence).epsilon(1e-10));
}

TEST_CASE("normal-inverse-gamma: mean and variance with the conjugate joint prior", "[conjugacy][normal-gamma]") {
  const double m0 = 2.0, k = 2.0, a = 4.0, b = 3.0;
  Model m;
  auto v = m.random("v", inv_gamma(a, b));
  auto mu = m.random("mu", normal(m0, sqrt(v / k)));
  m.random("y", normal(mu, sqrt(v)), Shape::vector(10));
  m.observe("y", Value(kY));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[1].rfind("normal-inverse-gamma (mean and variance)", 0) == 0);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 111);

  // 1/v ~ gamma(a, b), so v | y ~ inv_gamma(a_n, b_n) with the normal-gamma update's a_n, b_n.
  const NormalGamma u = textbook_update(m0, k, a, b, kY);
  const double var = u.b * u.b / ((u.a - 1) * (u.a - 1) * (u.a - 2));
  const double mu4 = (3.0 + (30 * u.a - 66) / ((u.a - 3) * (u.a - 4))) * var * var;
  check_posterior_moments(f, "v", u.b / (u.a - 1), var, mu4, 112);
  const TMoments t = student_moments(2 * u.a, u.b / (u.a * u.kappa));
  check_posterior_moments(f, "mu", u.mean, t.var, t.mu4, 113);
  CHECK(log_evidence(f) == Approx(u.log_evidence).epsilon(1e-10));
}

TEST_CASE("normal-gamma with affine means and per-observation scales: a dense Student t", "[conjugacy][normal-gamma]") {
  const std::vector<double> a0{0.5, -1, 2, 0, 1, 0.3}, b0{1, 2, -0.5, 3, 1, 0.7}, d{1, 0.5, 2, 1.5, 1, 0.8},
      y{2.1, 1.2, 1.4, 3.9, 2.5, 0.9};
  const double m0 = 0.5, c = 1.5, a = 2.5, b = 1.5;
  Model m;
  auto tau = m.random("tau", gamma(a, b));
  auto mu = m.random("mu", normal(m0, c / sqrt(tau)));
  m.random("y", normal(m.constant(Value(a0)) + m.constant(Value(b0)) * mu, m.constant(Value(d)) / sqrt(tau)));
  m.observe("y", Value(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  CHECK(dist_of(f, "y") == DistKind::NormalGammaJoint);
  check_joint_agrees(m, f, 121);

  // Given tau, y ~ mv_normal(a0 + b0 m0, Sigma0 / tau) with Sigma0 = diag(d^2) + c^2 b0 b0'.
  const int n = 6;
  Eigen::MatrixXd sigma0 = Eigen::MatrixXd::Zero(n, n);
  Eigen::VectorXd r(n);
  for (int i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    r(i) = y[ui] - a0[ui] - b0[ui] * m0;
    for (int j = 0; j < n; ++j) sigma0(i, j) = c * c * b0[ui] * b0[static_cast<std::size_t>(j)];
    sigma0(i, i) += d[ui] * d[ui];
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(sigma0);
  const double logdet = 2 * Eigen::MatrixXd(llt.matrixL()).diagonal().array().log().sum();
  const double q = r.dot(llt.solve(r));
  const double an = a + n / 2.0, bn = b + q / 2;
  check_posterior_moments(f, "tau", an / bn, an / (bn * bn), test::gamma_mu4(an, bn), 122);
  const double evidence = -n / 2.0 * std::log(2 * std::numbers::pi) - 0.5 * logdet + a * std::log(b) - std::lgamma(a) +
                          std::lgamma(an) - an * std::log(bn);
  CHECK(log_evidence(f) == Approx(evidence).epsilon(1e-10));
}

TEST_CASE("normal-gamma with one mu per observation: a scaled precision", "[conjugacy][normal-gamma]") {
  // mu[i] ~ normal(m, 1/sqrt(k tau)), y[i] ~ normal(mu[i], 1/sqrt(tau)) gives
  // y[i] ~ normal(m, sqrt((1 + 1/k) / tau)): tau | y ~ gamma(a + n/2, b + sum((y - m)^2) / (2 (1 + 1/k))).
  const double m0 = 2.0, k = 4.0, a = 3.0, b = 2.0;
  Model m;
  auto tau = m.random("tau", gamma(a, b));
  auto mu = m.random("mu", normal(m0, 1.0 / sqrt(k * tau)), Shape::vector(10));
  m.random("y", normal(mu, 1.0 / sqrt(tau)));
  m.observe("y", Value(kY));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[1].rfind("normal-gamma (precision)", 0) == 0);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 131);
  const double scale2 = 1 + 1 / k, n = 10;
  double q = 0;
  for (double v : kY) q += (v - m0) * (v - m0) / scale2;
  const double an = a + n / 2, bn = b + q / 2;
  check_posterior_moments(f, "tau", an / bn, an / (bn * bn), test::gamma_mu4(an, bn), 132);
  const double evidence = -n / 2 * std::log(2 * std::numbers::pi * scale2) + a * std::log(b) - std::lgamma(a) +
                          std::lgamma(an) - an * std::log(bn);
  CHECK(log_evidence(f) == Approx(evidence).epsilon(1e-10));

  SECTION("one observation: a Student t marginal with the textbook evidence") {
    Model one;
    auto t1 = one.random("tau", gamma(a, b));
    auto mu1 = one.random("mu", normal(m0, 1.0 / sqrt(k * t1)));
    one.random("y", normal(mu1, 1.0 / sqrt(t1)));
    one.observe("y", Value(kY[0]));
    const auto f1 = rewrite::conjugate(one);
    REQUIRE(f1.fully_conjugate());
    CHECK(dist_of(f1, "y") == DistKind::StudentT);
    check_joint_agrees(one, f1, 133);
    const NormalGamma u = textbook_update(m0, k, a, b, {kY[0]});
    CHECK(log_evidence(f1) == Approx(u.log_evidence).epsilon(1e-10));
    check_posterior_moments(f1, "tau", u.a / u.b, u.a / (u.b * u.b), test::gamma_mu4(u.a, u.b), 134);
  }
}

TEST_CASE("NUTS on a hyperprior through normal_gamma_joint, tau and mu drawn exactly given it",
          "[conjugacy][normal-gamma][nuts]") {
  // m0 ~ normal(0, 10) is the prior mean of mu: mu and tau are integrated out, m0 is left to
  // NUTS (central-difference partials of normal_gamma_joint), tau and mu drawn exactly given
  // m0. Exact: p(m0 | y) is proportional to normal(m0; 0, 10) times the textbook evidence
  // given m0; E[m0 | y] and E[tau | y] = E[a_n / b_n(m0) | y] by Gauss-Kronrod quadrature.
  const double k = 0.5, a = 2.0, b = 1.0, s0 = 10.0;
  Model m;
  auto m0 = m.random("m0", normal(0.0, s0));
  auto tau = m.random("tau", gamma(a, b));
  auto mu = m.random("mu", normal(m0, 1.0 / sqrt(k * tau)));
  m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(10));
  m.observe("y", Value(kY));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.remaining == std::vector<std::string>{"m0"});
  CHECK(dist_of(f, "y") == DistKind::NormalGammaJoint);
  check_joint_agrees(m, f, 151);

  const auto log_post = [&](double x) {
    return textbook_update(x, k, a, b, kY).log_evidence - 0.5 * x * x / (s0 * s0);
  };
  const double centre = log_post(2.2);
  const auto integrate = [&](auto g) {
    return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
        [&](double x) { return g(x) * std::exp(log_post(x) - centre); }, -40.0, 40.0, 20, 1e-12);
  };
  const double z = integrate([](double) { return 1.0; });
  const double mean_m0 = integrate([](double x) { return x; }) / z;
  const double mean_tau = integrate([&](double x) {
                            const NormalGamma u = textbook_update(x, k, a, b, kY);
                            return u.a / u.b;
                          }) / z;

  SamplerOptions o;
  o.warmup = 1000;
  o.draws = 2000;
  o.chains = 4;
  o.seed = 152;
  const auto r = sample_chains(f.model, o);
  const test::McEstimate em0 = test::mc_estimate(test::chains_of(r, "m0"));
  const test::McEstimate etau = test::mc_estimate(test::chains_of(r, "tau"));
  INFO("m0: " << em0.mean << " +- " << em0.mcse << " vs " << mean_m0 << "; tau: " << etau.mean << " +- " << etau.mcse
              << " vs " << mean_tau);
  CHECK(test::within_mcse(em0, mean_m0));
  CHECK(test::within_mcse(etau, mean_tau));
}

TEST_CASE("normal-gamma guards: what must not be integrated out", "[conjugacy][normal-gamma][negative]") {
  SECTION("independent priors: only a semi-conjugate step, one of mu and tau left to NUTS") {
    // The planner takes latents in declaration order: mu first integrates mu out and
    // leaves tau (its child's mean sd s0 does not scale with tau); tau first integrates
    // tau out given mu (known-mean precision) and leaves mu.
    for (const bool mu_first : {true, false}) {
      INFO("mu declared first: " << mu_first);
      Model m;
      std::optional<Expr> mu;
      if (mu_first) mu = m.random("mu", normal(1.0, 2.0));
      auto tau = m.random("tau", gamma(3.0, 2.0));
      if (!mu_first) mu = m.random("mu", normal(1.0, 2.0));
      m.random("y", normal(*mu, 1.0 / sqrt(tau)), Shape::vector(10));
      m.observe("y", Value(kY));
      const auto f = rewrite::conjugate(m);
      REQUIRE(f.trace.size() == 1);
      CHECK(f.trace[0].rfind(mu_first ? "normal-normal" : "normal-gamma (precision)", 0) == 0);
      CHECK(f.remaining == std::vector<std::string>{mu_first ? "tau" : "mu"});
      CHECK(has_name(f.exact, mu_first ? "mu" : "tau"));
      check_joint_agrees(m, f, mu_first ? 141 : 144);
    }
  }
  SECTION("different powers of tau in mu's sd and y's sd") {
    Model m;
    auto tau = m.random("tau", gamma(3.0, 2.0));
    auto mu = m.random("mu", normal(1.0, 1.0 / tau));
    m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(10));
    m.observe("y", Value(kY));
    const auto f = rewrite::conjugate(m);
    CHECK(f.trace.size() == 1);
    CHECK(f.remaining == std::vector<std::string>{"tau"});
    check_joint_agrees(m, f, 142);
  }
  SECTION("a variance prior on a precision-form sd") {
    Model m;
    auto v = m.random("v", inv_gamma(3.0, 2.0));
    auto mu = m.random("mu", normal(1.0, 1.0 / sqrt(v)));
    m.random("y", normal(mu, 1.0 / sqrt(v)), Shape::vector(10));
    m.observe("y", Value(kY));
    const auto f = rewrite::conjugate(m);
    CHECK(f.remaining == std::vector<std::string>{"v"});
  }
  SECTION("tau also observed through a non-conjugate child stays for NUTS") {
    Model m;
    auto tau = m.random("tau", gamma(3.0, 2.0));
    auto mu = m.random("mu", normal(1.0, 1.0 / sqrt(2.0 * tau)));
    m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(10));
    m.random("z", normal(log(tau), 1.0));
    m.observe("y", Value(kY));
    m.observe("z", Value(0.3));
    const auto f = rewrite::conjugate(m);
    CHECK(f.remaining == std::vector<std::string>{"tau"});
    CHECK_FALSE(f.fully_conjugate());
    check_joint_agrees(m, f, 143);
    Rng rng(1);
    CHECK_THROWS_WITH(sample_posterior(f, 10, rng), Catch::Contains("'tau'"));
  }
}
