// Inverse gamma distribution (shape, scale): log density against Boost.Math, draws,
// checks, moments.
#include <boost/math/distributions/inverse_gamma.hpp>
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/inverse_gamma.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::inverse_gamma_distribution<> boost_ig(const InverseGamma& d) { return {d.shape, d.scale}; }
}  // namespace

TEST_CASE("inv_gamma logpdf matches Boost.Math at 3000 random points including extremes", "[dist][inv_gamma]") {
  Rng rng(51);
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const InverseGamma d{std::pow(10.0, -3 + 9 * rng.uniform01()), std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double mode = d.scale / (d.shape + 1);
    double x;
    switch (i % 3) {
      case 0: x = draw(d, rng); break;
      case 1: x = mode * std::pow(10.0, -3 * rng.uniform01()); break;
      default: x = mode * std::exp(20 * rng.uniform01() / std::sqrt(std::max(d.shape, 1.0))); break;  // right tail
    }
    if (!(x > 0) || !std::isfinite(x)) continue;
    INFO("shape " << d.shape << " scale " << d.scale << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(boost_ig(d), x); }, 1e-12);
  }
  CHECK(compared > 2400);
  CHECK(logpdf(InverseGamma{2, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(InverseGamma{0.5, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(InverseGamma{2, 1}, -1.0) == -INFINITY);
  CHECK(logpdf(InverseGamma{2, 1}, NAN) == -INFINITY);
  CHECK(logpdf(InverseGamma{2, 1}, INFINITY) == -INFINITY);
}

TEST_CASE("inv_gamma draws: moments within CLT bounds and KS at level 1e-4", "[dist][inv_gamma]") {
  {
    const InverseGamma d{6.0, 3.0};
    const auto xs = test::sample(d, 52);
    // Needs shape > 4 for a finite fourth moment; Boost's kurtosis is the analytic formula.
    const double mu4 = boost::math::kurtosis(boost_ig(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost_ig(d), x); });
  }
  // Infinite variance (shape <= 2) or mean (shape <= 1): only the KS test applies.
  std::uint64_t seed = 53;
  for (const InverseGamma d : {InverseGamma{1.5, 1.0}, InverseGamma{0.3, 2.0}}) {
    INFO("shape " << d.shape << " scale " << d.scale);
    test::check_ks(test::sample(d, seed++), [&](double x) { return boost::math::cdf(boost_ig(d), x); });
  }
}

TEST_CASE("inv_gamma parameter checks name the parameter and the value", "[dist][inv_gamma]") {
  CHECK_THROWS_WITH(validated(InverseGamma{-1, 1}), "inv_gamma: shape parameter shape is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(InverseGamma{NAN, 1}), "inv_gamma: shape parameter shape is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(InverseGamma{1, 0}), "inv_gamma: scale parameter scale is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(InverseGamma{1, INFINITY}),
                    "inv_gamma: scale parameter scale is Inf, but must be positive and finite");
  CHECK_NOTHROW(validated(InverseGamma{0.3, 2}));
}

TEST_CASE("inv_gamma mean and variance match Boost.Math, +inf where they diverge", "[dist][inv_gamma]") {
  for (const InverseGamma d : {InverseGamma{2.5, 2.0}, InverseGamma{6.0, 1e-3}, InverseGamma{1e5, 7.0}}) {
    CHECK(mean(d) == Approx(boost::math::mean(boost_ig(d))).epsilon(1e-14));
    CHECK(variance(d) == Approx(boost::math::variance(boost_ig(d))).epsilon(1e-14));
  }
  CHECK(mean(InverseGamma{1.0, 2.0}) == INFINITY);
  CHECK(variance(InverseGamma{2.0, 2.0}) == INFINITY);
}

TEST_CASE("inv_gamma through the registry", "[dist][inv_gamma]") {
  const std::vector<Value> params{Value(3.0), Value(2.0)};
  CHECK(dist::logpdf(DistKind::InverseGamma, params, Value(0.7)) ==
        Approx(logpdf(InverseGamma{3, 2}, 0.7)).epsilon(1e-15));
}
