// Binomial distribution: log mass against Boost.Math, draws (inversion and BTRS) by
// moments and chi-square, parameter checks.
#include <boost/math/distributions/binomial.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "../../src/dist/discrete_detail.hpp"
#include "alea/dist/binomial.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

// Boost's pdf, or NaN where it fails or is subnormal (and so has lost relative precision).
double boost_log_pmf(double n, double p, double k) {
  try {
    const double f = boost::math::pdf(boost::math::binomial(n, p), k);
    return f >= 1e-300 ? std::log(f) : NAN;
  } catch (...) {
    return NAN;
  }
}

// Fourth central moment n p q (1 + 3 (n - 2) p q).
double mu4(double n, double p) {
  const double pq = p * (1 - p);
  return n * pq * (1 + 3 * (n - 2) * pq);
}

// Draws of draw(Binomial), or of the given sampler (p <= 1/2) when one is passed.
void check_draws(const Binomial& d, std::uint64_t seed, double (*sampler)(double, double, Rng&) = nullptr) {
  INFO("n " << d.n << " p " << d.p);
  Rng rng(seed);
  std::vector<double> xs(100000);
  for (double& x : xs) x = sampler ? sampler(d.n, d.p, rng) : draw(d, rng);
  CHECK(test::mean_within_clt(xs, mean(d), variance(d)));
  CHECK(test::var_within_clt(xs, variance(d), mu4(d.n, d.p)));
  const double sd = std::sqrt(variance(d));
  const double lo = std::max(0.0, std::floor(mean(d) - 10 * sd)), hi = std::min(d.n, std::ceil(mean(d) + 10 * sd));
  const double pv = test::chi_square_pvalue(
      xs, [&](double k) { return boost::math::pdf(boost::math::binomial(d.n, d.p), k); }, lo, hi);
  CHECK(pv > test::kFalseAlarm);
}

}  // namespace

TEST_CASE("binomial log pmf matches Boost.Math at 2000 random points including extremes", "[dist][binomial]") {
  Rng rng(21);
  int compared = 0;
  for (int i = 0; i < 2000; ++i) {
    const double n = std::floor(std::pow(10.0, 9 * rng.uniform01()));
    const double t = std::pow(10.0, -15 * rng.uniform01());
    const int which = i % 3;
    const double p = which == 0 ? rng.uniform01() : which == 1 ? t : 1 - t;
    const double sd = std::sqrt(n * p * (1 - p));
    double k = std::floor(n * p + sd * 12 * (rng.uniform01() - 0.5));
    if (i % 10 == 0) k = 0;
    if (i % 10 == 1) k = n;
    k = std::clamp(k, 0.0, n);
    const double expected = boost_log_pmf(n, p, k);
    if (std::isnan(expected)) continue;
    ++compared;
    INFO("n=" << n << " p=" << p << " k=" << k);
    // Relative 1e-12 on the log, or 1e-12 absolute (= relative 1e-12 on the pmf) near log = 0.
    // Boost forms 1 - p in double, whose rounding (up to 1.1e-16) puts an absolute error
    // of up to (n - k) * 1.1e-16 / (1 - p) into its log pmf: visible when p is tiny and n
    // large (n = 8876521, p = 1.1e-11, k = 0 is off by 4e-6 relative in Boost; alea
    // agrees with a 40-digit reference there, checked below), so that much is allowed too.
    const double boost_rounding = 1.2e-16 * (n - k) / (1 - p);
    REQUIRE(logpdf(Binomial{n, p}, k) == Approx(expected).epsilon(1e-12).margin(1e-12 + boost_rounding));
  }
  CHECK(compared >= 1000);
}

TEST_CASE("binomial log pmf against 40-digit references where Boost rounds 1 - p", "[dist][binomial]") {
  // n log1p(-p) by mpmath at 40 digits.
  CHECK(logpdf(Binomial{8876521, 1.1036212639106952e-11}, 0) ==
        Approx(-9.796317325203884843155169134887e-05).epsilon(1e-14));
}

TEST_CASE("binomial log pmf edges", "[dist][binomial]") {
  CHECK(logpdf(Binomial{10, 1}, 10) == 0.0);
  CHECK(logpdf(Binomial{10, 1}, 9) == -INFINITY);
  CHECK(logpdf(Binomial{10, 0}, 0) == 0.0);
  CHECK(logpdf(Binomial{10, 0}, 1) == -INFINITY);
  CHECK(logpdf(Binomial{0, 0.3}, 0) == 0.0);
  CHECK(logpdf(Binomial{10, 0.3}, 2.5) == -INFINITY);
  CHECK(logpdf(Binomial{10, 0.3}, -1) == -INFINITY);
  CHECK(logpdf(Binomial{10, 0.3}, 11) == -INFINITY);
  CHECK(logpdf(Binomial{10, 0.3}, NAN) == -INFINITY);
  // Far tail where the pmf underflows: log C(2000, 0) + 2000 log(0.3)... at k = 0, exactly n log q.
  CHECK(logpdf(Binomial{2000, 0.7}, 0) == Approx(2000 * std::log(0.3)).epsilon(1e-14));
}

TEST_CASE("binomial draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][binomial]") {
  check_draws(Binomial{20, 0.3}, 22);      // inversion
  check_draws(Binomial{1000, 0.4}, 23);    // BTRS
  check_draws(Binomial{100000, 0.93}, 24); // BTRS through the symmetry p > 1/2
  check_draws(Binomial{1e9, 2e-9}, 25);    // inversion with huge n
  Rng rng(26);
  CHECK(draw(Binomial{7, 1}, rng) == 7);
  CHECK(draw(Binomial{7, 0}, rng) == 0);
  CHECK(draw(Binomial{0, 0.5}, rng) == 0);
}

TEST_CASE("binomial draws at and around the inversion/BTRS switch (n p = 10)", "[dist][binomial]") {
  check_draws(Binomial{30, 0.33}, 30);      // n p = 9.9: inversion
  check_draws(Binomial{31, 0.33}, 31);      // 10.23: BTRS
  check_draws(Binomial{20, 0.5}, 32);       // 10 exactly: BTRS at the switch, p = 1/2
  check_draws(Binomial{1000, 0.01}, 33);    // 10 exactly with small p
  check_draws(Binomial{999, 0.01}, 34);     // 9.99: inversion
  check_draws(Binomial{5000, 0.0024}, 35);  // 12: BTRS
  check_draws(Binomial{40, 0.7}, 36);       // 12 through the symmetry
  // BTRS far from the switch: both branches of its final test (product within 15 of the
  // mode, Stirling beyond) at huge n, where the regrouped terms must keep their digits.
  check_draws(Binomial{1e9, 0.3}, 37);
  check_draws(Binomial{3e6, 0.5}, 38);
  // Inversion above the switch, as the sweep in the benchmark times it.
  check_draws(Binomial{100, 0.3}, 39, detail::binomial_draw_inversion);
}

TEST_CASE("binomial parameter checks name the parameter and the value", "[dist][binomial]") {
  CHECK_THROWS_WITH(validated(Binomial{10, 1.5}), "binomial: probability parameter p is 1.5, but must be in [0, 1]");
  CHECK_THROWS_WITH(validated(Binomial{10, -0.1}), "binomial: probability parameter p is -0.1, but must be in [0, 1]");
  CHECK_THROWS_WITH(validated(Binomial{2.5, 0.5}), "binomial: number of trials n is 2.5, but must be a non-negative integer");
  CHECK_THROWS_WITH(validated(Binomial{-1, 0.5}), "binomial: number of trials n is -1, but must be a non-negative integer");
  CHECK_NOTHROW(validated(Binomial{0, 0}));
}

TEST_CASE("binomial through the registry broadcasts and sums", "[dist][binomial]") {
  const std::vector<Value> params{Value::integer(10), Value({0.1, 0.5, 0.9})};
  const Value x = Value::integers({1, 5, 10});
  const double expected = logpdf(Binomial{10, 0.1}, 1) + logpdf(Binomial{10, 0.5}, 5) + logpdf(Binomial{10, 0.9}, 10);
  CHECK(dist::logpdf(DistKind::Binomial, params, x) == Approx(expected).epsilon(1e-15));
  Rng rng(27);
  const Value v = dist::draw(DistKind::Binomial, params, Shape::vector(3), rng);
  CHECK(v.type() == ScalarType::Integer);
  CHECK(v.shape() == Shape::vector(3));
  CHECK(dist::support(DistKind::Binomial, params).hi == 10);
}
