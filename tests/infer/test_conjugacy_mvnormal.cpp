// The linear-Gaussian pair (mv_normal latent, mv_normal or elementwise normal child with
// a constant design matrix) against the textbook closed forms computed here with Eigen in
// the covariance (Kalman gain) form; negative tests for the guards.
#include <Eigen/Dense>
#include <numbers>

#include "conjugacy_test_util.hpp"

using namespace alea;
using test::check_joint_agrees;
using test::vec;
using test::mat;

namespace {

// The textbook posterior and evidence of x ~ N(m, S), y ~ N(A x + b, R).
struct Gaussian {
  Eigen::VectorXd mean;
  Eigen::MatrixXd cov;
  double log_evidence;
};
Gaussian textbook(const Eigen::VectorXd& m, const Eigen::MatrixXd& S, const Eigen::MatrixXd& A,
                  const Eigen::VectorXd& b, const Eigen::MatrixXd& R, const Eigen::VectorXd& y) {
  const Eigen::MatrixXd P = A * S * A.transpose() + R;
  const Eigen::MatrixXd K = S * A.transpose() * P.inverse();
  const Eigen::VectorXd r = y - A * m - b;
  const Eigen::LLT<Eigen::MatrixXd> chol(P);
  const Eigen::MatrixXd L = chol.matrixL();
  const double quad = r.dot(P.inverse() * r);
  const double log_det = 2.0 * L.diagonal().array().log().sum();
  const double n = static_cast<double>(y.size());
  return {m + K * r, S - K * A * S, -0.5 * (quad + log_det + n * std::log(2 * std::numbers::pi))};
}

// Each element of the exact posterior draws of `name` and the projection c'x (which
// checks the covariance off the diagonal) against the normal moments, at the suite's
// false-alarm rate per check.
void check_mv_posterior(const rewrite::Factorization& f, const std::string& name, const Gaussian& t,
                        const Eigen::VectorXd& c, std::uint64_t seed, std::size_t draws = 40000) {
  Rng rng(seed);
  const DrawTable table = sample_posterior(f, draws, rng);
  const auto k = t.mean.size();
  std::vector<double> proj(draws, 0.0);
  for (Eigen::Index j = 0; j < k; ++j) {
    const std::vector<double> xs = table.column(name + "." + std::to_string(j + 1));
    const double var = t.cov(j, j);
    INFO(name << "." << j + 1 << ": sample mean " << test::moments(xs).mean << " vs " << t.mean(j));
    CHECK(test::mean_within_clt(xs, t.mean(j), var));
    CHECK(test::var_within_clt(xs, var, test::normal_mu4(var)));
    for (std::size_t r = 0; r < draws; ++r) proj[r] += c(j) * xs[r];
  }
  const double var = c.dot(t.cov * c);
  INFO("projection: sample variance " << test::moments(proj).var << " vs " << var);
  CHECK(test::mean_within_clt(proj, c.dot(t.mean), var));
  CHECK(test::var_within_clt(proj, var, test::normal_mu4(var)));
}

}  // namespace

TEST_CASE("linear-gaussian: mv_normal latent, mv_normal child A x + b", "[conjugacy][mvnormal]") {
  Eigen::VectorXd m0(2), b(3), y(3);
  Eigen::MatrixXd S(2, 2), A(3, 2), R(3, 3);
  m0 << 1.0, -0.5;
  S << 2.0, 0.6, 0.6, 1.0;
  A << 1.0, 0.5, -0.3, 2.0, 0.8, 0.1;
  b << 0.2, -1.0, 0.5;
  R << 0.5, 0.1, 0.0, 0.1, 0.8, -0.2, 0.0, -0.2, 1.2;
  y << 1.7, -0.4, 2.3;
  Model m;
  auto x = m.random("x", mv_normal(vec(m, m0), mat(m, S)));
  m.random("y", mv_normal(matvec(mat(m, A), x) + vec(m, b), mat(m, R)));
  m.observe("y", Value(std::vector<double>(y.data(), y.data() + 3)));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.trace[0].rfind("linear-gaussian", 0) == 0);
  CHECK(f.exact == std::vector<std::string>{"x"});
  check_joint_agrees(m, f, 501);
  const Gaussian t = textbook(m0, S, A, b, R, y);
  check_mv_posterior(f, "x", t, Eigen::Vector2d(1.0, 1.0), 502);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("linear-gaussian: the latent itself as the mean, y ~ mv_normal(x, R)", "[conjugacy][mvnormal]") {
  Eigen::VectorXd m0(2), y(2);
  Eigen::MatrixXd S(2, 2), R(2, 2);
  m0 << 0.0, 3.0;
  S << 1.0, -0.4, -0.4, 2.0;
  R << 0.3, 0.0, 0.0, 0.3;
  y << 0.9, 2.1;
  Model m;
  auto x = m.random("x", mv_normal(vec(m, m0), mat(m, S)));
  m.random("y", mv_normal(x, mat(m, R)));
  m.observe("y", Value({0.9, 2.1}));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.fully_conjugate());
  check_joint_agrees(m, f, 511);
  const Gaussian t = textbook(m0, S, Eigen::MatrixXd::Identity(2, 2), Eigen::VectorXd::Zero(2), R, y);
  check_mv_posterior(f, "x", t, Eigen::Vector2d(1.0, -2.0), 512);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("linear-gaussian: a prior mean that depends on another latent", "[conjugacy][mvnormal]") {
  Eigen::MatrixXd S(2, 2), A(3, 2), R = 0.4 * Eigen::MatrixXd::Identity(3, 3);
  S << 1.0, 0.3, 0.3, 1.5;
  A << 1.0, 0.0, 0.5, 1.0, -1.0, 2.0;
  Model m;
  auto mu = m.random("mu", normal(0.0, 2.0));
  auto x = m.random("x", mv_normal(vec(m, Eigen::Vector2d(1.0, 2.0)) * mu, mat(m, S)));
  m.random("y", mv_normal(matvec(mat(m, A), x), mat(m, R)));
  m.observe("y", Value({1.0, 0.5, 2.0}));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  // x is integrated out given mu; then the scalar mu (k = 1) is conjugate to y's
  // marginal mv_normal(A u mu, A S A' + R), u = (1, 2): both are drawn exactly.
  CHECK(f.trace[1].rfind("linear-gaussian: y ~ mv_normal (mu integrated out)", 0) == 0);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 521);
  // Textbook for mu alone: y = (A u) mu + e, e ~ N(0, A S A' + R), mu ~ N(0, 4).
  const Eigen::Vector2d u(1.0, 2.0);
  const Gaussian t = textbook(Eigen::VectorXd::Zero(1), Eigen::MatrixXd::Constant(1, 1, 4.0), A * u,
                              Eigen::VectorXd::Zero(3), A * S * A.transpose() + R, Eigen::Vector3d(1.0, 0.5, 2.0));
  test::check_posterior_moments(f, "mu", t.mean(0), t.cov(0, 0), test::normal_mu4(t.cov(0, 0)), 522);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("Bayesian linear regression with known noise: y ~ normal(X w + b, sigma)", "[conjugacy][mvnormal]") {
  const int n = 8, k = 3;
  Eigen::MatrixXd X(n, k), S0(k, k);
  Eigen::VectorXd m0(k), y(n);
  for (int i = 0; i < n; ++i) {
    const double xi = -1.0 + 0.3 * i;
    X.row(i) << 1.0, xi, xi * xi;
  }
  m0 << 0.0, 1.0, 0.0;
  S0 << 4.0, 0.5, 0.0, 0.5, 2.0, 0.2, 0.0, 0.2, 1.0;
  y << 0.3, 0.1, 0.9, 0.8, 1.6, 1.4, 2.2, 2.9;
  const double sigma = 0.7, offset = 0.25;
  Model m;
  auto w = m.random("w", mv_normal(vec(m, m0), mat(m, S0)));
  m.random("y", normal(matvec(mat(m, X), w) + offset, sigma), Shape::vector(n));
  m.observe("y", Value(std::vector<double>(y.data(), y.data() + n)));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.trace[0].rfind("linear-gaussian (regression)", 0) == 0);
  CHECK(f.exact == std::vector<std::string>{"w"});
  CHECK(f.model.graph().node(f.model.variable("y").node).dist == DistKind::MvNormal);
  check_joint_agrees(m, f, 531);
  const Gaussian t = textbook(m0, S0, X, Eigen::VectorXd::Constant(n, offset),
                              sigma * sigma * Eigen::MatrixXd::Identity(n, n), y);
  check_mv_posterior(f, "w", t, Eigen::Vector3d(1.0, -1.0, 2.0), 532);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("regression with independent normal priors, w[0] + w[1] * x and inprod", "[conjugacy][mvnormal]") {
  Eigen::VectorXd x(5), y(5), m0(2), s0(2), c(2);
  x << -1.0, 0.0, 0.5, 1.5, 2.0;
  y << -0.8, 0.9, 1.1, 3.2, 3.9;
  m0 << 0.5, 1.0;
  s0 << 2.0, 3.0;
  c << 0.5, -1.0;
  const double sigma = 0.6;
  Eigen::MatrixXd X(5, 2);
  X.col(0).setOnes();
  X.col(1) = x;
  X.rowwise() += c.transpose();  // the inprod(c, w) term below
  Model m;
  auto w = m.random("w", normal(vec(m, m0), vec(m, s0)));
  m.random("y", normal(w[0] + w[1] * vec(m, x) + dot(vec(m, c), w) - 1.0, sigma));
  m.observe("y", Value(std::vector<double>(y.data(), y.data() + 5)));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.exact == std::vector<std::string>{"w"});
  check_joint_agrees(m, f, 551);
  const Gaussian t = textbook(m0, Eigen::MatrixXd(s0.array().square().matrix().asDiagonal()), X,
                              Eigen::VectorXd::Constant(5, -1.0), sigma * sigma * Eigen::MatrixXd::Identity(5, 5), y);
  check_mv_posterior(f, "w", t, Eigen::Vector2d(1.0, 1.0), 552);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("regression with separate scalar priors: alpha, then beta through normal_mean_joint", "[conjugacy][mvnormal]") {
  // alpha is integrated out first (normal-normal: y ~ normal_mean_joint(beta x, 1, m_a, s_a, sigma)),
  // then beta (k = 1) is conjugate to that law: the same posterior as w = (alpha, beta) jointly.
  Eigen::VectorXd x(6), y(6);
  x << 0.0, 1.0, 2.0, 3.0, 4.0, 5.0;
  y << 0.8, 2.1, 2.9, 4.2, 4.8, 6.1;
  const double sigma = 0.6;
  Model m;
  auto alpha = m.random("alpha", normal(0.5, 2.0));
  auto beta = m.random("beta", normal(1.0, 3.0));
  m.random("y", normal(alpha + beta * vec(m, x), sigma));
  m.observe("y", Value(std::vector<double>(y.data(), y.data() + 6)));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[0].rfind("normal-normal: y ~ normal_mean_joint (alpha integrated out)", 0) == 0);
  CHECK(f.trace[1].rfind("linear-gaussian: y ~ mv_normal (beta integrated out)", 0) == 0);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 561);
  Eigen::MatrixXd X(6, 2);
  X.col(0).setOnes();
  X.col(1) = x;
  const Gaussian t = textbook(Eigen::Vector2d(0.5, 1.0), Eigen::Vector2d(4.0, 9.0).asDiagonal().toDenseMatrix(), X,
                              Eigen::VectorXd::Zero(6), sigma * sigma * Eigen::MatrixXd::Identity(6, 6), y);
  Rng rng(562);
  const DrawTable table = sample_posterior(f, 40000, rng);
  const std::vector<double> a = table.column("alpha"), b = table.column("beta");
  std::vector<double> sum(a.size());
  for (std::size_t r = 0; r < a.size(); ++r) sum[r] = a[r] + b[r];
  const double var_sum = t.cov(0, 0) + 2 * t.cov(0, 1) + t.cov(1, 1);
  CHECK(test::mean_within_clt(a, t.mean(0), t.cov(0, 0)));
  CHECK(test::var_within_clt(a, t.cov(0, 0), test::normal_mu4(t.cov(0, 0))));
  CHECK(test::mean_within_clt(b, t.mean(1), t.cov(1, 1)));
  CHECK(test::var_within_clt(b, t.cov(1, 1), test::normal_mu4(t.cov(1, 1))));
  CHECK(test::var_within_clt(sum, var_sum, test::normal_mu4(var_sum)));  // the covariance of alpha and beta
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("a chain mu -> alpha -> y[i] with observations sharing alpha collapses", "[conjugacy][mvnormal]") {
  // alpha is integrated out (y ~ normal_mean_joint(0, 1, mu, 1, 0.5)); that law is
  // mv_normal(mu 1, 0.25 I + 1 1'), linear in mu, so mu (k = 1) is eliminated too.
  Eigen::VectorXd y(5);
  y << 1.2, 0.7, 1.9, 1.4, 0.8;
  Model m;
  auto mu = m.random("mu", normal(0.0, 2.0));
  auto alpha = m.random("alpha", normal(mu, 1.0));
  m.random("y", normal(alpha, 0.5), Shape::vector(5));
  m.observe("y", Value(std::vector<double>(y.data(), y.data() + 5)));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 571);
  const Eigen::MatrixXd R = 0.25 * Eigen::MatrixXd::Identity(5, 5) + Eigen::MatrixXd::Ones(5, 5);
  const Gaussian t = textbook(Eigen::VectorXd::Zero(1), Eigen::MatrixXd::Constant(1, 1, 4.0), Eigen::VectorXd::Ones(5),
                              Eigen::VectorXd::Zero(5), R, y);
  test::check_posterior_moments(f, "mu", t.mean(0), t.cov(0, 0), test::normal_mu4(t.cov(0, 0)), 572);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("linear-gaussian guards: what must not be rewritten", "[conjugacy][mvnormal][negative]") {
  Eigen::MatrixXd S = Eigen::MatrixXd::Identity(2, 2), A(2, 2);
  A << 1.0, 2.0, 0.0, 1.0;
  SECTION("a latent shared with a non-conjugate child remains for MCMC") {
    Model m;
    auto x = m.random("x", mv_normal(vec(m, Eigen::Vector2d(0, 0)), mat(m, S)));
    m.random("y", mv_normal(matvec(mat(m, A), x), mat(m, S)));
    m.random("z", poisson(exp(sum(x))));
    m.observe("y", Value({1.0, -1.0}));
    m.observe("z", Value::integer(3));
    const auto f = rewrite::conjugate(m);
    CHECK(f.remaining == std::vector<std::string>{"x"});
    check_joint_agrees(m, f, 541);
  }
  SECTION("a design matrix that depends on a latent") {
    Model m;
    auto a = m.random("a", normal(1.0, 1.0));
    auto x = m.random("x", mv_normal(vec(m, Eigen::Vector2d(0, 0)), mat(m, S)));
    m.random("y", mv_normal(a * matvec(mat(m, A), x), mat(m, S)));
    m.observe("y", Value({1.0, -1.0}));
    const auto f = rewrite::conjugate(m);
    CHECK(f.trace.empty());
    CHECK(f.remaining.size() == 2);
  }
  SECTION("an unknown observation covariance") {
    Model m;
    auto v = m.random("v", gamma(2.0, 1.0));
    auto x = m.random("x", mv_normal(vec(m, Eigen::Vector2d(0, 0)), mat(m, S)));
    m.random("y", normal(matvec(mat(m, A), x), v), Shape::vector(2));
    m.observe("y", Value({1.0, -1.0}));
    CHECK(rewrite::conjugate(m).trace.empty());
  }
  SECTION("a mean nonlinear in the latent") {
    Model m;
    auto x = m.random("x", mv_normal(vec(m, Eigen::Vector2d(0, 0)), mat(m, S)));
    m.random("y", normal(exp(matvec(mat(m, A), x)), 1.0), Shape::vector(2));
    m.observe("y", Value({1.0, -1.0}));
    CHECK(rewrite::conjugate(m).trace.empty());
  }
}
