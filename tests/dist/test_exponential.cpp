// Exponential distribution (rate): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/exponential.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/exponential.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("exponential logpdf matches Boost.Math at 1000 random points including extremes", "[dist][exponential]") {
  Rng rng(31);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Exponential d{std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = (i % 2 ? std::pow(10.0, -12 * rng.uniform01()) : 100 * rng.uniform01()) / d.rate;
    INFO("rate " << d.rate << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return boost::math::pdf(boost::math::exponential_distribution<>(d.rate), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Exponential{3}, 0.0) == Approx(std::log(3.0)).epsilon(1e-15));
  CHECK(logpdf(Exponential{3}, 1000.0) == Approx(std::log(3.0) - 3000).epsilon(1e-15));
  CHECK(logpdf(Exponential{3}, -1e-300) == -INFINITY);
  CHECK(logpdf(Exponential{3}, NAN) == -INFINITY);
}

TEST_CASE("exponential draws: moments within CLT bounds and KS at level 1e-4", "[dist][exponential]") {
  std::uint64_t seed = 32;
  for (const Exponential d : {Exponential{2.0}, Exponential{1e-3}}) {
    INFO("rate " << d.rate);
    const auto xs = test::sample(d, seed++);
    test::check_mean_var(xs, mean(d), variance(d), 9 / std::pow(d.rate, 4));
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost::math::exponential_distribution<>(d.rate), x); });
  }
}

TEST_CASE("ziggurat exponential: KS on 10^6 draws, and the tail beyond R", "[dist][exponential][ziggurat]") {
  const Exponential unit{1};
  const auto cdf = [](double x) { return -std::expm1(-x); };
  const auto xs = test::sample(unit, 40, 1000000);
  test::check_ks(xs, cdf);
  test::check_mean_var(xs, 1, 1, 9);
  // Beyond the base layer's edge R = 7.697 draws restart shifted by R (memorylessness):
  // 4500 of 10^7 draws land there, and their excess over R must again be Exp(1), with the
  // right total mass exp(-R).
  constexpr double kR = 7.6971174701310497;
  Rng rng(41);
  const int n = 10000000;
  std::vector<double> excess;
  for (int i = 0; i < n; ++i) {
    const double x = draw(unit, rng);
    if (x > kR) excess.push_back(x - kR);
  }
  const double pr = std::exp(-kR);
  const double m = static_cast<double>(excess.size());
  INFO(m << " draws beyond R, expected " << n * pr);
  CHECK(std::abs(m - n * pr) <= test::z_crit() * std::sqrt(n * pr * (1 - pr)));
  test::check_ks(excess, cdf);
}

TEST_CASE("exponential parameter checks name the parameter and the value", "[dist][exponential]") {
  CHECK_THROWS_WITH(validated(Exponential{-1}), "exponential: rate parameter rate is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Exponential{0}), "exponential: rate parameter rate is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Exponential{NAN}), "exponential: rate parameter rate is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Exponential{INFINITY}),
                    "exponential: rate parameter rate is Inf, but must be positive and finite");
  CHECK_NOTHROW(validated(Exponential{0.5}));
}

TEST_CASE("exponential mean and variance match Boost.Math", "[dist][exponential]") {
  for (const double rate : {1e-4, 0.5, 3e5}) {
    const boost::math::exponential_distribution<> b(rate);
    CHECK(mean(Exponential{rate}) == Approx(boost::math::mean(b)).epsilon(1e-15));
    CHECK(variance(Exponential{rate}) == Approx(boost::math::variance(b)).epsilon(1e-15));
  }
}

TEST_CASE("exponential through the registry", "[dist][exponential]") {
  const std::vector<Value> params{Value({1.0, 2.0})};
  CHECK(dist::logpdf(DistKind::Exponential, params, Value({0.5, 0.1})) ==
        Approx(logpdf(Exponential{1}, 0.5) + logpdf(Exponential{2}, 0.1)).epsilon(1e-15));
  CHECK(dist::logpdf(DistKind::Exponential, params, Value({0.5, -0.1})) == -INFINITY);
}
