// Log-normal distribution (mu, sigma): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/lognormal.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/lognormal.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::lognormal_distribution<> boost_ln(const LogNormal& d) { return {d.mu, d.sigma}; }
}  // namespace

TEST_CASE("lognormal logpdf matches Boost.Math at 1000 random points including extremes", "[dist][lognormal]") {
  Rng rng(81);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const LogNormal d{(rng.uniform01() - 0.5) * 40, std::pow(10.0, -3 + 4.5 * rng.uniform01())};
    const double x = std::exp(d.mu + d.sigma * (rng.uniform01() - 0.5) * 20);
    INFO("mu " << d.mu << " sigma " << d.sigma << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(boost_ln(d), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(LogNormal{0, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(LogNormal{0, 1}, -1.0) == -INFINITY);
  CHECK(logpdf(LogNormal{0, 1}, NAN) == -INFINITY);
  CHECK(logpdf(LogNormal{0, 1}, INFINITY) == -INFINITY);
}

TEST_CASE("lognormal draws: moments within CLT bounds and KS at level 1e-4", "[dist][lognormal]") {
  std::uint64_t seed = 82;
  for (const LogNormal d : {LogNormal{0.5, 0.5}, LogNormal{-2.0, 0.25}}) {
    INFO("mu " << d.mu << " sigma " << d.sigma);
    const auto xs = test::sample(d, seed++);
    const double mu4 = boost::math::kurtosis(boost_ln(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost_ln(d), x); });
  }
}

TEST_CASE("lognormal parameter checks name the parameter and the value", "[dist][lognormal]") {
  CHECK_THROWS_WITH(validated(LogNormal{NAN, 1}), "lognormal: location parameter mu is NaN, but must be finite");
  CHECK_THROWS_WITH(validated(LogNormal{0, -1}), "lognormal: scale parameter sigma is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(LogNormal{0, 0}), "lognormal: scale parameter sigma is 0, but must be positive and finite");
  CHECK_NOTHROW(validated(LogNormal{0, 1}));
}

TEST_CASE("lognormal mean and variance match Boost.Math", "[dist][lognormal]") {
  for (const LogNormal d : {LogNormal{0.5, 0.5}, LogNormal{-3, 2}, LogNormal{10, 1e-4}}) {
    CHECK(mean(d) == Approx(boost::math::mean(boost_ln(d))).epsilon(1e-14));
    CHECK(variance(d) == Approx(boost::math::variance(boost_ln(d))).epsilon(1e-12));
  }
}

TEST_CASE("lognormal through the registry", "[dist][lognormal]") {
  const std::vector<Value> params{Value(0.0), Value(1.0)};
  CHECK(dist::logpdf(DistKind::LogNormal, params, Value(2.0)) == Approx(logpdf(LogNormal{0, 1}, 2.0)).epsilon(1e-15));
}
