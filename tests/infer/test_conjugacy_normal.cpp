// Conjugate pairs with a normal likelihood (normal mean, precision, variance) and the
// chain mu -> theta[j] -> y[j], against textbook closed forms; negative tests for the
// guards (a non-conjugate child, a latent used non-affinely, a Poisson rate with an offset).
#include <Eigen/Dense>
#include <numbers>

#include "conjugacy_test_util.hpp"

using namespace alea;
using test::check_joint_agrees;
using test::vec;
using test::has_name;
using test::check_posterior_moments;

TEST_CASE("normal-normal: affine means a + b * mu with per-observation sd", "[conjugacy][normal]") {
  const std::vector<double> a{0.5, -1, 2, 0, 1}, b{1, 2, -0.5, 3, 1}, sigma{1, 0.5, 2, 1.5, 1},
      y{2.1, 1.2, 1.4, 3.9, 2.5};
  Model m;
  auto mu = m.random("mu", normal(1.0, 2.0));
  m.random("y", normal(vec(m, a) + vec(m, b) * mu, vec(m, sigma)));
  m.observe("y", Value(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.trace[0].rfind("normal-normal", 0) == 0);
  CHECK(f.exact == std::vector<std::string>{"mu"});
  CHECK(f.fully_conjugate());
  CHECK(f.model.graph().node(f.model.variable("y").node).dist == DistKind::NormalMeanJoint);
  check_joint_agrees(m, f, 11);
  // Textbook: precision P = 1/s^2 + sum b^2/sigma^2, mean (m/s^2 + sum b (y - a)/sigma^2) / P.
  double p = 1.0 / 4.0, w = 1.0 / 4.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    p += b[i] * b[i] / (sigma[i] * sigma[i]);
    w += b[i] * (y[i] - a[i]) / (sigma[i] * sigma[i]);
  }
  check_posterior_moments(f, "mu", w / p, 1 / p, test::normal_mu4(1 / p), 12);
  const double sd = std::sqrt(1 / p);
  CHECK(log_evidence(f) ==
        Approx(test::log_evidence_by_quadrature(m, "mu", w / p - 30 * sd, w / p + 30 * sd, w / p)).epsilon(1e-9));
}

TEST_CASE("normal-normal: one observation gets the classical normal marginal", "[conjugacy][normal]") {
  Model m;
  auto mu = m.random("mu", normal(0.0, 3.0));
  m.random("y", normal(2.0 * mu - 1.0, 0.5));
  m.observe("y", Value(4.0));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  const Node& y = f.model.graph().node(f.model.variable("y").node);
  CHECK(y.dist == DistKind::Normal);
  check_joint_agrees(m, f, 21);
  // y ~ normal(-1, sqrt(0.25 + 4 * 9)) marginally.
  const double sd = std::sqrt(0.25 + 36.0), z = (4.0 + 1.0) / sd;
  CHECK(log_evidence(f) == Approx(-0.5 * z * z - std::log(sd) - 0.5 * std::log(2 * std::numbers::pi)).epsilon(1e-12));
  const double p = 1.0 / 9.0 + 4.0 / 0.25, mean = (2.0 * 5.0 / 0.25) / p;
  check_posterior_moments(f, "mu", mean, 1 / p, test::normal_mu4(1 / p), 22);
}

TEST_CASE("normal-gamma: precision with a gamma prior, known mean", "[conjugacy][normal]") {
  const std::vector<double> y{1.2, 0.4, 2.9, 1.7, 1.1, 2.2, 0.8, 1.9};
  Model m;
  auto tau = m.random("tau", gamma(3.0, 2.0));
  m.random("y", normal(1.5, 1.0 / sqrt(tau)), Shape::vector(8));
  m.observe("y", Value(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.trace[0].rfind("normal-gamma", 0) == 0);
  check_joint_agrees(m, f, 31);
  double q = 0;
  for (double v : y) q += (v - 1.5) * (v - 1.5);
  const double shape = 3.0 + 4.0, rate = 2.0 + q / 2;  // gamma(al + n/2, be + Q/2), rate not scale
  check_posterior_moments(f, "tau", shape / rate, shape / (rate * rate), test::gamma_mu4(shape, rate), 32);
  CHECK(log_evidence(f) == Approx(test::log_evidence_by_quadrature(m, "tau", 0.0, 60.0, shape / rate)).epsilon(1e-9));
}

TEST_CASE("normal-inverse-gamma: variance with an inverse-gamma prior, known mean", "[conjugacy][normal]") {
  const std::vector<double> y{0.3, -1.1, 2.0, 0.7, -0.4, 1.6};
  Model m;
  auto v = m.random("v", inv_gamma(4.0, 3.0));
  m.random("y", normal(0.0, sqrt(v)), Shape::vector(6));
  m.observe("y", Value(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  CHECK(f.trace[0].rfind("normal-inverse-gamma", 0) == 0);
  check_joint_agrees(m, f, 41);
  double q = 0;
  for (double x : y) q += x * x;
  const double a = 4.0 + 3.0, b = 3.0 + q / 2;  // inv_gamma(al + n/2, be + Q/2)
  const double var = b * b / ((a - 1) * (a - 1) * (a - 2));
  const double mu4 = (3.0 + (30 * a - 66) / ((a - 3) * (a - 4))) * var * var;
  check_posterior_moments(f, "v", b / (a - 1), var, mu4, 42);
  CHECK(log_evidence(f) == Approx(test::log_evidence_by_quadrature(m, "v", 0.0, 80.0, b / (a - 1))).epsilon(1e-9));
}

TEST_CASE("chain mu -> theta[j] -> y[j] with known tau is fully conjugate", "[conjugacy][normal][chain]") {
  const std::vector<double> y{28, 8, -3, 7, -1, 1, 18, 12}, sigma{15, 10, 16, 11, 9, 11, 10, 18};
  const double tau = 6.0, s0 = 20.0;
  Model m;
  auto mu = m.random("mu", normal(0.0, s0));
  auto theta = m.random("theta", normal(mu, tau), Shape::vector(8));
  m.random("y", normal(theta, vec(m, sigma)));
  m.observe("y", Value(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.fully_conjugate());
  CHECK(has_name(f.exact, "mu"));
  CHECK(has_name(f.exact, "theta"));
  check_joint_agrees(m, f, 51);
  // y ~ mv_normal(0, diag(tau^2 + sigma^2) + s0^2 1 1').
  Eigen::MatrixXd cov = Eigen::MatrixXd::Constant(8, 8, s0 * s0);
  Eigen::VectorXd yv(8);
  double p = 1 / (s0 * s0), w = 0;
  for (int j = 0; j < 8; ++j) {
    const double v = tau * tau + sigma[static_cast<std::size_t>(j)] * sigma[static_cast<std::size_t>(j)];
    cov(j, j) += v;
    yv(j) = y[static_cast<std::size_t>(j)];
    p += 1 / v;
    w += yv(j) / v;
  }
  const Eigen::LLT<Eigen::MatrixXd> llt(cov);
  const double logdet = 2 * Eigen::MatrixXd(llt.matrixL()).diagonal().array().log().sum();
  const double quad = yv.dot(llt.solve(yv));
  CHECK(log_evidence(f) == Approx(-0.5 * (8 * std::log(2 * std::numbers::pi) + logdet + quad)).epsilon(1e-10));
  check_posterior_moments(f, "mu", w / p, 1 / p, test::normal_mu4(1 / p), 52);
  // theta[1] | y: normal given mu, mixed over mu's posterior.
  const double pj = 1 / (tau * tau) + 1 / (sigma[0] * sigma[0]);
  const double mean1 = (w / p / (tau * tau) + y[0] / (sigma[0] * sigma[0])) / pj;
  const double var1 = 1 / pj + std::pow(1 / (tau * tau * pj), 2) / p;
  check_posterior_moments(f, "theta.1", mean1, var1, test::normal_mu4(var1), 53);
}

TEST_CASE("eight schools with an unknown tau: tau remains, mu and theta are Gibbs blocks", "[conjugacy][chain]") {
  Model m;
  auto mu = m.random("mu", normal(0.0, 100.0));
  auto tau = m.random("tau", half_cauchy(5.0));
  auto theta = m.random("theta", normal(mu, tau), Shape::vector(8));
  m.random("y", normal(theta, vec(m, {15, 10, 16, 11, 9, 11, 10, 18})));
  m.observe("y", Value(std::vector<double>{28, 8, -3, 7, -1, 1, 18, 12}));
  const auto f = rewrite::conjugate(m);
  CHECK(f.remaining == std::vector<std::string>{"tau"});
  CHECK(has_name(f.exact, "mu"));
  CHECK(has_name(f.exact, "theta"));
  check_joint_agrees(m, f, 61);
  Rng rng(1);
  CHECK_THROWS_WITH(sample_posterior(f, 10, rng), Catch::Contains("'tau'") && Catch::Contains("not fully conjugate"));
  CHECK_THROWS_WITH(log_evidence(f), Catch::Contains("'tau'"));
}

TEST_CASE("guards: what must not be rewritten", "[conjugacy][negative]") {
  SECTION("a prior shared by a non-conjugate child remains for MCMC") {
    Model m;
    auto lambda = m.random("lambda", gamma(2.0, 1.0));
    m.random("y", poisson(lambda), Shape::vector(3));
    m.random("z", normal(log(lambda), 1.0));
    m.observe("y", Value::integers({2, 4, 3}));
    m.observe("z", Value(1.0));
    const auto f = rewrite::conjugate(m);
    CHECK(f.remaining == std::vector<std::string>{"lambda"});
    check_joint_agrees(m, f, 71);
  }
  SECTION("a latent used non-affinely in the mean") {
    Model m;
    auto mu = m.random("mu", normal(0.0, 1.0));
    m.random("y", normal(mu * mu, 1.0));
    m.observe("y", Value(0.5));
    const auto f = rewrite::conjugate(m);
    CHECK(f.trace.empty());
    CHECK(f.remaining == std::vector<std::string>{"mu"});
  }
  SECTION("a Poisson rate with an offset (a precision with a scale factor is conjugate)") {
    Model m;
    auto tau = m.random("tau", gamma(2.0, 1.0));
    auto lambda = m.random("lambda", gamma(2.0, 1.0));
    m.random("y", normal(0.0, 2.0 / sqrt(tau)));
    m.random("k", poisson(lambda + 1.0));
    m.observe("y", Value(0.5));
    m.observe("k", Value::integer(3));
    const auto f = rewrite::conjugate(m);
    REQUIRE(f.trace.size() == 1);
    CHECK(f.trace[0].rfind("normal-gamma (precision)", 0) == 0);
    CHECK(f.remaining == std::vector<std::string>{"lambda"});
    check_joint_agrees(m, f, 72);
  }
  SECTION("a latent whose child's sd also depends on it") {
    Model m;
    auto mu = m.random("mu", normal(1.0, 1.0));
    m.random("y", normal(mu, exp(mu)));
    m.observe("y", Value(0.5));
    CHECK(rewrite::conjugate(m).trace.empty());
  }
}
