// Pareto distribution (xm, alpha): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/pareto.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/pareto.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::pareto_distribution<> reference(const Pareto& d) { return {d.xm, d.alpha}; }
}  // namespace

TEST_CASE("pareto logpdf matches Boost.Math at 1000 random points including extremes", "[dist][pareto]") {
  Rng rng(161);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const Pareto d{std::pow(10.0, -6 + 12 * rng.uniform01()), std::pow(10.0, -2 + 5 * rng.uniform01())};
    const double x = d.xm * (1 + std::pow(10.0, -12 + 15 * rng.uniform01()) / d.alpha);
    INFO("params " << d.xm << " " << d.alpha << " x " << x);
    // Boost evaluates alpha xm^alpha / x^(alpha + 1) with pow, whose factors become
    // subnormal for small xm and large alpha; the density of x / xm under pareto(1, alpha),
    // divided by xm, is the same function without that loss.
    compared += test::logpdf_matches(
        logpdf(d, x),
        [&] { return boost::math::pdf(boost::math::pareto_distribution<>(1.0, d.alpha), x / d.xm) / d.xm; }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Pareto{2, 3}, 2.0) == Approx(std::log(1.5)).epsilon(1e-15));
  CHECK(logpdf(Pareto{2, 3}, std::nextafter(2.0, 0.0)) == -INFINITY);
  CHECK(logpdf(Pareto{2, 3}, NAN) == -INFINITY);
}

TEST_CASE("pareto draws: moments within CLT bounds and KS at level 1e-4", "[dist][pareto]") {
  std::uint64_t seed = 162;
  for (const Pareto d : {Pareto{1.0, 5.0}, Pareto{1e-3, 9.0}}) {
    INFO("params " << d.xm << " " << d.alpha);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment from Boost's analytic kurtosis (kurtosis * variance^2).
    const double mu4 = boost::math::kurtosis(reference(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(reference(d), x); });
  }
}

TEST_CASE("pareto parameter checks name the parameter and the value", "[dist][pareto]") {
  CHECK_THROWS_WITH(validated(Pareto{0, 1}), "pareto: scale parameter xm is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Pareto{NAN, 1}), "pareto: scale parameter xm is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Pareto{1, -3}), "pareto: shape parameter alpha is -3, but must be positive and finite");
  CHECK_NOTHROW(validated(Pareto{2, 3}));
}

TEST_CASE("pareto mean and variance match Boost.Math", "[dist][pareto]") {
  for (const Pareto d : {Pareto{1.0, 5.0}, Pareto{1e-3, 2.5}}) {
    CHECK(mean(d) == Approx(boost::math::mean(reference(d))).epsilon(1e-13));
    CHECK(variance(d) == Approx(boost::math::variance(reference(d))).epsilon(1e-12));
  }
  CHECK(mean(Pareto{1.0, 1.0}) == INFINITY);
  CHECK(variance(Pareto{1.0, 2.0}) == INFINITY);
}

TEST_CASE("pareto through the registry", "[dist][pareto]") {
  const std::vector<Value> params{Value(2.0), Value(3.0)};
  CHECK(dist::logpdf(DistKind::Pareto, params, Value(2.5)) == Approx(logpdf(Pareto{2, 3}, 2.5)).epsilon(1e-15));
}
