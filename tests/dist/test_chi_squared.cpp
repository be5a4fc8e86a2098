// Chi-squared distribution (nu): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/chi_squared.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("chi_squared logpdf matches Boost.Math at 1000 random points including extremes", "[dist][chi_squared]") {
  Rng rng(41);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const ChiSquared d{std::pow(10.0, -2 + 8 * rng.uniform01())};
    double x;
    switch (i % 3) {
      case 0: x = draw(d, rng); break;
      case 1: x = d.nu * std::pow(10.0, -10 * rng.uniform01()); break;
      default: x = d.nu + std::sqrt(2 * d.nu) * 30 * rng.uniform01(); break;
    }
    if (!(x > 0)) continue;
    INFO("nu " << d.nu << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return boost::math::pdf(boost::math::chi_squared_distribution<>(d.nu), x); }, 1e-12);
  }
  CHECK(compared > 600);
  CHECK(logpdf(ChiSquared{3}, -1.0) == -INFINITY);
  CHECK(logpdf(ChiSquared{3}, 0.0) == -INFINITY);
  CHECK(logpdf(ChiSquared{1}, 0.0) == INFINITY);
  CHECK(logpdf(ChiSquared{2}, 0.0) == Approx(std::log(0.5)).epsilon(1e-15));
  CHECK(logpdf(ChiSquared{3}, NAN) == -INFINITY);
}

TEST_CASE("chi_squared draws: moments within CLT bounds and KS at level 1e-4", "[dist][chi_squared]") {
  std::uint64_t seed = 42;
  for (const ChiSquared d : {ChiSquared{3.0}, ChiSquared{0.5}}) {
    INFO("nu " << d.nu);
    const auto xs = test::sample(d, seed++);
    // Gamma(nu / 2, 1 / 2): mu4 = 3 k (k + 2) 16 with k = nu / 2, i.e. 12 nu (nu + 4).
    test::check_mean_var(xs, mean(d), variance(d), 12 * d.nu * (d.nu + 4));
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost::math::chi_squared_distribution<>(d.nu), x); });
  }
}

TEST_CASE("chi_squared parameter checks name the parameter and the value", "[dist][chi_squared]") {
  CHECK_THROWS_WITH(validated(ChiSquared{-1}), "chi_squared: degrees of freedom nu is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(ChiSquared{0}), "chi_squared: degrees of freedom nu is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(ChiSquared{NAN}), "chi_squared: degrees of freedom nu is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(ChiSquared{0.5}));
}

TEST_CASE("chi_squared mean and variance match Boost.Math", "[dist][chi_squared]") {
  for (const double nu : {0.1, 3.0, 1e6}) {
    const boost::math::chi_squared_distribution<> b(nu);
    CHECK(mean(ChiSquared{nu}) == Approx(boost::math::mean(b)).epsilon(1e-15));
    CHECK(variance(ChiSquared{nu}) == Approx(boost::math::variance(b)).epsilon(1e-15));
  }
}

TEST_CASE("chi_squared through the registry", "[dist][chi_squared]") {
  const std::vector<Value> params{Value(3.0)};
  CHECK(dist::logpdf(DistKind::ChiSquared, params, Value(2.0)) == Approx(logpdf(ChiSquared{3}, 2.0)).epsilon(1e-15));
}
