// Weibull distribution (k, lambda): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/weibull.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/weibull.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::weibull_distribution<> reference(const Weibull& d) { return {d.k, d.lambda}; }
}  // namespace

TEST_CASE("weibull logpdf matches Boost.Math at 1000 random points including extremes", "[dist][weibull]") {
  Rng rng(151);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Weibull d{std::pow(10.0, -1.5 + 3 * rng.uniform01()), std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = i % 2 ? draw(d, rng) : d.lambda * std::pow(10.0, (-6 + 7 * rng.uniform01()) / std::sqrt(d.k));
    INFO("params " << d.k << " " << d.lambda << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(reference(d), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Weibull{2, 3}, 0.0) == -INFINITY);
  CHECK(logpdf(Weibull{0.5, 3}, 0.0) == INFINITY);
  CHECK(logpdf(Weibull{1, 3}, 0.0) == Approx(-std::log(3.0)).epsilon(1e-15));
  CHECK(logpdf(Weibull{2, 3}, -1.0) == -INFINITY);
  CHECK(logpdf(Weibull{2, 3}, NAN) == -INFINITY);
}

TEST_CASE("weibull draws: moments within CLT bounds and KS at level 1e-4", "[dist][weibull]") {
  std::uint64_t seed = 152;
  for (const Weibull d : {Weibull{0.5, 1.0}, Weibull{3.0, 2.0}}) {
    INFO("params " << d.k << " " << d.lambda);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment from Boost's analytic kurtosis (kurtosis * variance^2).
    const double mu4 = boost::math::kurtosis(reference(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(reference(d), x); });
  }
}

TEST_CASE("weibull parameter checks name the parameter and the value", "[dist][weibull]") {
  CHECK_THROWS_WITH(validated(Weibull{-1, 1}), "weibull: shape parameter k is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Weibull{NAN, 1}), "weibull: shape parameter k is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Weibull{1, 0}), "weibull: scale parameter lambda is 0, but must be positive and finite");
  CHECK_NOTHROW(validated(Weibull{2, 3}));
}

TEST_CASE("weibull mean and variance match Boost.Math", "[dist][weibull]") {
  for (const Weibull d : {Weibull{0.5, 1.0}, Weibull{3.0, 2.0}, Weibull{20.0, 1e-3}, Weibull{99.0, 1.0}, Weibull{100.0, 1.0}}) {
    CHECK(mean(d) == Approx(boost::math::mean(reference(d))).epsilon(1e-13));
    CHECK(variance(d) == Approx(boost::math::variance(reference(d))).epsilon(1e-12));
  }
  // For large k the variance ~ lambda^2 pi^2 / (6 k^2) (1 + O(1/k)): Boost's difference of
  // gamma functions cancels there, so compare with the asymptotic value instead. The
  // series branch starts at k = 100; both sides of it must agree with Boost.
  const double k = 1e6;
  CHECK(variance(Weibull{k, 1.0}) == Approx(M_PI * M_PI / (6 * k * k)).epsilon(1e-5));
}

TEST_CASE("weibull through the registry", "[dist][weibull]") {
  const std::vector<Value> params{Value(2.0), Value(3.0)};
  CHECK(dist::logpdf(DistKind::Weibull, params, Value(0.5)) == Approx(logpdf(Weibull{2, 3}, 0.5)).epsilon(1e-15));
}
