// Wishart: log density against a hand computation for 2 x 2 and Boost's gamma for
// 1 x 1, draws by element means and variances (CLT) and KS of the diagonal (each
// W_ii / Sigma_ii is chi-squared with nu degrees of freedom), checks of nu and Sigma.
#include <Eigen/Dense>
#include <boost/math/distributions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "alea/dist/registry.hpp"
#include "alea/dist/wishart.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("wishart log density, 2 x 2, matches the formula written out by hand", "[dist][wishart]") {
  // W = [a b; b c], Sigma = [s11 s12; s12 s22]:
  //   log p = (nu - 3)/2 log(ac - b^2) - (s22 a - 2 s12 b + s11 c) / (2 det Sigma) - nu log 2
  //           - nu/2 log det Sigma - log(sqrt(pi) Gamma(nu/2) Gamma((nu - 1)/2)).
  Rng rng(301);
  for (int t = 0; t < 200; ++t) {
    const double s11 = 0.5 + 3 * rng.uniform01(), s22 = 0.2 + 2 * rng.uniform01();
    const double s12 = (rng.uniform01() - 0.5) * 1.8 * std::sqrt(s11 * s22);
    const double a = 0.1 + 5 * rng.uniform01(), c = 0.1 + 5 * rng.uniform01();
    const double b = (rng.uniform01() - 0.5) * 1.9 * std::sqrt(a * c);
    const double nu = 2 + 8 * rng.uniform01();
    const double det_s = s11 * s22 - s12 * s12;
    const double expected = 0.5 * (nu - 3) * std::log(a * c - b * b) -
                            (s22 * a - 2 * s12 * b + s11 * c) / (2 * det_s) - nu * std::log(2.0) -
                            0.5 * nu * std::log(det_s) -
                            (0.5 * std::log(M_PI) + std::lgamma(nu / 2) + std::lgamma((nu - 1) / 2));
    Eigen::Matrix2d S, W;
    S << s11, s12, s12, s22;
    W << a, b, b, c;
    REQUIRE(logpdf(Wishart{nu, S}, W) == Approx(expected).epsilon(1e-12).margin(1e-12));
    // The registry's entry point reads the same record.
    const Value sv(Shape::matrix(2, 2), {s11, s12, s12, s22}, ScalarType::Real);
    const Value wv(Shape::matrix(2, 2), {a, b, b, c}, ScalarType::Real);
    const Value params[] = {Value(nu), sv};
    REQUIRE(dist::logpdf(DistKind::Wishart, params, wv) == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
}

TEST_CASE("wishart 1 x 1 is s times chi-squared(nu): log density matches Boost's gamma", "[dist][wishart]") {
  for (double nu : {1.0, 2.5, 7.0})
    for (double s : {0.3, 1.0, 4.0})
      for (double w : {0.05, 1.0, 6.0}) {
        const boost::math::gamma_distribution<> g(nu / 2, 2 * s);
        CHECK(logpdf(Wishart{nu, Eigen::MatrixXd::Constant(1, 1, s)}, Eigen::MatrixXd::Constant(1, 1, w)) ==
              Approx(std::log(boost::math::pdf(g, w))).epsilon(1e-12));
      }
}

TEST_CASE("wishart log density is -inf off the symmetric positive definite matrices", "[dist][wishart]") {
  const Wishart d{4, Eigen::Matrix2d::Identity()};
  Eigen::Matrix2d W;
  W << 1, 2, 2, 1;  // indefinite
  CHECK(logpdf(d, W) == kNegInf);
  W << 1, 0.2, 0.3, 1;  // not symmetric
  CHECK(logpdf(d, W) == kNegInf);
  W << 1, NAN, NAN, 1;
  CHECK(logpdf(d, W) == kNegInf);
}

TEST_CASE("wishart draws: element means and variances by CLT, diagonal by KS, at level 1e-4",
          "[dist][wishart]") {
  Eigen::Matrix3d S;
  S << 2.0, 0.6, -0.4, 0.6, 1.0, 0.3, -0.4, 0.3, 0.5;
  const double nu = 5.5;
  const Wishart d{nu, S};
  const Eigen::MatrixXd m = mean(d), v = variance(d);
  Rng rng(302);
  const std::size_t n = 50000;
  std::vector<std::vector<double>> el(9, std::vector<double>(n));
  for (std::size_t t = 0; t < n; ++t) {
    const Eigen::MatrixXd W = draw(d, rng);
    REQUIRE(W == W.transpose());
    for (int k = 0; k < 9; ++k) el[static_cast<std::size_t>(k)][t] = W.data()[k];
  }
  for (int j = 0; j < 3; ++j)
    for (int i = 0; i < 3; ++i) {
      INFO("element " << i << "," << j);
      CHECK(m(i, j) == Approx(nu * S(i, j)));
      CHECK(test::mean_within_clt(el[static_cast<std::size_t>(i + 3 * j)], m(i, j), v(i, j)));
    }
  for (int i = 0; i < 3; ++i) {
    INFO("diagonal " << i);
    const boost::math::gamma_distribution<> g(nu / 2, 2 * S(i, i));
    CHECK(test::ks_pvalue(el[static_cast<std::size_t>(4 * i)],
                          [&](double x) { return boost::math::cdf(g, x); }) > test::kFalseAlarm);
  }
}

TEST_CASE("wishart checks: degrees of freedom at least the dimension, a symmetric positive definite scale",
          "[dist][wishart]") {
  CHECK(check(Wishart{1.5, Eigen::Matrix2d::Identity()}) ==
        "degrees of freedom is 1.5, but must be finite and at least 2, the dimension of the scale matrix");
  CHECK(check(Wishart{2, Eigen::Matrix2d::Identity()}).empty());
  Eigen::Matrix2d S;
  S << 1, 2, 2, 1;
  CHECK(check(Wishart{3, S}) ==
        "scale matrix Sigma is not positive definite (its Cholesky factorization fails)");
  S << 1, 0.5, 0.2, 1;
  CHECK(check(Wishart{3, S}) ==
        "scale matrix Sigma is not symmetric: Sigma[2,1] is 0.2 but Sigma[1,2] is 0.5");
  const Value params[] = {Value(3.0),
                          Value(Shape::matrix(2, 3), std::vector<double>(6, 0.0), ScalarType::Real)};
  CHECK_THROWS_WITH(dist::check_params(DistKind::Wishart, params, Shape::matrix(2, 3)),
                    "wishart: parameter Sigma has shape matrix[2,3], but must be a square matrix");
}
