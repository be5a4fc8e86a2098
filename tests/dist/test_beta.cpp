// Beta distribution (a, b): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/beta.hpp>
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>

#include "alea/dist/beta.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::beta_distribution<> boost_beta(const Beta& d) { return {d.a, d.b}; }
}  // namespace

TEST_CASE("beta logpdf matches Boost.Math at 3000 random points including extremes", "[dist][beta]") {
  Rng rng(61);
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const Beta d{std::pow(10.0, -2 + 8 * rng.uniform01()), std::pow(10.0, -2 + 8 * rng.uniform01())};
    double x;
    switch (i % 3) {
      case 0: x = draw(d, rng); break;
      case 1: x = std::pow(10.0, -15 * rng.uniform01()); break;
      default: x = 1 - std::pow(10.0, -15 * rng.uniform01()); break;
    }
    if (!(x > 0 && x < 1)) continue;
    INFO("a " << d.a << " b " << d.b << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(boost_beta(d), x); }, 1e-12);
  }
  CHECK(compared > 1500);
  CHECK(logpdf(Beta{2, 3}, -1e-300) == -INFINITY);
  CHECK(logpdf(Beta{2, 3}, 1 + 1e-15) == -INFINITY);
  CHECK(logpdf(Beta{2, 3}, NAN) == -INFINITY);
  CHECK(logpdf(Beta{2, 3}, 0.0) == -INFINITY);
  CHECK(logpdf(Beta{0.5, 3}, 0.0) == INFINITY);
  CHECK(logpdf(Beta{1, 3}, 0.0) == Approx(std::log(3.0)).epsilon(1e-15));
  CHECK(logpdf(Beta{3, 1}, 1.0) == Approx(std::log(3.0)).epsilon(1e-15));
  CHECK(logpdf(Beta{3, 0.2}, 1.0) == INFINITY);
}

TEST_CASE("beta draws: moments within CLT bounds and KS at level 1e-4", "[dist][beta]") {
  std::uint64_t seed = 62;
  for (const Beta d : {Beta{0.3, 0.3}, Beta{2.0, 5.0}, Beta{0.3, 20.0}, Beta{50.0, 0.7}}) {
    INFO("a " << d.a << " b " << d.b);
    const auto xs = test::sample(d, seed++);
    const double mu4 = boost::math::kurtosis(boost_beta(d)) * variance(d) * variance(d);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost_beta(d), x); });
  }
  // Tiny shapes: the draws pile up near 0 and 1, where plain gamma ratios would be 0 / 0.
  // For (0.01, 0.02) about 16% of the mass lies within 1e-16 of 1 and rounds to 1.0, so
  // the KS statistic (which assumes no ties) does not apply; moments and the fraction
  // below 1/2 (a binomial proportion, CLT bound) do.
  const Beta tiny{0.01, 0.02};
  const auto xs = test::sample(tiny, 66);
  CHECK(std::all_of(xs.begin(), xs.end(), [](double x) { return x >= 0 && x <= 1; }));
  test::check_mean_var(xs, mean(tiny), variance(tiny),
                       boost::math::kurtosis(boost_beta(tiny)) * variance(tiny) * variance(tiny));
  std::vector<double> below(xs.size());
  std::transform(xs.begin(), xs.end(), below.begin(), [](double x) { return x < 0.5 ? 1.0 : 0.0; });
  const double p = boost::math::cdf(boost_beta(tiny), 0.5);
  CHECK(test::mean_within_clt(below, p, p * (1 - p)));
  // At (0.1, 0.2) only about 2e-4 of the mass rounds to 1.0, far below the KS resolution.
  const Beta small{0.1, 0.2};
  test::check_ks(test::sample(small, 67), [&](double x) { return boost::math::cdf(boost_beta(small), x); });
}

TEST_CASE("beta parameter checks name the parameter and the value", "[dist][beta]") {
  CHECK_THROWS_WITH(validated(Beta{-1, 1}), "beta: shape parameter a is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Beta{NAN, 1}), "beta: shape parameter a is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Beta{1, 0}), "beta: shape parameter b is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Beta{1, INFINITY}), "beta: shape parameter b is Inf, but must be positive and finite");
  CHECK_NOTHROW(validated(Beta{0.3, 0.3}));
}

TEST_CASE("beta mean and variance match Boost.Math", "[dist][beta]") {
  for (const Beta d : {Beta{0.3, 0.3}, Beta{2.0, 5.0}, Beta{1e-3, 1e5}}) {
    CHECK(mean(d) == Approx(boost::math::mean(boost_beta(d))).epsilon(1e-14));
    CHECK(variance(d) == Approx(boost::math::variance(boost_beta(d))).epsilon(1e-14));
  }
}

TEST_CASE("beta through the registry", "[dist][beta]") {
  const std::vector<Value> params{Value(0.3), Value(2.0)};
  CHECK(dist::logpdf(DistKind::Beta, params, Value(0.2)) == Approx(logpdf(Beta{0.3, 2}, 0.2)).epsilon(1e-15));
}
