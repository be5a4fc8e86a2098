// Discrete uniform distribution: log mass against the direct formula (Boost.Math has
// no discrete uniform), draws, parameter checks.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/discrete_uniform.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("discrete uniform log pmf is -log(hi - lo + 1) at 1000 random points", "[dist][discrete_uniform]") {
  Rng rng(71);
  for (int i = 0; i < 1000; ++i) {
    const double lo = std::floor((rng.uniform01() - 0.5) * std::pow(10.0, 15 * rng.uniform01()));
    const double hi = lo + std::floor(std::pow(10.0, 15 * rng.uniform01()));
    const double x = std::floor(lo + (hi - lo + 1) * rng.uniform01());
    const double m = hi - lo + 1;
    REQUIRE(logpdf(DiscreteUniform{lo, hi}, std::min(x, hi)) == Approx(-std::log(m)).epsilon(1e-15));
    REQUIRE(logpdf(DiscreteUniform{lo, hi}, hi + 1) == -INFINITY);
    REQUIRE(logpdf(DiscreteUniform{lo, hi}, lo - 1) == -INFINITY);
  }
  CHECK(logpdf(DiscreteUniform{3, 3}, 3) == 0.0);
  CHECK(logpdf(DiscreteUniform{0, 3}, 1.5) == -INFINITY);
}

TEST_CASE("discrete uniform draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][discrete_uniform]") {
  std::uint64_t seed = 72;
  for (auto [lo, hi] : {std::pair{-3.0, 7.0}, std::pair{0.0, 999.0}}) {
    const DiscreteUniform d{lo, hi};
    Rng rng(seed++);
    std::vector<double> xs(100000);
    for (double& x : xs) x = draw(d, rng);
    const double m = hi - lo + 1;
    CHECK(test::mean_within_clt(xs, mean(d), variance(d)));
    CHECK(test::var_within_clt(xs, variance(d), (m * m - 1) * (3 * m * m - 7) / 240));
    CHECK(test::chi_square_pvalue(xs, [&](double) { return 1 / m; }, lo, hi) > test::kFalseAlarm);
  }
}

TEST_CASE("discrete uniform parameter checks and registry", "[dist][discrete_uniform]") {
  CHECK_THROWS_WITH(validated(DiscreteUniform{0.5, 3}),
                    "discrete_uniform: lower bound lo is 0.5, but must be an integer in [-2^53, 2^53]");
  CHECK_THROWS_WITH(validated(DiscreteUniform{0, INFINITY}),
                    "discrete_uniform: upper bound hi is Inf, but must be an integer in [-2^53, 2^53]");
  CHECK_THROWS_WITH(validated(DiscreteUniform{4, 3}),
                    "discrete_uniform: lower bound lo is 4 and upper bound hi is 3, but lo must not exceed hi");
  CHECK_NOTHROW(validated(DiscreteUniform{3, 3}));
  const std::vector<Value> params{Value::integer(1), Value::integer(6)};
  CHECK(dist::logpdf(DistKind::DiscreteUniform, params, Value::integer(4)) == Approx(-std::log(6.0)).epsilon(1e-15));
  const Support s = dist::support(DistKind::DiscreteUniform, params);
  CHECK((s.lo == 1 && s.hi == 6 && s.integer));
}
