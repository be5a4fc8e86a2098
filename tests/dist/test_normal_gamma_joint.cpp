// normal_gamma_joint(c, d, m, s, sigma, a, b): its log density against a dense
// multivariate Student t (Eigen), draws against the Student t margins, its mean and
// variance, and parameter checks naming the parameter and the bad value.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;

namespace {

constexpr DistKind kNG = DistKind::NormalGammaJoint;

const std::vector<double> kC{1.0, -1.0, 0.5}, kD{2.0, 0.5, -1.0}, kSigma{1.0, 2.0, 0.7};
constexpr double kM = 0.5, kS = 1.5, kA = 4.0, kB = 3.0;

std::vector<Value> params() {
  return {Value(kC), Value(kD), Value(kM), Value(kS), Value(kSigma), Value(kA), Value(kB)};
}

// The multivariate Student t with nu = 2a, location c + d m and scale (b / a) Sigma0,
// Sigma0 = diag(sigma^2) + s^2 d d', from its textbook density with a dense Cholesky.
double dense_logpdf(const std::vector<double>& y) {
  const int n = static_cast<int>(y.size());
  Eigen::MatrixXd scale(n, n);
  Eigen::VectorXd r(n);
  for (int i = 0; i < n; ++i) {
    const auto ui = static_cast<std::size_t>(i);
    r(i) = y[ui] - kC[ui] - kD[ui] * kM;
    for (int j = 0; j < n; ++j) scale(i, j) = kS * kS * kD[ui] * kD[static_cast<std::size_t>(j)];
    scale(i, i) += kSigma[ui] * kSigma[ui];
  }
  scale *= kB / kA;
  const Eigen::LLT<Eigen::MatrixXd> llt(scale);
  const double logdet = 2 * Eigen::MatrixXd(llt.matrixL()).diagonal().array().log().sum();
  const double nu = 2 * kA, q = r.dot(llt.solve(r));
  return std::lgamma((nu + n) / 2) - std::lgamma(nu / 2) - n / 2.0 * std::log(nu * std::numbers::pi) - 0.5 * logdet -
         (nu + n) / 2 * std::log1p(q / nu);
}

}  // namespace

TEST_CASE("normal_gamma_joint: the log density is the dense multivariate Student t's", "[dist][joint]") {
  for (const std::vector<double>& y : {std::vector<double>{0.3, -2.0, 1.1}, {5.0, 0.0, -3.0}, {2.0, -0.75, 0.0}})
    CHECK(dist::logpdf(kNG, params(), Value(y)) == Approx(dense_logpdf(y)).epsilon(1e-12));
}

TEST_CASE("normal_gamma_joint: Student t margins and their moments", "[dist][joint]") {
  // y[i] ~ student_t(2a, c + d m, sqrt((b / a)(sigma^2 + d^2 s^2))): variance
  // scale^2 nu / (nu - 2), fourth moment 3 scale^4 nu^2 / ((nu - 2)(nu - 4)).
  const double nu = 2 * kA;
  Rng rng(7);
  std::vector<std::vector<double>> cols(3);
  for (int r = 0; r < 40000; ++r) {
    const Value v = dist::draw(kNG, params(), Shape::vector(3), rng);
    for (std::size_t i = 0; i < 3; ++i) cols[i].push_back(v[i]);
  }
  const Value mean = dist::mean(kNG, params(), Shape::vector(3));
  const Value var = dist::variance(kNG, params(), Shape::vector(3));
  for (std::size_t i = 0; i < 3; ++i) {
    const double scale2 = kB / kA * (kSigma[i] * kSigma[i] + kD[i] * kD[i] * kS * kS);
    const double v = scale2 * nu / (nu - 2), mu4 = 3 * scale2 * scale2 * nu * nu / ((nu - 2) * (nu - 4));
    CHECK(mean[i] == Approx(kC[i] + kD[i] * kM).epsilon(1e-14));
    CHECK(var[i] == Approx(v).epsilon(1e-14));
    INFO("element " << i);
    CHECK(test::mean_within_clt(cols[i], kC[i] + kD[i] * kM, v));
    CHECK(test::var_within_clt(cols[i], v, mu4));
  }
}

TEST_CASE("normal_gamma_joint: parameter checks name the parameter and the value", "[dist][joint]") {
  auto with = [](std::size_t j, Value v) {
    auto p = params();
    p[j] = std::move(v);
    return p;
  };
  CHECK_THROWS_WITH(dist::check_params(kNG, with(5, Value(-1.0)), Shape::vector(3)),
                    "normal_gamma_joint: shape parameter a is -1, but must be positive and finite");
  CHECK_THROWS_WITH(dist::check_params(kNG, with(6, Value(0.0)), Shape::vector(3)),
                    "normal_gamma_joint: rate parameter b is 0, but must be positive and finite");
  CHECK_THROWS_WITH(dist::check_params(kNG, with(3, Value(-2.0)), Shape::vector(3)),
                    "normal_gamma_joint: prior scale s is -2, but must be positive and finite");
  CHECK_THROWS_WITH(dist::check_params(kNG, with(4, Value({1.0, -0.5, 1.0})), Shape::vector(3)),
                    "normal_gamma_joint: scale parameter sigma is -0.5, but must be positive and finite");
  CHECK_THROWS_WITH(dist::check_params(kNG, with(5, Value({1.0, 2.0, 3.0})), Shape::vector(3)),
                    "normal_gamma_joint: parameter a has shape vector[3] but must be a scalar");
  CHECK(dist::logpdf(kNG, with(6, Value(-1.0)), Value({0.0, 0.0, 0.0})) == -std::numeric_limits<double>::infinity());
  CHECK(dist::logpdf(kNG, params(), Value({0.0, std::nan(""), 0.0})) == -std::numeric_limits<double>::infinity());
}
