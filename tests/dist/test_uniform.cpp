// Uniform distribution (lo, hi): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/uniform.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/uniform.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::uniform_distribution<> reference(const Uniform& d) { return {d.lo, d.hi}; }
}  // namespace

TEST_CASE("uniform logpdf matches Boost.Math at 1000 random points including extremes", "[dist][uniform]") {
  Rng rng(121);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const double lo = (rng.uniform01() - 0.5) * 1e6;
    const Uniform d{lo, lo + std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double u = rng.uniform01();
    const double x = i % 10 == 0 ? d.lo : i % 10 == 1 ? d.hi : (1 - u) * d.lo + u * d.hi;
    INFO("params " << d.lo << " " << d.hi << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(reference(d), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(Uniform{-1, 3}, -1.0) == Approx(-std::log(4.0)).epsilon(1e-15));
  CHECK(logpdf(Uniform{-1, 3}, 3.0) == Approx(-std::log(4.0)).epsilon(1e-15));
  CHECK(logpdf(Uniform{-1, 3}, std::nextafter(-1.0, -2.0)) == -INFINITY);
  CHECK(logpdf(Uniform{-1, 3}, 3.5) == -INFINITY);
  // Bounds so far apart that hi - lo overflows.
  CHECK(logpdf(Uniform{-1e308, 1e308}, 0.0) == Approx(-std::log(2.0) - 308 * std::log(10.0)).epsilon(1e-15));
  CHECK(logpdf(Uniform{-1, 3}, NAN) == -INFINITY);
}

TEST_CASE("uniform draws: moments within CLT bounds and KS at level 1e-4", "[dist][uniform]") {
  std::uint64_t seed = 122;
  for (const Uniform d : {Uniform{-1.0, 3.0}, Uniform{1e6, 1e6 + 1e-3}}) {
    INFO("params " << d.lo << " " << d.hi);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment from Boost's analytic kurtosis (kurtosis * variance^2).
    const double mu4 = boost::math::kurtosis(reference(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(reference(d), x); });
  }
}

TEST_CASE("uniform parameter checks name the parameter and the value", "[dist][uniform]") {
  CHECK_THROWS_WITH(validated(Uniform{2, 1}),
                    "uniform: lower bound lo is 2 and upper bound hi is 1, but lower bound lo must be less than upper bound hi");
  CHECK_THROWS_WITH(validated(Uniform{NAN, 1}), "uniform: lower bound lo is NaN, but must be finite");
  CHECK_THROWS_WITH(validated(Uniform{0, INFINITY}), "uniform: upper bound hi is Inf, but must be finite");
  CHECK_NOTHROW(validated(Uniform{-1, 3}));
}

TEST_CASE("uniform mean and variance match Boost.Math", "[dist][uniform]") {
  for (const Uniform d : {Uniform{-1.0, 3.0}, Uniform{1e6, 1e6 + 1e-3}, Uniform{-1e5, 1e-5}}) {
    CHECK(mean(d) == Approx(boost::math::mean(reference(d))).epsilon(1e-13));
    CHECK(variance(d) == Approx(boost::math::variance(reference(d))).epsilon(1e-12));
  }
}

TEST_CASE("uniform through the registry", "[dist][uniform]") {
  const std::vector<Value> params{Value(-1.0), Value(3.0)};
  CHECK(dist::logpdf(DistKind::Uniform, params, Value(0.5)) == Approx(logpdf(Uniform{-1, 3}, 0.5)).epsilon(1e-15));
}
