// Logistic distribution (mu, s): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/logistic.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/logistic.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::logistic_distribution<> reference(const Logistic& d) { return {d.mu, d.s}; }
}  // namespace

TEST_CASE("logistic logpdf matches Boost.Math at 1000 random points including extremes", "[dist][logistic]") {
  Rng rng(141);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Logistic d{(rng.uniform01() - 0.5) * 1e3, std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = d.mu + d.s * (rng.uniform01() - 0.5) * 200;
    INFO("params " << d.mu << " " << d.s << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(reference(d), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Logistic{0, 1}, -1e4) == Approx(-1e4).epsilon(1e-15));
  CHECK(logpdf(Logistic{1, 2}, NAN) == -INFINITY);
}

TEST_CASE("logistic draws: moments within CLT bounds and KS at level 1e-4", "[dist][logistic]") {
  std::uint64_t seed = 142;
  for (const Logistic d : {Logistic{0.0, 1.0}, Logistic{5.0, 0.1}}) {
    INFO("params " << d.mu << " " << d.s);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment from Boost's analytic kurtosis (kurtosis * variance^2).
    const double mu4 = boost::math::kurtosis(reference(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(reference(d), x); });
  }
}

TEST_CASE("logistic parameter checks name the parameter and the value", "[dist][logistic]") {
  CHECK_THROWS_WITH(validated(Logistic{INFINITY, 1}), "logistic: location parameter mu is Inf, but must be finite");
  CHECK_THROWS_WITH(validated(Logistic{0, -1}), "logistic: scale parameter s is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Logistic{0, NAN}), "logistic: scale parameter s is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(Logistic{1, 2}));
}

TEST_CASE("logistic mean and variance match Boost.Math", "[dist][logistic]") {
  for (const Logistic d : {Logistic{0.0, 1.0}, Logistic{5.0, 0.1}}) {
    CHECK(mean(d) == Approx(boost::math::mean(reference(d))).epsilon(1e-13));
    CHECK(variance(d) == Approx(boost::math::variance(reference(d))).epsilon(1e-12));
  }
}

TEST_CASE("logistic through the registry", "[dist][logistic]") {
  const std::vector<Value> params{Value(1.0), Value(2.0)};
  CHECK(dist::logpdf(DistKind::Logistic, params, Value(0.5)) == Approx(logpdf(Logistic{1, 2}, 0.5)).epsilon(1e-15));
}
