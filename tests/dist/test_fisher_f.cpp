// F distribution (n, m): log density against Boost.Math, draws, checks, moments and
// distribution function.
#include <boost/math/distributions/fisher_f.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/fisher_f.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

TEST_CASE("fisher_f logpdf matches Boost.Math at 1000 random points including extremes", "[dist][fisher_f]") {
  Rng rng(81);
  int compared = 0;
  for (int i = 0; i < 1000; ++i) {
    const FisherF d{std::pow(10.0, -1 + 4 * rng.uniform01()), std::pow(10.0, -1 + 4 * rng.uniform01())};
    double x;
    switch (i % 3) {
      case 0: x = draw(d, rng); break;
      case 1: x = std::pow(10.0, -6 * rng.uniform01()); break;
      default: x = std::pow(10.0, 6 * rng.uniform01()); break;
    }
    if (!(x > 0) || std::isinf(x)) continue;
    INFO("n " << d.n << " m " << d.m << " x " << x);
    compared += test::logpdf_matches(
        logpdf(d, x), [&] { return boost::math::pdf(boost::math::fisher_f(d.n, d.m), x); }, 1e-10);
  }
  CHECK(compared > 600);
  CHECK(logpdf(FisherF{3, 4}, -1.0) == -INFINITY);
  CHECK(logpdf(FisherF{3, 4}, 0.0) == -INFINITY);
  CHECK(logpdf(FisherF{1, 4}, 0.0) == INFINITY);
  CHECK(logpdf(FisherF{2, 4}, 0.0) == Approx(0.0).margin(1e-15));  // f(0) = 1 for n = 2
  CHECK(logpdf(FisherF{3, 4}, NAN) == -INFINITY);
}

TEST_CASE("fisher_f draws: moments within CLT bounds and KS at level 1e-4", "[dist][fisher_f]") {
  std::uint64_t seed = 82;
  for (const FisherF d : {FisherF{5.0, 20.0}, FisherF{0.8, 30.0}}) {
    INFO("n " << d.n << " m " << d.m);
    const auto xs = test::sample(d, seed++);
    // raw moments E[x^k] = (m / n)^k Gamma(n/2 + k) Gamma(m/2 - k) / (Gamma(n/2) Gamma(m/2)), m > 2k
    auto raw = [&](int k) {
      return std::pow(d.m / d.n, k) * std::exp(std::lgamma(0.5 * d.n + k) + std::lgamma(0.5 * d.m - k) -
                                               std::lgamma(0.5 * d.n) - std::lgamma(0.5 * d.m));
    };
    const double mu = raw(1);
    const double mu4 = raw(4) - 4 * mu * raw(3) + 6 * mu * mu * raw(2) - 3 * mu * mu * mu * mu;
    CHECK(mean(d) == Approx(mu).epsilon(1e-12));
    CHECK(variance(d) == Approx(raw(2) - mu * mu).epsilon(1e-12));
    test::check_mean_var(xs, mean(d), variance(d), mu4);
    test::check_ks(xs, [&](double x) { return boost::math::cdf(boost::math::fisher_f(d.n, d.m), x); });
  }
}

TEST_CASE("fisher_f parameter checks name the parameter and the value", "[dist][fisher_f]") {
  CHECK_THROWS_WITH(validated(FisherF{-1, 2}),
                    "fisher_f: numerator degrees of freedom n is -1, but must be positive and finite");
  CHECK_THROWS_WITH(validated(FisherF{1, 0}),
                    "fisher_f: denominator degrees of freedom m is 0, but must be positive and finite");
  CHECK_NOTHROW(validated(FisherF{0.5, 0.5}));
}

TEST_CASE("fisher_f moments where they diverge, and its distribution function against Boost.Math", "[dist][fisher_f]") {
  CHECK(mean(FisherF{3, 2}) == INFINITY);
  CHECK(variance(FisherF{3, 4}) == INFINITY);
  CHECK(std::isnan(variance(FisherF{3, 1.5})));
  const boost::math::fisher_f b(3, 7);
  CHECK(variance(FisherF{3, 7}) == Approx(boost::math::variance(b)).epsilon(1e-14));
  const Cdf& f = record(DistKind::FisherF).cdf;
  const double p[2] = {3, 7};
  for (const double x : {0.01, 0.5, 2.0, 30.0}) {
    INFO("x " << x);
    CHECK(f.cdf(p, x) == Approx(boost::math::cdf(b, x)).epsilon(1e-13));
    CHECK(f.ccdf(p, x) == Approx(boost::math::cdf(boost::math::complement(b, x))).epsilon(1e-13));
    CHECK(f.quantile(p, f.cdf(p, x)) == Approx(x).epsilon(1e-10));
    CHECK(f.cquantile(p, f.ccdf(p, x)) == Approx(x).epsilon(1e-10));
  }
  CHECK(f.cdf(p, 0.0) == 0);
  CHECK(f.quantile(p, 0.0) == 0);
  CHECK(record(DistKind::FisherF).bugs.name == "df");
}
