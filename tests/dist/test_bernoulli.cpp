// Bernoulli distribution: log mass against Boost.Math, draws, parameter checks.
#include <boost/math/distributions/bernoulli.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/bernoulli.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("bernoulli log pmf matches Boost.Math at 1000 random points including p near 0 and 1", "[dist][bernoulli]") {
  Rng rng(41);
  for (int i = 0; i < 1000; ++i) {
    const double t = std::pow(10.0, -15 * rng.uniform01());
    const double p = i % 3 == 0 ? rng.uniform01() : i % 3 == 1 ? t : 1 - t;
    const double k = i % 2;
    const double expected = std::log(boost::math::pdf(boost::math::bernoulli(p), k));
    // Boost returns 1 - p for k = 0; for tiny p its log is computed here from the rounded
    // 1 - p, off by up to 1.2e-16 absolute, inside the margin.
    REQUIRE(logpdf(Bernoulli{p}, k) == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
  CHECK(logpdf(Bernoulli{1}, 1) == 0.0);
  CHECK(logpdf(Bernoulli{1}, 0) == -INFINITY);
  CHECK(logpdf(Bernoulli{0}, 0) == 0.0);
  CHECK(logpdf(Bernoulli{0.5}, 0.5) == -INFINITY);
  CHECK(logpdf(Bernoulli{0.5}, 2) == -INFINITY);
  CHECK(logpdf(Bernoulli{1e-20}, 0) == Approx(-1e-20).epsilon(1e-15));
}

TEST_CASE("bernoulli draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][bernoulli]") {
  std::uint64_t seed = 42;
  for (double p : {0.3, 0.999}) {
    Rng rng(seed++);
    std::vector<double> xs(100000);
    for (double& x : xs) x = draw(Bernoulli{p}, rng);
    const double q = 1 - p;
    CHECK(test::mean_within_clt(xs, p, p * q));
    CHECK(test::var_within_clt(xs, p * q, p * q * (1 - 3 * p * q)));
    CHECK(test::chi_square_pvalue(xs, [&](double k) { return k == 1 ? p : q; }, 0, 1) > test::kFalseAlarm);
  }
  Rng rng(44);
  CHECK(draw(Bernoulli{0}, rng) == 0);
  CHECK(draw(Bernoulli{1}, rng) == 1);
}

TEST_CASE("bernoulli parameter checks and registry", "[dist][bernoulli]") {
  CHECK_THROWS_WITH(validated(Bernoulli{1.5}), "bernoulli: probability parameter p is 1.5, but must be in [0, 1]");
  CHECK_THROWS_WITH(validated(Bernoulli{NAN}), "bernoulli: probability parameter p is NaN, but must be in [0, 1]");
  const std::vector<Value> params{Value({0.2, 0.7})};
  CHECK(dist::logpdf(DistKind::Bernoulli, params, Value::integers({0, 1})) ==
        Approx(std::log(0.8) + std::log(0.7)).epsilon(1e-15));
  CHECK(dist::mean(DistKind::Bernoulli, params, Shape::vector(2)) == Value({0.2, 0.7}));
}
