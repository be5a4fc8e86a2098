// Half-normal distribution (sigma): log density against twice Boost.Math's normal
// density (Boost has no half-normal), draws, checks, moments by quadrature.
#include <boost/math/distributions/normal.hpp>
#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/half_normal.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("half_normal logpdf matches Boost.Math at 1000 random points including extremes", "[dist][half_normal]") {
  Rng rng(91);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const HalfNormal d{std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double x = d.sigma * std::pow(10.0, -8 + 9.5 * rng.uniform01());
    INFO("sigma " << d.sigma << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return 2 * boost::math::pdf(boost::math::normal(0, d.sigma), x); }, 1e-12);
  }
  CHECK(compared > 900);
  CHECK(logpdf(HalfNormal{2}, 0.0) == Approx(std::log(2 * boost::math::pdf(boost::math::normal(0, 2), 0.0))));
  CHECK(logpdf(HalfNormal{2}, -1e-300) == -INFINITY);
  CHECK(logpdf(HalfNormal{2}, NAN) == -INFINITY);
}

TEST_CASE("half_normal draws: moments within CLT bounds and KS at level 1e-4", "[dist][half_normal]") {
  std::uint64_t seed = 92;
  for (const HalfNormal d : {HalfNormal{1.0}, HalfNormal{1e-3}}) {
    INFO("sigma " << d.sigma);
    const auto xs = test::sample(d, seed++);
    // Raw moments s sqrt(2/pi), s^2, 2 sqrt(2/pi) s^3, 3 s^4, centred at m.
    const double s = d.sigma, m = mean(d);
    const double mu4 = 3 * std::pow(s, 4) - 4 * m * 2 * std::sqrt(2 / M_PI) * std::pow(s, 3) + 6 * m * m * s * s -
                       3 * std::pow(m, 4);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::erf(x / (s * std::sqrt(2.0))); });
  }
}

TEST_CASE("half_normal parameter checks name the parameter and the value", "[dist][half_normal]") {
  CHECK_THROWS_WITH(validated(HalfNormal{-1}), "half_normal: scale parameter sigma is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(HalfNormal{NAN}), "half_normal: scale parameter sigma is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(HalfNormal{1}));
}

TEST_CASE("half_normal mean and variance match quadrature of the density", "[dist][half_normal]") {
  boost::math::quadrature::exp_sinh<double> integrator;
  for (const double s : {1e-3, 1.0, 50.0}) {
    const HalfNormal d{s};
    const double m = integrator.integrate([&](double x) { return x * std::exp(logpdf(d, x)); });
    const double m2 = integrator.integrate([&](double x) { return x * x * std::exp(logpdf(d, x)); });
    CHECK(mean(d) == Approx(m).epsilon(1e-12));
    CHECK(variance(d) == Approx(m2 - m * m).epsilon(1e-10));
  }
}

TEST_CASE("half_normal through the registry", "[dist][half_normal]") {
  const std::vector<Value> params{Value(2.0)};
  CHECK(dist::logpdf(DistKind::HalfNormal, params, Value(1.0)) == Approx(logpdf(HalfNormal{2}, 1.0)).epsilon(1e-15));
}
