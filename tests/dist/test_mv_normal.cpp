// Multivariate normal: log density against Boost's normal (K = 1) and the direct
// formula with Eigen's inverse and determinant (K = 3), draws by sample covariance and
// KS on a projection, checks of Sigma.
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "alea/dist/check.hpp"
#include "alea/dist/mv_normal.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("mv_normal log density with K = 1 matches Boost's normal", "[dist][mv_normal]") {
  Rng rng(111);
  for (int t = 0; t < 1000; ++t) {
    const double mu = (rng.uniform01() - 0.5) * 100, sigma = std::pow(10.0, -3 + 6 * rng.uniform01());
    const double x = mu + sigma * 16 * (rng.uniform01() - 0.5);
    const double f = boost::math::pdf(boost::math::normal(mu, sigma), x);
    if (!(f >= 1e-300)) continue;
    MvNormal d{Eigen::VectorXd::Constant(1, mu), Eigen::MatrixXd::Constant(1, 1, sigma * sigma)};
    REQUIRE(logpdf(d, Eigen::VectorXd::Constant(1, x)) == Approx(std::log(f)).epsilon(1e-12).margin(1e-12));
  }
}

TEST_CASE("mv_normal log density with K = 3 matches the inverse-and-determinant formula", "[dist][mv_normal]") {
  Rng rng(112);
  for (int t = 0; t < 1000; ++t) {
    Eigen::Matrix3d a;
    for (double& v : a.reshaped()) v = rng.std_normal();
    const Eigen::Matrix3d sigma = a * a.transpose() + 0.1 * Eigen::Matrix3d::Identity();
    Eigen::Vector3d mu, x;
    for (double& v : mu) v = rng.std_normal() * 5;
    for (double& v : x) v = mu[&v - x.data()] + rng.std_normal() * 3;
    const Eigen::Vector3d r = x - mu;
    const double expected = -0.5 * r.dot(sigma.inverse() * r) - 0.5 * std::log(sigma.determinant()) -
                            1.5 * std::log(2 * M_PI);
    // The direct formula's inverse loses about cond(Sigma) * eps in the quadratic form;
    // the margin scales with it.
    const double cond = sigma.norm() * sigma.inverse().norm();
    REQUIRE(logpdf(MvNormal{mu, sigma}, x) ==
            Approx(expected).epsilon(1e-12).margin(1e-12 + 1e-15 * cond * (1 + r.dot(sigma.inverse() * r))));
  }
}

TEST_CASE("mv_normal draws: means, covariances by CLT and KS on a projection at level 1e-4", "[dist][mv_normal]") {
  Eigen::Matrix3d sigma;
  sigma << 4, 1.2, -0.6, 1.2, 2, 0.3, -0.6, 0.3, 1;
  const Eigen::Vector3d mu(1, -2, 0.5);
  const MvNormal d{mu, sigma};
  Rng rng(113);
  const std::size_t n = 100000;
  std::vector<Eigen::Vector3d> xs(n);
  for (auto& x : xs) x = draw(d, rng);
  const double z = test::z_crit();
  const double dn = static_cast<double>(n);
  Eigen::Vector3d m = Eigen::Vector3d::Zero();
  for (const auto& x : xs) m += x;
  m /= dn;
  Eigen::Matrix3d c = Eigen::Matrix3d::Zero();
  for (const auto& x : xs) c += (x - m) * (x - m).transpose();
  c /= dn - 1;
  for (int i = 0; i < 3; ++i) {
    CHECK(std::abs(m[i] - mu[i]) <= z * std::sqrt(sigma(i, i) / dn));
    for (int j = 0; j < 3; ++j) {
      // Var((X_i - mu_i)(X_j - mu_j)) = Sigma_ii Sigma_jj + Sigma_ij^2 for a normal.
      INFO("i=" << i << " j=" << j);
      CHECK(std::abs(c(i, j) - sigma(i, j)) <= z * std::sqrt((sigma(i, i) * sigma(j, j) + sigma(i, j) * sigma(i, j)) / dn));
    }
  }
  const Eigen::Vector3d w(0.3, -1, 2);
  std::vector<double> proj(n);
  for (std::size_t i = 0; i < n; ++i) proj[i] = w.dot(xs[i]);
  const boost::math::normal marginal(w.dot(mu), std::sqrt(w.dot(sigma * w)));
  CHECK(test::ks_pvalue(proj, [&](double x) { return boost::math::cdf(marginal, x); }) > test::kFalseAlarm);
}

TEST_CASE("mv_normal checks of Sigma and shapes", "[dist][mv_normal]") {
  Eigen::Matrix2d asym;
  asym << 1, 0.5, 0.4, 1;
  CHECK_THROWS_WITH(validated(MvNormal{Eigen::Vector2d(0, 0), asym}),
                    "mv_normal: covariance matrix Sigma is not symmetric: Sigma[2,1] is 0.4 but Sigma[1,2] is 0.5");
  Eigen::Matrix2d indefinite;
  indefinite << 1, 2, 2, 1;
  CHECK_THROWS_WITH(validated(MvNormal{Eigen::Vector2d(0, 0), indefinite}),
                    "mv_normal: covariance matrix Sigma is not positive definite (its Cholesky factorization fails)");
  CHECK_THROWS_WITH(validated(MvNormal{Eigen::Vector2d(NAN, 0), Eigen::Matrix2d::Identity()}),
                    "mv_normal: mean mu[1] is NaN, but must be finite");
  CHECK(logpdf(MvNormal{Eigen::Vector2d(0, 0), indefinite}, Eigen::Vector2d(0, 0)) == -INFINITY);

  const std::vector<Value> wrong{Value({0.0, 0.0, 0.0}), Value(Shape::matrix(2, 3), std::vector<double>(6, 0.0), ScalarType::Real)};
  CHECK_THROWS_AS(dist::check_params(DistKind::MvNormal, wrong, Shape::vector(3)), std::invalid_argument);
  CHECK_THROWS_WITH(dist::natural_shape(DistKind::MvNormal, std::vector<Shape>{Shape::vector(3), Shape::matrix(2, 3)}),
                    "mv_normal: parameter Sigma has shape matrix[2,3], but mu has shape vector[3], so Sigma must be "
                    "matrix[3,3]");

  const std::vector<Value> params{Value({1.0, 2.0}), Value(Shape::matrix(2, 2), {2.0, 0.5, 0.5, 1.0}, ScalarType::Real)};
  Eigen::Matrix2d s;
  s << 2, 0.5, 0.5, 1;
  CHECK(dist::logpdf(DistKind::MvNormal, params, Value({0.0, 1.0})) ==
        Approx(logpdf(MvNormal{Eigen::Vector2d(1, 2), s}, Eigen::Vector2d(0, 1))).epsilon(1e-15));
  CHECK(dist::variance(DistKind::MvNormal, params, Shape::vector(2)) == Value({2.0, 1.0}));
  Rng rng(114);
  CHECK(dist::draw(DistKind::MvNormal, params, Shape::vector(2), rng).shape() == Shape::vector(2));
}
