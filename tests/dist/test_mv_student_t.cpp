// Multivariate Student t: log density against Boost's Student t (K = 1), the
// inverse-and-determinant formula (K = 3) and the normal scale mixture it is, integrated
// over the chi-squared mixing variable by quadrature (K = 2); draws by CLT on the means
// and on a projection's variance and by KS on the projection; checks of the parameters.
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <vector>

#include <Eigen/Dense>

#include "alea/dist/check.hpp"
#include "alea/dist/mv_student_t.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("mv_student_t log density with K = 1 matches Boost's Student t", "[dist][mv_student_t]") {
  Rng rng(121);
  for (int t = 0; t < 1000; ++t) {
    const double nu = std::pow(10.0, -1 + 3 * rng.uniform01()), mu = (rng.uniform01() - 0.5) * 20;
    const double sigma = std::pow(10.0, -2 + 4 * rng.uniform01()), x = mu + sigma * 20 * (rng.uniform01() - 0.5);
    const double expected =
        std::log(boost::math::pdf(boost::math::students_t(nu), (x - mu) / sigma)) - std::log(sigma);
    const MvStudentT d{nu, Eigen::VectorXd::Constant(1, mu), Eigen::MatrixXd::Constant(1, 1, sigma * sigma)};
    REQUIRE(logpdf(d, Eigen::VectorXd::Constant(1, x)) == Approx(expected).epsilon(1e-11).margin(1e-11));
  }
}

TEST_CASE("mv_student_t log density with K = 3 matches the inverse-and-determinant formula", "[dist][mv_student_t]") {
  Rng rng(122);
  for (int t = 0; t < 1000; ++t) {
    Eigen::Matrix3d a;
    for (double& v : a.reshaped()) v = rng.std_normal();
    const Eigen::Matrix3d sigma = a * a.transpose() + 0.1 * Eigen::Matrix3d::Identity();
    Eigen::Vector3d mu, x;
    for (double& v : mu) v = rng.std_normal() * 5;
    for (double& v : x) v = mu[&v - x.data()] + rng.std_normal() * 3;
    const double nu = 0.5 + 20 * rng.uniform01();
    const Eigen::Vector3d r = x - mu;
    const double q = r.dot(sigma.inverse() * r);
    // The density written out: Gamma((nu + K)/2) / (Gamma(nu/2) (nu pi)^(K/2) |Sigma|^(1/2)) (1 + q/nu)^(-(nu+K)/2).
    const double expected = std::log(std::tgamma((nu + 3) / 2) / std::tgamma(nu / 2) /
                                     std::pow(nu * std::numbers::pi, 1.5) / std::sqrt(sigma.determinant())) -
                            (nu + 3) / 2 * std::log(1 + q / nu);
    const double cond = sigma.norm() * sigma.inverse().norm();
    REQUIRE(logpdf(MvStudentT{nu, mu, sigma}, x) ==
            Approx(expected).epsilon(1e-11).margin(1e-11 + 1e-15 * cond * (1 + q)));
  }
}

TEST_CASE("mv_student_t is the normal scale mixture: quadrature over the chi-squared variable", "[dist][mv_student_t]") {
  // x | w ~ mv_normal(mu, (nu / w) Sigma), w ~ chi_squared(nu): integrate over w.
  Eigen::Matrix2d sigma;
  sigma << 1.5, -0.4, -0.4, 0.8;
  const Eigen::Vector2d mu(0.3, -1.0);
  for (const double nu : {1.0, 3.5, 12.0})
    for (const Eigen::Vector2d& x : {Eigen::Vector2d(0.0, 0.0), Eigen::Vector2d(2.5, -3.0), Eigen::Vector2d(-4.0, 1.0)}) {
      const Eigen::Vector2d r = x - mu;
      const double q = r.dot(sigma.inverse() * r), det = sigma.determinant();
      const boost::math::chi_squared chi(nu);
      const auto integrand = [&](double w) {
        if (w <= 0) return 0.0;
        const double s = nu / w;  // covariance s Sigma in two dimensions
        const double normal = std::exp(-0.5 * q / s) / (2 * std::numbers::pi * s * std::sqrt(det));
        return normal * boost::math::pdf(chi, w);
      };
      const double density = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
          integrand, 0.0, std::numeric_limits<double>::infinity(), 20, 1e-13);
      INFO("nu " << nu << ", x " << x.transpose());
      CHECK(logpdf(MvStudentT{nu, mu, sigma}, x) == Approx(std::log(density)).epsilon(1e-9));
    }
}

TEST_CASE("mv_student_t draws: means and a projection's variance by CLT, KS on the projection at level 1e-4",
          "[dist][mv_student_t]") {
  Eigen::Matrix3d sigma;
  sigma << 4, 1.2, -0.6, 1.2, 2, 0.3, -0.6, 0.3, 1;
  const Eigen::Vector3d mu(1, -2, 0.5);
  const double nu = 9;
  const MvStudentT d{nu, mu, sigma};
  Rng rng(123);
  const std::size_t n = 100000;
  std::vector<Eigen::Vector3d> xs(n);
  for (auto& x : xs) x = draw(d, rng);
  const Eigen::Vector3d w(0.3, -1, 2);
  std::vector<double> proj(n);
  for (std::size_t i = 0; i < n; ++i) proj[i] = w.dot(xs[i]);
  for (int j = 0; j < 3; ++j) {
    std::vector<double> col(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = xs[i][j];
    CHECK(test::mean_within_clt(col, mu[j], nu / (nu - 2) * sigma(j, j)));
  }
  // w'x ~ student_t(nu, w'mu, s), s^2 = w' Sigma w: variance nu/(nu-2) s^2, fourth central
  // moment 3 nu^2 s^4 / ((nu-2)(nu-4)).
  const double s2 = w.dot(sigma * w);
  CHECK(test::mean_within_clt(proj, w.dot(mu), nu / (nu - 2) * s2));
  CHECK(test::var_within_clt(proj, nu / (nu - 2) * s2, 3 * nu * nu * s2 * s2 / ((nu - 2) * (nu - 4))));
  const boost::math::students_t t(nu);
  const double loc = w.dot(mu), scale = std::sqrt(s2);
  CHECK(test::ks_pvalue(proj, [&](double x) { return boost::math::cdf(t, (x - loc) / scale); }) > test::kFalseAlarm);
}

TEST_CASE("mv_student_t checks of nu, mu, Sigma and shapes; moments", "[dist][mv_student_t]") {
  const Eigen::Matrix2d id = Eigen::Matrix2d::Identity();
  CHECK_THROWS_WITH(validated(MvStudentT{-1.0, Eigen::Vector2d(0, 0), id}),
                    "mv_student_t: degrees of freedom nu is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(MvStudentT{3.0, Eigen::Vector2d(0, INFINITY), id}),
                    "mv_student_t: location mu[2] is Inf, but must be finite");
  Eigen::Matrix2d asym;
  asym << 1, 0.5, 0.4, 1;
  CHECK_THROWS_WITH(validated(MvStudentT{3.0, Eigen::Vector2d(0, 0), asym}),
                    "mv_student_t: scale matrix Sigma is not symmetric: Sigma[2,1] is 0.4 but Sigma[1,2] is 0.5");
  Eigen::Matrix2d indefinite;
  indefinite << 1, 2, 2, 1;
  CHECK_THROWS_WITH(validated(MvStudentT{3.0, Eigen::Vector2d(0, 0), indefinite}),
                    "mv_student_t: scale matrix Sigma is not positive definite (its Cholesky factorization fails)");
  CHECK(logpdf(MvStudentT{3.0, Eigen::Vector2d(0, 0), indefinite}, Eigen::Vector2d(0, 0)) == -INFINITY);
  CHECK_THROWS_WITH(
      dist::natural_shape(DistKind::MvStudentT, std::vector<Shape>{Shape{}, Shape::vector(3), Shape::matrix(2, 3)}),
      "mv_student_t: parameter Sigma has shape matrix[2,3], but mu has shape vector[3], so Sigma must be matrix[3,3]");
  CHECK_THROWS_AS(dist::natural_shape(DistKind::MvStudentT, std::vector<Shape>{Shape::vector(2), Shape::vector(2),
                                                                               Shape::matrix(2, 2)}),
                  std::invalid_argument);

  const std::vector<Value> params{Value(5.0), Value({1.0, 2.0}),
                                  Value(Shape::matrix(2, 2), {2.0, 0.5, 0.5, 1.0}, ScalarType::Real)};
  CHECK(dist::mean(DistKind::MvStudentT, params, Shape::vector(2)) == Value({1.0, 2.0}));
  CHECK(dist::variance(DistKind::MvStudentT, params, Shape::vector(2)) == Value({2.0 * 5 / 3, 1.0 * 5 / 3}));
  CHECK(std::isinf(variance(MvStudentT{1.5, Eigen::Vector2d(0, 0), id})[0]));
  CHECK(std::isnan(mean(MvStudentT{1.0, Eigen::Vector2d(0, 0), id})[1]));
  Rng rng(124);
  CHECK(dist::draw(DistKind::MvStudentT, params, Shape::vector(2), rng).shape() == Shape::vector(2));
  const std::vector<Value> bad_nu{Value(0.0), params[1], params[2]};
  CHECK_THROWS_WITH(dist::draw(DistKind::MvStudentT, bad_nu, Shape::vector(2), rng),
                    "mv_student_t: degrees of freedom nu is 0, but must be positive and finite");
}
