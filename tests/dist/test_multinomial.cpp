// Multinomial distribution: log mass against the direct factorial formula and, for
// K = 2 at large n, Boost.Math's binomial; draws; checks.
#include <boost/math/distributions/binomial.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/multinomial.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

double direct_log_pmf(double n, const Eigen::VectorXd& p, const Eigen::VectorXd& x) {
  double s = std::lgamma(n + 1);
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    s -= std::lgamma(x[i] + 1);
    if (x[i] > 0) s += x[i] * std::log(p[i]);
  }
  return s;
}

void check_draws(const Multinomial& d, std::uint64_t seed) {
  Rng rng(seed);
  const auto k = d.p.size();
  std::vector<std::vector<double>> cols(static_cast<std::size_t>(k), std::vector<double>(100000));
  for (std::size_t j = 0; j < 100000; ++j) {
    const Eigen::VectorXd x = draw(d, rng);
    REQUIRE(x.sum() == d.n);
    for (Eigen::Index i = 0; i < k; ++i) cols[static_cast<std::size_t>(i)][j] = x[i];
  }
  // Each count is binomial(n, p_i).
  for (Eigen::Index i = 0; i < k; ++i) {
    const auto& xs = cols[static_cast<std::size_t>(i)];
    const double p = d.p[i], pq = p * (1 - p), v = d.n * pq;
    CHECK(test::mean_within_clt(xs, d.n * p, v));
    CHECK(test::var_within_clt(xs, v, d.n * pq * (1 + 3 * (d.n - 2) * pq)));
    const double pv = test::chi_square_pvalue(
        xs, [&](double c) { return boost::math::pdf(boost::math::binomial(d.n, p), c); }, 0, d.n);
    CHECK(pv > test::kFalseAlarm);
  }
}

}  // namespace

TEST_CASE("multinomial log pmf matches the direct formula at 1000 random points", "[dist][multinomial]") {
  Rng rng(91);
  for (int t = 0; t < 1000; ++t) {
    const auto k = static_cast<Eigen::Index>(1 + std::floor(8 * rng.uniform01()));
    Eigen::VectorXd p(k);
    for (double& x : p) x = std::pow(rng.uniform01(), 4);
    p /= p.sum();
    const double n = std::floor(std::pow(10.0, 3 * rng.uniform01()));
    Eigen::VectorXd x = Eigen::VectorXd::Zero(k);
    for (int j = 0; j < static_cast<int>(n); ++j) x[static_cast<Eigen::Index>(std::floor(static_cast<double>(k) * rng.uniform01()))] += 1;
    const double expected = direct_log_pmf(n, p, x);
    // The direct formula loses about eps * (lgamma(n + 1) + sum |terms|) to cancellation;
    // the margin allows four times that on top of relative 1e-12.
    double scale = std::lgamma(n + 1);
    for (Eigen::Index i = 0; i < k; ++i) scale += std::lgamma(x[i] + 1) + std::abs(x[i] * std::log(p[i]));
    INFO("n=" << n << " k=" << k);
    REQUIRE(logpdf(Multinomial{n, p}, x) == Approx(expected).epsilon(1e-12).margin(1e-12 + 9e-16 * scale));
  }
}

TEST_CASE("multinomial with K = 2 matches Boost's binomial at large n", "[dist][multinomial]") {
  Rng rng(92);
  for (int t = 0; t < 1000; ++t) {
    const double n = std::floor(std::pow(10.0, 9 * rng.uniform01()));
    // p on a grid of 2^-20 so that p + (1 - p) is exactly 1: alea divides by that sum,
    // and at n = 1e9 a relative change of 1e-16 in p moves the log pmf by about 1e-11.
    const double p = std::ldexp(std::floor((0.01 + 0.98 * rng.uniform01()) * 0x1p20), -20);
    const double c = std::clamp(std::floor(n * p + std::sqrt(n * p * (1 - p)) * 8 * (rng.uniform01() - 0.5)), 0.0, n);
    const double f = boost::math::pdf(boost::math::binomial(n, p), c);
    if (!(f >= 1e-300)) continue;
    REQUIRE(logpdf(Multinomial{n, Eigen::Vector2d(p, 1 - p)}, Eigen::Vector2d(c, n - c)) ==
            Approx(std::log(f)).epsilon(1e-12).margin(1e-12));
  }
}

TEST_CASE("multinomial log pmf outside the support", "[dist][multinomial]") {
  const Multinomial d{5, Eigen::Vector3d(0.2, 0.3, 0.5)};
  CHECK(logpdf(d, Eigen::Vector3d(1, 1, 2)) == -INFINITY);    // sums to 4
  CHECK(logpdf(d, Eigen::Vector3d(1, 1.5, 2.5)) == -INFINITY);
  CHECK(logpdf(d, Eigen::Vector3d(-1, 3, 3)) == -INFINITY);
  CHECK(logpdf(d, Eigen::Vector2d(2, 3)) == -INFINITY);
  CHECK(logpdf(Multinomial{5, Eigen::Vector3d(0, 0.5, 0.5)}, Eigen::Vector3d(1, 2, 2)) == -INFINITY);
  CHECK(logpdf(Multinomial{5, Eigen::Vector3d(0, 0, 1)}, Eigen::Vector3d(0, 0, 5)) == 0.0);
  CHECK(logpdf(Multinomial{0, Eigen::Vector3d(0.2, 0.3, 0.5)}, Eigen::Vector3d(0, 0, 0)) == 0.0);
}

TEST_CASE("multinomial draws: counts sum to n, binomial margins by CLT and chi-square at level 1e-4",
          "[dist][multinomial]") {
  check_draws(Multinomial{20, Eigen::Vector3d(0.2, 0.3, 0.5)}, 93);
  check_draws(Multinomial{10000, Eigen::Vector4d(0.1, 0.25, 0.05, 0.6)}, 94);  // BTRS for the margins
}

TEST_CASE("multinomial parameter checks and shapes", "[dist][multinomial]") {
  CHECK_THROWS_WITH(validated(Multinomial{2.5, Eigen::Vector2d(0.5, 0.5)}),
                    "multinomial: number of trials n is 2.5, but must be a non-negative integer");
  CHECK_THROWS_WITH(validated(Multinomial{3, Eigen::Vector2d(0.5, 0.6)}),
                    "multinomial: probability vector p sums to 1.1, but must sum to 1 (within 1e-8 relative)");
  const std::vector<Value> params{Value::integer(4), Value({0.25, 0.75})};
  CHECK(dist::natural_shape(DistKind::Multinomial, std::vector<Shape>{Shape::scalar(), Shape::vector(2)}) ==
        Shape::vector(2));
  CHECK(dist::logpdf(DistKind::Multinomial, params, Value::integers({1, 3})) ==
        Approx(std::log(4 * 0.25 * std::pow(0.75, 3))).epsilon(1e-14));
  Rng rng(95);
  const Value v = dist::draw(DistKind::Multinomial, params, Shape::vector(2), rng);
  CHECK((v.type() == ScalarType::Integer && v[0] + v[1] == 4));
  CHECK(dist::mean(DistKind::Multinomial, params, Shape::vector(2)) == Value({1.0, 3.0}));
  CHECK_THROWS_AS(dist::logpdf(DistKind::Multinomial, params, Value::integers({1, 1, 2})), std::invalid_argument);
  const std::vector<Value> vector_n{Value({1.0, 2.0}), Value({0.25, 0.75})};
  CHECK_THROWS_WITH(dist::check_params(DistKind::Multinomial, vector_n, Shape::vector(2)),
                    "multinomial: parameter n has shape vector[2], but must be a scalar");
}
