// Geometric distribution: log mass against Boost.Math, draws, parameter checks.
#include <boost/math/distributions/negative_binomial.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/geometric.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

// Boost's geometric pdf is p * pow(1 - p, k), which loses digits of a small p when it
// forms 1 - p; its negative_binomial(1, p) goes through ibeta_derivative and does not.
double boost_pmf(double p, double k) { return boost::math::pdf(boost::math::negative_binomial(1, p), k); }

}  // namespace

TEST_CASE("geometric log pmf matches Boost.Math at 1000 random points including p near 0 and 1", "[dist][geometric]") {
  Rng rng(51);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const double t = std::pow(10.0, -12 * rng.uniform01());
    const double p = i % 3 == 0 ? rng.uniform01() : i % 3 == 1 ? t : 1 - t;
    const double k = std::floor(-std::log(rng.uniform01()) * 3 * (1 - p) / p);
    double f = 0;
    try {
      f = boost_pmf(p, k);
    } catch (...) {
      continue;
    }
    if (!(f >= 1e-300)) continue;
    ++compared;
    INFO("p=" << p << " k=" << k);
    REQUIRE(logpdf(Geometric{p}, k) == Approx(std::log(f)).epsilon(1e-12).margin(1e-12));
  }
  CHECK(compared >= 900);
  CHECK(logpdf(Geometric{1}, 0) == 0.0);
  CHECK(logpdf(Geometric{1}, 1) == -INFINITY);
  CHECK(logpdf(Geometric{0.5}, -1) == -INFINITY);
  CHECK(logpdf(Geometric{0.5}, 0.5) == -INFINITY);
}

TEST_CASE("geometric draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][geometric]") {
  std::uint64_t seed = 52;
  for (double p : {0.3, 0.002}) {
    const Geometric d{p};
    Rng rng(seed++);
    std::vector<double> xs(100000);
    for (double& x : xs) x = draw(d, rng);
    const double v = variance(d), q = 1 - p;
    CHECK(test::mean_within_clt(xs, mean(d), v));
    CHECK(test::var_within_clt(xs, v, v * v * (9 + p * p / q)));  // excess kurtosis 6 + p^2/q
    CHECK(test::chi_square_pvalue(xs, [&](double k) { return boost_pmf(p, k); }, 0, std::ceil(20 / p)) >
          test::kFalseAlarm);
  }
  Rng rng(54);
  CHECK(draw(Geometric{1}, rng) == 0);
}

TEST_CASE("geometric parameter checks and registry", "[dist][geometric]") {
  CHECK_THROWS_WITH(validated(Geometric{0}), "geometric: probability parameter p is 0, but must be in (0, 1]");
  CHECK_THROWS_WITH(validated(Geometric{1.5}), "geometric: probability parameter p is 1.5, but must be in (0, 1]");
  CHECK_NOTHROW(validated(Geometric{1}));
  const std::vector<Value> params{Value(0.25)};
  CHECK(dist::logpdf(DistKind::Geometric, params, Value::integer(2)) ==
        Approx(std::log(0.25 * 0.75 * 0.75)).epsilon(1e-14));
  CHECK(dist::support(DistKind::Geometric, params).lo == 0);
}
