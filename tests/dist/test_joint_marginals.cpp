// The marginals of conjugate pairs (beta_binomial and the *_joint distributions of
// observations sharing one latent): draws against textbook moments, the dependence
// that sharing the latent induces, and parameter checks naming the bad value.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;

namespace {

// Draws of element `i` (and of element 0 times element 1, for a covariance).
struct Columns {
  std::vector<double> x0, x1, prod;
};

Columns draw_columns(DistKind k, const std::vector<Value>& p, std::size_t n, std::uint64_t seed) {
  Rng rng(seed);
  Columns c;
  for (std::size_t r = 0; r < n; ++r) {
    const Value v = dist::draw(k, p, Shape::vector(2), rng);
    c.x0.push_back(v[0]);
    c.x1.push_back(v[1]);
    c.prod.push_back(v[0] * v[1]);
  }
  return c;
}

}  // namespace

TEST_CASE("poisson_gamma_joint: negative binomial margins, covariance e0 e1 a / b^2", "[dist][joint]") {
  const double a = 3, b = 2, e0 = 1.5, e1 = 0.5;
  const auto c = draw_columns(DistKind::PoissonGammaJoint, {Value(a), Value(b), Value({e0, e1})}, 40000, 1);
  // y0 ~ neg_binomial(a, b / (b + e0)): mean e0 a / b, variance e0 a / b + e0^2 a / b^2.
  const double m0 = e0 * a / b, v0 = m0 + e0 * e0 * a / (b * b);
  CHECK(test::mean_within_clt(c.x0, m0, v0));
  // Sharing lambda: Cov(y0, y1) = e0 e1 Var(lambda) = e0 e1 a / b^2, so E[y0 y1] = m0 m1 + that.
  const double m1 = e1 * a / b;
  const double e_prod = m0 * m1 + e0 * e1 * a / (b * b);
  CHECK(std::abs(test::moments(c.prod).mean - e_prod) <= 0.05 * e_prod);
}

TEST_CASE("normal_mean_joint: margins normal(c + d m, sqrt(sigma^2 + d^2 s^2)), covariance d0 d1 s^2", "[dist][joint]") {
  const auto c = draw_columns(DistKind::NormalMeanJoint,
                              {Value({1.0, -1.0}), Value({2.0, 0.5}), Value(0.5), Value(1.5), Value({1.0, 2.0})},
                              40000, 2);
  const double m0 = 1 + 2 * 0.5, v0 = 1 + 4 * 2.25;
  CHECK(test::mean_within_clt(c.x0, m0, v0));
  CHECK(test::var_within_clt(c.x0, v0, 3 * v0 * v0));
  const double m1 = -1 + 0.5 * 0.5;
  CHECK(std::abs(test::moments(c.prod).mean - (m0 * m1 + 2 * 0.5 * 2.25)) <= 0.15);
}

TEST_CASE("normal_mean_joint: the log density is the bivariate normal's", "[dist][joint]") {
  // c = 0, d = 1, m = 0, s = 1, sigma = 1: y ~ mv_normal(0, [[2, 1], [1, 2]]).
  const std::vector<Value> p{Value(0.0), Value(1.0), Value(0.0), Value(1.0), Value(1.0)};
  const double y0 = 0.7, y1 = -0.4;
  const double quad = (2 * y0 * y0 - 2 * y0 * y1 + 2 * y1 * y1) / 3.0;  // inverse [[2, -1], [-1, 2]] / 3
  const double expected = -std::log(2 * std::numbers::pi) - 0.5 * std::log(3.0) - 0.5 * quad;
  CHECK(dist::logpdf(DistKind::NormalMeanJoint, p, Value({y0, y1})) == Approx(expected).epsilon(1e-13));
}

TEST_CASE("beta_binomial: moments and the uniform case", "[dist][joint]") {
  // beta_binomial(n, 1, 1) is uniform on 0..n.
  for (int x = 0; x <= 6; ++x)
    CHECK(dist::logpdf(DistKind::BetaBinomial, std::vector<Value>{Value(6.0), Value(1.0), Value(1.0)}, Value(double(x))) ==
          Approx(-std::log(7.0)).epsilon(1e-12));
  Rng rng(3);
  const Value v = dist::draw(DistKind::BetaBinomial, std::vector<Value>{Value(10.0), Value(2.0), Value(3.0)}, Shape::vector(40000), rng);
  const double mean = 10 * 2.0 / 5, var = 10 * 2.0 * 3 * (5 + 10) / (25.0 * 6);
  CHECK(test::mean_within_clt(v.data(), mean, var));
}

TEST_CASE("joint marginals check their parameters and shapes", "[dist][joint]") {
  CHECK_THROWS_WITH(dist::check_params(DistKind::PoissonGammaJoint, std::vector<Value>{Value(-1.0), Value(1.0), Value(1.0)},
                                       Shape::vector(3)),
                    "poisson_gamma_joint: shape parameter a is -1, but must be positive and finite");
  CHECK_THROWS_WITH(dist::check_params(DistKind::BinomialBetaJoint, std::vector<Value>{Value({1.0, 2.0}), Value(1.0), Value(1.0)},
                                       Shape::vector(3)),
                    "binomial_beta_joint: parameter n has shape vector[2] but the draw has shape vector[3]");
  CHECK_THROWS_WITH(dist::check_params(DistKind::NormalPrecisionJoint, std::vector<Value>{Value(0.0), Value({1.0, 2.0}), Value(1.0)},
                                       Shape::vector(2)),
                    "normal_precision_joint: parameter a has shape vector[2] but must be a scalar");
  CHECK(dist::logpdf(DistKind::GammaRateJoint, std::vector<Value>{Value(1.0), Value(2.0), Value(1.0)}, Value({-1.0, 2.0})) ==
        -std::numeric_limits<double>::infinity());
}
