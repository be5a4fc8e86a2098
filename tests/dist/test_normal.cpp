// Normal distribution: log density against Boost.Math, draws by moments and KS, checks.
#include <boost/math/distributions/normal.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("normal logpdf matches Boost.Math at 1000 random points including extremes", "[dist][normal]") {
  Rng rng(11);
  for (int i = 0; i < 1000; ++i) {
    const double mu = (rng.uniform01() - 0.5) * std::pow(10.0, 6 * rng.uniform01());
    const double sigma = std::pow(10.0, -6 + 12 * rng.uniform01());
    const double x = mu + sigma * (rng.uniform01() - 0.5) * 20;
    const double expected = std::log(boost::math::pdf(boost::math::normal(mu, sigma), x));
    const double got = logpdf(Normal{mu, sigma}, x);
    if (std::isfinite(expected)) REQUIRE(got == Approx(expected).epsilon(1e-12).margin(1e-12));
  }
  // Far tails, where the pdf underflows but the log density must stay finite.
  CHECK(logpdf(Normal{0, 1}, 100) == Approx(-5000.0 - 0.91893853320467274178).epsilon(1e-14));
}

TEST_CASE("normal draws: moments within CLT bounds and KS at level 1e-4", "[dist][normal]") {
  Rng rng(12);
  const Normal d{2.5, 3.0};
  std::vector<double> xs(100000);
  for (double& x : xs) x = draw(d, rng);
  CHECK(test::mean_within_clt(xs, mean(d), variance(d)));
  CHECK(test::var_within_clt(xs, variance(d), 3 * std::pow(variance(d), 2)));
  const double p = test::ks_pvalue(xs, [&](double x) { return boost::math::cdf(boost::math::normal(2.5, 3.0), x); });
  CHECK(p > test::kFalseAlarm);
}

TEST_CASE("normal parameter checks name the parameter and the value", "[dist][normal]") {
  CHECK_THROWS_WITH(validated(Normal{0, -1}), "normal: scale parameter sigma is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Normal{0, 0}), "normal: scale parameter sigma is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Normal{NAN, 1}), "normal: location parameter mu is NaN, but must be finite");
  CHECK_NOTHROW(validated(Normal{0, 1}));
}

TEST_CASE("normal through the registry broadcasts and sums", "[dist][normal]") {
  const std::vector<Value> params{Value(1.0), Value({1.0, 2.0, 3.0})};
  const Value x({0.5, 0.0, 4.0});
  const double expected = logpdf(Normal{1, 1}, 0.5) + logpdf(Normal{1, 2}, 0.0) + logpdf(Normal{1, 3}, 4.0);
  CHECK(dist::logpdf(DistKind::Normal, params, x) == Approx(expected).epsilon(1e-15));
  Rng rng(3);
  const Value v = dist::draw(DistKind::Normal, params, Shape::vector(3), rng);
  CHECK(v.shape() == Shape::vector(3));
  const std::vector<Value> bad{Value(0.0), Value({1.0, -2.0, 3.0})};
  CHECK_THROWS_WITH(dist::draw(DistKind::Normal, bad, Shape::vector(3), rng),
                    "normal: scale parameter sigma is -2, but must be positive and finite");
  CHECK(dist::logpdf(DistKind::Normal, bad, x) == -INFINITY);
  const std::vector<Value> wrong{Value({0.0, 1.0}), Value(1.0)};
  CHECK_THROWS_AS(dist::check_params(DistKind::Normal, wrong, Shape::vector(3)), std::invalid_argument);
}
