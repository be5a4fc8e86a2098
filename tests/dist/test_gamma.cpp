// Gamma distribution (shape, rate): log density against Boost.Math, draws, checks, moments.
#include <boost/math/distributions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/gamma.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
boost::math::gamma_distribution<> boost_gamma(const Gamma& d) { return {d.shape, 1.0 / d.rate}; }
}  // namespace

TEST_CASE("gamma logpdf matches Boost.Math at 3000 random points including extremes", "[dist][gamma]") {
  Rng rng(21);
  int compared = 0;
  for (int i = 0; i < 3000; ++i) {
    const Gamma d{std::pow(10.0, -3 + 9 * rng.uniform01()), std::pow(10.0, -6 + 12 * rng.uniform01())};
    const double m = d.shape / d.rate, sd = std::sqrt(d.shape) / d.rate;
    double x;
    switch (i % 3) {
      case 0: x = draw(d, rng); break;
      case 1: x = m * std::pow(10.0, -10 * rng.uniform01()); break;
      default: x = m + sd * 30 * rng.uniform01(); break;
    }
    if (!(x > 0)) continue;
    INFO("shape " << d.shape << " rate " << d.rate << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return boost::math::pdf(boost_gamma(d), x); }, 1e-12);
  }
  CHECK(compared > 2000);
  CHECK(logpdf(Gamma{2, 1}, -1e-300) == -INFINITY);
  CHECK(logpdf(Gamma{2, 1}, NAN) == -INFINITY);
  CHECK(logpdf(Gamma{2, 1}, INFINITY) == -INFINITY);
  CHECK(logpdf(Gamma{2, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(Gamma{0.5, 1}, 0.0) == INFINITY);
  CHECK(logpdf(Gamma{1, 3}, 0.0) == Approx(std::log(3.0)).epsilon(1e-15));
  // Far tail where the pdf underflows: shape log(rate) - lgamma(shape) + (shape-1) log x - rate x.
  CHECK(logpdf(Gamma{3, 2}, 1000) == Approx(3 * std::log(2.0) - std::log(2.0) + 2 * std::log(1000.0) - 2000).epsilon(1e-14));
}

TEST_CASE("gamma draws: moments within CLT bounds and KS at level 1e-4", "[dist][gamma]") {
  std::uint64_t seed = 22;
  for (const Gamma d : {Gamma{0.3, 2.0}, Gamma{0.05, 1.0}, Gamma{2.0, 1.0}, Gamma{20.0, 0.5}}) {
    INFO("shape " << d.shape << " rate " << d.rate);
    const auto xs = test::sample(d, seed++);
    // Fourth central moment 3 shape (shape + 2) / rate^4 (excess kurtosis 6 / shape).
    const double mu4 = 3 * d.shape * (d.shape + 2) / std::pow(d.rate, 4);
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost_gamma(d), x); });
  }
}

TEST_CASE("gamma parameter checks name the parameter and the value", "[dist][gamma]") {
  CHECK_THROWS_WITH(validated(Gamma{-1, 1}), "gamma: shape parameter shape is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Gamma{0, 1}), "gamma: shape parameter shape is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Gamma{NAN, 1}), "gamma: shape parameter shape is NaN, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Gamma{INFINITY, 1}), "gamma: shape parameter shape is Inf, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Gamma{1, -2.5}), "gamma: rate parameter rate is -2.5, but must be positive and finite");
  CHECK_THROWS_WITH(validated(Gamma{1, NAN}), "gamma: rate parameter rate is NaN, but must be positive and finite");
  CHECK_NOTHROW(validated(Gamma{0.3, 2}));
}

TEST_CASE("gamma mean and variance match Boost.Math", "[dist][gamma]") {
  for (const Gamma d : {Gamma{0.3, 2.0}, Gamma{2.0, 1e-3}, Gamma{1e5, 7.0}}) {
    CHECK(mean(d) == Approx(boost::math::mean(boost_gamma(d))).epsilon(1e-14));
    CHECK(variance(d) == Approx(boost::math::variance(boost_gamma(d))).epsilon(1e-14));
  }
}

TEST_CASE("gamma through the registry", "[dist][gamma]") {
  const std::vector<Value> params{Value(0.3), Value({1.0, 2.0})};
  const Value x({0.5, 0.1});
  CHECK(dist::logpdf(DistKind::Gamma, params, x) ==
        Approx(logpdf(Gamma{0.3, 1}, 0.5) + logpdf(Gamma{0.3, 2}, 0.1)).epsilon(1e-15));
  Rng rng(23);
  CHECK(dist::draw(DistKind::Gamma, params, Shape::vector(2), rng).shape() == Shape::vector(2));
}

TEST_CASE("gamma draw_each: the same draws as draw, one at a time, for small and large shapes", "[dist][gamma]") {
  for (const Gamma d : {Gamma{0.3, 2.0}, Gamma{1.0, 1.0}, Gamma{2.5, 0.7}, Gamma{3702.0, 1001.0}}) {
    Rng one(99), many(99);
    std::vector<double> each(500);
    draw_each(d, many, each.data(), each.size());
    std::size_t differ = 0;
    for (double x : each) differ += x != draw(d, one);
    CHECK(differ == 0);
    CHECK(one() == many());  // the same number of engine draws used
  }
}
