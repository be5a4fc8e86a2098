// Bayesian linear regression with unknown noise and the conjugate normal-inverse-gamma
// prior (the linear-Gaussian rule with covariances scaled by a common latent, then the
// gamma / inverse-gamma scale rule) against the textbook update computed here with
// Eigen: V_n = (V0^-1 + X' R0^-1 X)^-1, m_n = V_n (V0^-1 m0 + X' R0^-1 y),
// a_n = a + n/2, b_n = b + (y' R0^-1 y + m0' V0^-1 m0 - m_n' V_n^-1 m_n) / 2, and the
// evidence y ~ multivariate t(2a, X m0, (b/a)(R0 + X V0 X')). Negative tests for the guards.
#include <Eigen/Dense>
#include <cmath>
#include <numbers>

#include "conjugacy_test_util.hpp"

using namespace alea;
using test::check_joint_agrees;
using test::vec;
using test::mat;

namespace {

Value data(const Eigen::VectorXd& y) { return Value(std::vector<double>(y.data(), y.data() + y.size())); }

// log density of the multivariate t written out with Eigen's inverse and determinant.
double mvt_logpdf(double nu, const Eigen::VectorXd& mu, const Eigen::MatrixXd& S, const Eigen::VectorXd& y) {
  const double k = static_cast<double>(y.size());
  const Eigen::VectorXd r = y - mu;
  const double q = r.dot(S.inverse() * r);
  return std::lgamma((nu + k) / 2) - std::lgamma(nu / 2) - k / 2 * std::log(nu * std::numbers::pi) -
         0.5 * std::log(S.determinant()) - (nu + k) / 2 * std::log(1 + q / nu);
}

// The textbook normal-inverse-gamma update of y = X w + e, e ~ N(0, s2 R0),
// w | s2 ~ N(m0, s2 V0), s2 ~ inv_gamma(a, b) (y already has the offset taken off).
struct Nig {
  Eigen::VectorXd m_n;
  Eigen::MatrixXd V_n;
  double a_n, b_n, log_evidence;
};
Nig textbook(const Eigen::MatrixXd& X, const Eigen::VectorXd& y, const Eigen::VectorXd& m0, const Eigen::MatrixXd& V0,
             const Eigen::MatrixXd& R0, double a, double b) {
  const Eigen::MatrixXd v0_inv = V0.inverse(), r0_inv = R0.inverse();
  const Eigen::MatrixXd V_n = (v0_inv + X.transpose() * r0_inv * X).inverse();
  const Eigen::VectorXd m_n = V_n * (v0_inv * m0 + X.transpose() * r0_inv * y);
  const double n = static_cast<double>(y.size());
  const double b_n = b + 0.5 * (y.dot(r0_inv * y) + m0.dot(v0_inv * m0) - m_n.dot(V_n.inverse() * m_n));
  const Eigen::MatrixXd P = (b / a) * (R0 + X * V0 * X.transpose());
  return {m_n, V_n, a + n / 2, b_n, mvt_logpdf(2 * a, X * m0, P, y)};
}

// Inverse gamma(al, be): the fourth central moment from the raw moments be^k / prod (al - j).
double inv_gamma_mu4(double al, double be) {
  const double e1 = be / (al - 1), e2 = e1 * be / (al - 2), e3 = e2 * be / (al - 3), e4 = e3 * be / (al - 4);
  return e4 - 4 * e1 * e3 + 6 * e1 * e1 * e2 - 3 * std::pow(e1, 4);
}

// Posterior draws of the weights (marginally multivariate t(2 a_n, m_n, (b_n / a_n) V_n))
// and of the scale: each weight and the projection c'w against the t moments
// (variance nu/(nu-2) s^2, fourth central moment 3 nu^2 s^4 / ((nu-2)(nu-4))), and the
// scale's mean and variance (s2 ~ inv_gamma(a_n, b_n), or tau = 1/s2 ~ gamma(a_n, b_n)).
void check_nig_posterior(const rewrite::Factorization& f, const std::string& w, const std::string& scale,
                         bool precision, const Nig& t, const Eigen::VectorXd& c, std::uint64_t seed,
                         std::size_t draws = 40000) {
  Rng rng(seed);
  const DrawTable table = sample_posterior(f, draws, rng);
  const double nu = 2 * t.a_n;
  const auto t_var = [&](double s2) { return nu / (nu - 2) * s2; };
  const auto t_mu4 = [&](double s2) { return 3 * nu * nu * s2 * s2 / ((nu - 2) * (nu - 4)); };
  std::vector<double> proj(draws, 0.0);
  for (Eigen::Index j = 0; j < t.m_n.size(); ++j) {
    const std::vector<double> xs = table.column(w + "." + std::to_string(j + 1));
    const double s2 = t.b_n / t.a_n * t.V_n(j, j);
    INFO(w << "." << j + 1 << ": sample mean " << test::moments(xs).mean << " vs " << t.m_n(j));
    CHECK(test::mean_within_clt(xs, t.m_n(j), t_var(s2)));
    CHECK(test::var_within_clt(xs, t_var(s2), t_mu4(s2)));
    for (std::size_t r = 0; r < draws; ++r) proj[r] += c(j) * xs[r];
  }
  const double s2 = t.b_n / t.a_n * c.dot(t.V_n * c);
  INFO("projection: sample variance " << test::moments(proj).var << " vs " << t_var(s2));
  CHECK(test::mean_within_clt(proj, c.dot(t.m_n), t_var(s2)));
  CHECK(test::var_within_clt(proj, t_var(s2), t_mu4(s2)));
  const std::vector<double> v = table.column(scale);
  if (precision) {
    const double var = t.a_n / (t.b_n * t.b_n);
    CHECK(test::mean_within_clt(v, t.a_n / t.b_n, var));
    CHECK(test::var_within_clt(v, var, test::gamma_mu4(t.a_n, t.b_n)));
  } else {
    const double mean = t.b_n / (t.a_n - 1), var = mean * mean / (t.a_n - 2);
    INFO(scale << ": sample mean " << test::moments(v).mean << " vs " << mean);
    CHECK(test::mean_within_clt(v, mean, var));
    CHECK(test::var_within_clt(v, var, inv_gamma_mu4(t.a_n, t.b_n)));
  }
}

bool fired(const rewrite::Factorization& f, const std::string& prefix) {
  for (const std::string& s : f.trace)
    if (s.rfind(prefix, 0) == 0) return true;
  return false;
}

// A quadratic design with an intercept: 12 observations, 3 weights.
struct Regression {
  Eigen::MatrixXd X{12, 3};
  Eigen::VectorXd y{12};
  Eigen::VectorXd m0{3};
  Eigen::MatrixXd V0{3, 3};
  double a = 3.0, b = 2.0, offset = 0.25;
  Regression() {
    for (int i = 0; i < 12; ++i) {
      const double xi = -1.0 + 0.25 * i;
      X.row(i) << 1.0, xi, xi * xi;
    }
    y << 0.3, 0.1, 0.9, 0.8, 1.6, 1.4, 2.2, 2.9, 2.7, 3.6, 4.4, 4.1;
    m0 << 0.0, 1.0, 0.0;
    V0 << 4.0, 0.5, 0.0, 0.5, 2.0, 0.2, 0.0, 0.2, 1.0;
  }
};

}  // namespace

TEST_CASE("NIG regression: s2 ~ inv_gamma, w ~ mv_normal(m0, s2 V0), y ~ normal(X w + b, sqrt(s2))",
          "[conjugacy][nig]") {
  const Regression r;
  Model m;
  auto s2 = m.random("s2", inv_gamma(r.a, r.b));
  auto w = m.random("w", mv_normal(vec(m, r.m0), s2 * mat(m, r.V0)));
  m.random("y", normal(matvec(mat(m, r.X), w) + r.offset, sqrt(s2)), Shape::vector(12));
  m.observe("y", data(r.y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[0].rfind("linear-gaussian (regression), covariances scaled by a common latent", 0) == 0);
  CHECK(f.trace[1].rfind("normal-inverse-gamma (covariance scale): y ~ mv_student_t", 0) == 0);
  CHECK(f.fully_conjugate());
  CHECK(f.exact.size() == 2);
  CHECK(f.model.graph().node(f.model.variable("y").node).dist == DistKind::MvStudentT);
  check_joint_agrees(m, f, 601);
  const Eigen::VectorXd y0 = r.y.array() - r.offset;
  const Nig t = textbook(r.X, y0, r.m0, r.V0, Eigen::MatrixXd::Identity(12, 12), r.a, r.b);
  check_nig_posterior(f, "w", "s2", false, t, Eigen::Vector3d(1.0, -1.0, 2.0), 602);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("NIG regression on the precision scale, BUGS style: w[k] ~ normal(m0[k], 1/sqrt(tau lambda[k]))",
          "[conjugacy][nig]") {
  // tau = 1/s2, V0 = diag(1/lambda): the same update with gamma(a_n, b_n) for tau.
  const Regression r;
  const Eigen::Vector3d lambda(0.25, 0.5, 2.0);
  Model m;
  auto tau = m.random("tau", gamma(r.a, r.b));
  auto w = m.random("w", normal(vec(m, r.m0), 1.0 / sqrt(tau * vec(m, lambda))));
  m.random("y", normal(matvec(mat(m, r.X), w), 1.0 / sqrt(tau)), Shape::vector(12));
  m.observe("y", data(r.y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 2);
  CHECK(f.trace[1].rfind("normal-gamma (covariance scale)", 0) == 0);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 611);
  const Eigen::MatrixXd V0 = lambda.cwiseInverse().asDiagonal();
  const Nig t = textbook(r.X, r.y, r.m0, V0, Eigen::MatrixXd::Identity(12, 12), r.a, r.b);
  check_nig_posterior(f, "w", "tau", true, t, Eigen::Vector3d(0.5, 1.0, -1.0), 612);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("NIG regression with known relative scales: w[k] ~ normal(m0[k], s0[k] sqrt(s2)), sd sqrt(s2) d[i]",
          "[conjugacy][nig]") {
  const Regression r;
  const Eigen::Vector3d s0(2.0, 1.5, 0.5);
  Eigen::VectorXd d(12);
  for (int i = 0; i < 12; ++i) d(i) = 0.5 + 0.1 * i;
  Model m;
  auto s2 = m.random("s2", inv_gamma(r.a, r.b));
  auto w = m.random("w", normal(vec(m, r.m0), vec(m, s0) * sqrt(s2)));
  m.random("y", normal(matvec(mat(m, r.X), w), sqrt(s2) * vec(m, d)));
  m.observe("y", data(r.y));
  const auto f = rewrite::conjugate(m);
  CHECK(f.fully_conjugate());
  check_joint_agrees(m, f, 621);
  const Eigen::MatrixXd V0 = s0.array().square().matrix().asDiagonal();
  const Eigen::MatrixXd R0 = d.array().square().matrix().asDiagonal();
  const Nig t = textbook(r.X, r.y, r.m0, V0, R0, r.a, r.b);
  check_nig_posterior(f, "w", "s2", false, t, Eigen::Vector3d(1.0, 1.0, 1.0), 622);
  CHECK(log_evidence(f) == Approx(t.log_evidence).epsilon(1e-10));
}

TEST_CASE("scale rule alone: s2 ~ inv_gamma(a, b), y ~ mv_normal(mu, s2 Sigma0) with a known mean",
          "[conjugacy][nig]") {
  Eigen::Matrix3d sigma0;
  sigma0 << 2.0, 0.4, -0.2, 0.4, 1.0, 0.1, -0.2, 0.1, 0.5;
  const Eigen::Vector3d mu(1.0, -1.0, 0.5), y(2.2, -0.3, 0.1);
  const double a = 2.5, b = 1.5;
  Model m;
  auto s2 = m.random("s2", inv_gamma(a, b));
  m.random("y", mv_normal(vec(m, mu), mat(m, sigma0) * s2));
  m.observe("y", data(y));
  const auto f = rewrite::conjugate(m);
  REQUIRE(f.trace.size() == 1);
  CHECK(f.exact == std::vector<std::string>{"s2"});
  check_joint_agrees(m, f, 631);
  const double q = (y - mu).dot(sigma0.inverse() * (y - mu));
  const double a_n = a + 1.5, b_n = b + q / 2;
  const double mean = b_n / (a_n - 1), var = mean * mean / (a_n - 2);
  test::check_posterior_moments(f, "s2", mean, var, inv_gamma_mu4(a_n, b_n), 632);
  CHECK(log_evidence(f) == Approx(mvt_logpdf(2 * a, mu, b / a * sigma0, y)).epsilon(1e-12));
}

TEST_CASE("NIG guards: what must not be rewritten", "[conjugacy][nig][negative]") {
  const Regression r;
  SECTION("weights independent of the noise: s2 is conjugate given w only, w remains") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto w = m.random("w", mv_normal(vec(m, r.m0), mat(m, r.V0)));
    m.random("y", normal(matvec(mat(m, r.X), w), sqrt(s2)), Shape::vector(12));
    m.observe("y", data(r.y));
    const auto f = rewrite::conjugate(m);
    CHECK_FALSE(fired(f, "linear-gaussian"));
    CHECK(f.remaining == std::vector<std::string>{"w"});
    check_joint_agrees(m, f, 641);
  }
  SECTION("different powers of the noise in the prior and the likelihood") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto w = m.random("w", mv_normal(vec(m, r.m0), s2 * mat(m, r.V0)));
    m.random("y", normal(matvec(mat(m, r.X), w), s2), Shape::vector(12));  // variance s2^2, not s2
    m.observe("y", data(r.y));
    const auto f = rewrite::conjugate(m);
    CHECK_FALSE(fired(f, "linear-gaussian"));
    CHECK_FALSE(f.fully_conjugate());
    check_joint_agrees(m, f, 642);
  }
  SECTION("a prior scaled by one latent and a likelihood by another") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto v2 = m.random("v2", inv_gamma(r.a, r.b));
    auto w = m.random("w", mv_normal(vec(m, r.m0), v2 * mat(m, r.V0)));
    m.random("y", normal(matvec(mat(m, r.X), w), sqrt(s2)), Shape::vector(12));
    m.observe("y", data(r.y));
    const auto f = rewrite::conjugate(m);
    CHECK_FALSE(fired(f, "linear-gaussian"));
    check_joint_agrees(m, f, 643);
  }
  SECTION("a gamma latent on the variance scale (not conjugate to the scale)") {
    Model m;
    auto v = m.random("v", gamma(r.a, r.b));
    m.random("y", mv_normal(vec(m, r.m0), mat(m, r.V0) * v));
    m.observe("y", data(Eigen::Vector3d(0.5, 1.0, -0.5)));
    const auto f = rewrite::conjugate(m);
    CHECK(f.trace.empty());
    CHECK(f.remaining == std::vector<std::string>{"v"});
  }
  SECTION("a design matrix that depends on a latent") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto c = m.random("c", normal(1.0, 1.0));
    auto w = m.random("w", mv_normal(vec(m, r.m0), s2 * mat(m, r.V0)));
    m.random("y", normal(c * matvec(mat(m, r.X), w), sqrt(s2)), Shape::vector(12));
    m.observe("y", data(r.y));
    const auto f = rewrite::conjugate(m);
    CHECK_FALSE(fired(f, "linear-gaussian"));
    CHECK_FALSE(f.fully_conjugate());
    check_joint_agrees(m, f, 644);
  }
  SECTION("the noise visible elsewhere: s2 also scales a Poisson child, so it remains; w is exact given it") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto w = m.random("w", mv_normal(vec(m, r.m0), s2 * mat(m, r.V0)));
    m.random("y", normal(matvec(mat(m, r.X), w), sqrt(s2)), Shape::vector(12));
    m.random("z", poisson(s2));
    m.observe("y", data(r.y));
    m.observe("z", Value::integer(2));
    const auto f = rewrite::conjugate(m);
    CHECK(fired(f, "linear-gaussian (regression), covariances scaled"));
    CHECK(f.remaining == std::vector<std::string>{"s2"});
    CHECK(f.exact == std::vector<std::string>{"w"});
    check_joint_agrees(m, f, 645);
  }
  SECTION("the weights visible elsewhere: w also drives a Poisson child, so w and s2 remain") {
    Model m;
    auto s2 = m.random("s2", inv_gamma(r.a, r.b));
    auto w = m.random("w", mv_normal(vec(m, r.m0), s2 * mat(m, r.V0)));
    m.random("y", normal(matvec(mat(m, r.X), w), sqrt(s2)), Shape::vector(12));
    m.random("z", poisson(exp(sum(w))));
    m.observe("y", data(r.y));
    m.observe("z", Value::integer(3));
    const auto f = rewrite::conjugate(m);
    CHECK(f.remaining.size() == 2);
    check_joint_agrees(m, f, 646);
  }
}
