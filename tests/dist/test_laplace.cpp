// Laplace distribution (mu, b): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/laplace.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/laplace.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::laplace_distribution<> reference(const Laplace& d) { return {d.mu, d.b}; }
}  // namespace

TEST_CASE("laplace logpdf matches Boost.Math at 1000 random points including extremes", "[dist][laplace]") {
  Rng rng(131);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Laplace d{(rng.uniform01() - 0.5) * 1e3, std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = d.mu + d.b * (rng.uniform01() - 0.5) * 200;
    INFO("params " << d.mu << " " << d.b << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(reference(d), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Laplace{0, 1}, 1e4) == Approx(-std::log(2.0) - 1e4).epsilon(1e-15));
  CHECK(logpdf(Laplace{1, 2}, NAN) == -INFINITY);
}

TEST_CASE("laplace draws: moments within CLT bounds and KS at level 1e-4", "[dist][laplace]") {
  std::uint64_t seed = 132;
  for (const Laplace d : {Laplace{1.0, 2.0}, Laplace{-1e3, 1e-2}}) {
    INFO("params " << d.mu << " " << d.b);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment from Boost's analytic kurtosis (kurtosis * variance^2).
    const double mu4 = boost::math::kurtosis(reference(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(reference(d), x); });
  }
}

TEST_CASE("laplace parameter checks name the parameter and the value", "[dist][laplace]") {
  CHECK_THROWS_WITH(validated(Laplace{NAN, 1}), "laplace: location parameter mu is NaN, but must be finite");
  CHECK_THROWS_WITH(validated(Laplace{0, -1}), "laplace: scale parameter b is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Laplace{0, 0}), "laplace: scale parameter b is 0, but must be positive and finite");
  CHECK_NOTHROW(validated(Laplace{1, 2}));
}

TEST_CASE("laplace mean and variance match Boost.Math", "[dist][laplace]") {
  for (const Laplace d : {Laplace{1.0, 2.0}, Laplace{-1e3, 1e-2}}) {
    CHECK(mean(d) == Approx(boost::math::mean(reference(d))).epsilon(1e-13));
    CHECK(variance(d) == Approx(boost::math::variance(reference(d))).epsilon(1e-12));
  }
}

TEST_CASE("laplace through the registry", "[dist][laplace]") {
  const std::vector<Value> params{Value(1.0), Value(2.0)};
  CHECK(dist::logpdf(DistKind::Laplace, params, Value(0.5)) == Approx(logpdf(Laplace{1, 2}, 0.5)).epsilon(1e-15));
}
