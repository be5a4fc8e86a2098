// Normal distribution: log density against Boost.Math, draws by moments and KS, checks.
#include <boost/math/distributions/normal.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/registry.hpp"
#include "../../src/dist/ziggurat.hpp"  // internal: the ziggurat tables' R
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

TEST_CASE("ziggurat standard normal: KS on 10^6 draws", "[dist][normal][ziggurat]") {
  Rng rng(13);
  std::vector<double> zs(1000000);
  for (double& z : zs) z = rng.std_normal();
  const double p = test::ks_pvalue(zs, [](double z) { return boost::math::cdf(boost::math::normal(), z); });
  INFO("KS p-value " << p);
  CHECK(p > test::kFalseAlarm);
  CHECK(test::mean_within_clt(zs, 0.0, 1.0));
  CHECK(test::var_within_clt(zs, 1.0, 3.0));
}

TEST_CASE("ziggurat standard normal tails: mass beyond 4 and the shape beyond R", "[dist][normal][ziggurat]") {
  // 10^7 draws: about 630 beyond |z| = 4 and 2600 beyond the base layer's edge R = 3.654,
  // where the separate tail algorithm takes over.
  constexpr double kR = 3.6541528853610088;
  const boost::math::normal phi;
  Rng rng(14);
  const int n = 10000000;
  double beyond4 = 0, positive = 0;
  std::vector<double> tail;
  for (int i = 0; i < n; ++i) {
    const double z = rng.std_normal();
    if (std::abs(z) > 4) ++beyond4;
    if (std::abs(z) > kR) {
      tail.push_back(std::abs(z));
      positive += z > 0;
    }
  }
  const double p4 = 2 * boost::math::cdf(boost::math::complement(phi, 4.0));
  INFO("beyond 4: " << beyond4 << " expected " << n * p4);
  CHECK(std::abs(beyond4 - n * p4) <= test::z_crit() * std::sqrt(n * p4 * (1 - p4)));
  // The tail conditioned on |z| > R: P(|z| <= x | |z| > R) = 1 - Q(x) / Q(R).
  const double q_r = boost::math::cdf(boost::math::complement(phi, kR));
  const double pv = test::ks_pvalue(
      tail, [&](double x) { return 1 - boost::math::cdf(boost::math::complement(phi, x)) / q_r; });
  INFO(tail.size() << " tail draws, KS p-value " << pv);
  CHECK(pv > test::kFalseAlarm);
  const double m = static_cast<double>(tail.size());
  CHECK(std::abs(positive - m / 2) <= test::z_crit() * std::sqrt(m / 4));  // both signs in the tail
}

TEST_CASE("standard normal draws depend only on the engine state", "[dist][normal][ziggurat]") {
  Rng a(15, 2);
  for (int i = 0; i < 3; ++i) a.std_normal();
  Rng b = a;  // a copy continues exactly like the original: no state outside the engine
  for (int i = 0; i < 1000; ++i) REQUIRE(a.std_normal() == b.std_normal());
  Rng c(15, 2), d(15, 2);
  for (int i = 0; i < 1000; ++i) REQUIRE(c.std_normal() == d.std_normal());
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

TEST_CASE("ziggurat R: the smallest double whose layers close, as the search finds it", "[dist][normal][ziggurat]") {
  using namespace alea::dist::detail;
  ZigguratTable t;
  // The defining property, at R and at the double below it.
  CHECK(build_ziggurat_layers<HalfNormalDensity>(t, HalfNormalDensity::kR) >= 0.0);
  CHECK(build_ziggurat_layers<HalfNormalDensity>(t, std::nextafter(HalfNormalDensity::kR, 0.0)) < 0.0);
  CHECK(build_ziggurat_layers<ExponentialDensity>(t, ExponentialDensity::kR) >= 0.0);
  CHECK(build_ziggurat_layers<ExponentialDensity>(t, std::nextafter(ExponentialDensity::kR, 0.0)) < 0.0);
  // And the search over the brackets ends there.
  CHECK(solve_ziggurat_r<HalfNormalDensity>() == HalfNormalDensity::kR);
  CHECK(solve_ziggurat_r<ExponentialDensity>() == ExponentialDensity::kR);
}
