// Poisson distribution: log mass against Boost.Math, draws (inversion and PTRS) by
// moments and chi-square, parameter checks.
#include <boost/math/distributions/poisson.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "../../src/dist/discrete_detail.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/poisson.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

double boost_log_pmf(double lambda, double k) {
  try {
    const double f = boost::math::pdf(boost::math::poisson(lambda), k);
    return f >= 1e-300 ? std::log(f) : NAN;
  } catch (...) {
    return NAN;
  }
}

// Draws of draw(Poisson), or of the given sampler when one is passed.
void check_draws(double lambda, std::uint64_t seed, double (*sampler)(double, Rng&) = nullptr) {
  INFO("lambda " << lambda);
  const Poisson d{lambda};
  Rng rng(seed);
  std::vector<double> xs(100000);
  for (double& x : xs) x = sampler ? sampler(lambda, rng) : draw(d, rng);
  CHECK(test::mean_within_clt(xs, lambda, lambda));
  CHECK(test::var_within_clt(xs, lambda, lambda + 3 * lambda * lambda));
  const double sd = std::sqrt(lambda);
  const double pv = test::chi_square_pvalue(
      xs, [&](double k) { return boost::math::pdf(boost::math::poisson(lambda), k); },
      std::max(0.0, std::floor(lambda - 10 * sd)), std::ceil(lambda + 10 * sd));
  CHECK(pv > test::kFalseAlarm);
}

}  // namespace

TEST_CASE("poisson log pmf matches Boost.Math at 2000 random points including huge lambda", "[dist][poisson]") {
  Rng rng(31);
  int compared = 0;
  for (int i = 0; i < 2000; ++i) {
    const double lambda = std::pow(10.0, -6 + 16 * rng.uniform01());
    const double sd = std::sqrt(lambda);
    double k = std::max(0.0, std::floor(lambda + sd * 12 * (rng.uniform01() - 0.5)));
    if (i % 10 == 0) k = 0;
    if (i % 10 == 1) k = std::floor(20 * rng.uniform01());
    const double expected = boost_log_pmf(lambda, k);
    if (std::isnan(expected)) continue;
    ++compared;
    INFO("lambda=" << lambda << " k=" << k);
    REQUIRE(logpdf(Poisson{lambda}, k) == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
  CHECK(compared >= 1000);
}

TEST_CASE("poisson log pmf edges", "[dist][poisson]") {
  CHECK(logpdf(Poisson{0}, 0) == 0.0);
  CHECK(logpdf(Poisson{0}, 1) == -INFINITY);
  CHECK(logpdf(Poisson{2}, 1.5) == -INFINITY);
  CHECK(logpdf(Poisson{2}, -1) == -INFINITY);
  CHECK(logpdf(Poisson{2}, INFINITY) == -INFINITY);
  CHECK(logpdf(Poisson{1e6}, 0) == -1e6);  // pmf underflows, the log does not
  CHECK(std::isfinite(logpdf(Poisson{1e-300}, 1000)));
}

TEST_CASE("poisson draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][poisson]") {
  check_draws(3, 32);     // inversion
  check_draws(9.5, 33);   // inversion
  check_draws(10, 34);    // inversion
  check_draws(30, 35);    // PTRS
  check_draws(3000, 36);  // PTRS
  check_draws(2e7, 37);   // PTRS, large lambda
  Rng rng(38);
  CHECK(draw(Poisson{0}, rng) == 0);
}

TEST_CASE("poisson draws at and around the inversion/PTRS switch (lambda = 25)", "[dist][poisson]") {
  check_draws(24, 40);    // inversion
  check_draws(24.99, 41); // inversion, just below
  check_draws(25, 42);    // PTRS at the switch
  check_draws(26, 43);    // PTRS
  // Each sampler on the other side of the switch too: PTRS down to its limit lambda = 10,
  // where the most draws reach the log-pmf test, and inversion a little above the switch.
  check_draws(10, 44, detail::poisson_draw_ptrs);
  check_draws(12.5, 45, detail::poisson_draw_ptrs);
  check_draws(18, 46, detail::poisson_draw_ptrs);
  check_draws(40, 47, detail::poisson_draw_inversion);
}

TEST_CASE("poisson parameter checks name the parameter and the value", "[dist][poisson]") {
  CHECK_THROWS_WITH(validated(Poisson{-1}), "poisson: rate parameter lambda is -1, but must be non-negative and finite");
  CHECK_THROWS_WITH(validated(Poisson{INFINITY}),
                    "poisson: rate parameter lambda is Inf, but must be non-negative and finite");
  CHECK_NOTHROW(validated(Poisson{0}));
}

TEST_CASE("poisson through the registry broadcasts and sums", "[dist][poisson]") {
  const std::vector<Value> params{Value({0.5, 4.0})};
  const Value x = Value::integers({0, 3});
  CHECK(dist::logpdf(DistKind::Poisson, params, x) ==
        Approx(logpdf(Poisson{0.5}, 0) + logpdf(Poisson{4}, 3)).epsilon(1e-15));
  Rng rng(39);
  CHECK(dist::draw(DistKind::Poisson, params, Shape::vector(2), rng).type() == ScalarType::Integer);
  const std::vector<Value> bad{Value({1.0, -2.0})};
  CHECK_THROWS_WITH(dist::draw(DistKind::Poisson, bad, Shape::vector(2), rng),
                    "poisson: rate parameter lambda is -2, but must be non-negative and finite");
  CHECK(dist::logpdf(DistKind::Poisson, bad, x) == -INFINITY);
}
