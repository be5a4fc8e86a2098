// Non-central chi-squared distribution (nu, delta): log density against Boost.Math and
// against its Poisson-mixture series, draws, checks, moments, distribution function.
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/noncentral_chi_squared.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "continuous_checks.hpp"

using namespace alea;
using namespace alea::dist;

namespace {
// exp(-delta / 2) sum_j (delta / 2)^j / j! chi-squared(x; nu + 2 j): the definition,
// summed until the terms stop mattering (an independent computation of the density).
double series_pdf(double nu, double delta, double x) {
  double total = 0, weight = std::exp(-0.5 * delta);
  for (int j = 0; j < 2000; ++j) {
    if (j > 0) weight *= 0.5 * delta / j;
    const double term = weight * boost::math::pdf(boost::math::chi_squared(nu + 2 * j), x);
    total += term;
    if (j > delta && term < 1e-18 * total) break;
  }
  return total;
}
}  // namespace

TEST_CASE("noncentral_chi_squared logpdf matches its Poisson-mixture series and Boost.Math", "[dist][noncentral_chi_squared]") {
  Rng rng(71);
  int compared = 0;
  for (int i = 0; i < 300; ++i) {
    const NoncentralChiSquared d{std::pow(10.0, -1 + 2.5 * rng.uniform01()), 30 * rng.uniform01()};
    const double x = (i % 2 == 0) ? draw(d, rng) : (d.nu + d.delta) * 3 * rng.uniform01();
    if (!(x > 0)) continue;
    INFO("nu " << d.nu << " delta " << d.delta << " x " << x);
    compared += test::logpdf_matches(logpdf(d, x), [&] { return series_pdf(d.nu, d.delta, x); }, 1e-9);
    test::logpdf_matches(logpdf(d, x), [&] {
      return boost::math::pdf(boost::math::non_central_chi_squared(d.nu, d.delta), x);
    }, 1e-12);
  }
  CHECK(compared > 250);
  // delta = 0 is the central chi-squared
  CHECK(logpdf(NoncentralChiSquared{3, 0}, 2.5) ==
        Approx(std::log(boost::math::pdf(boost::math::chi_squared(3), 2.5))).epsilon(1e-14));
  CHECK(logpdf(NoncentralChiSquared{3, 1}, -1.0) == -INFINITY);
  CHECK(logpdf(NoncentralChiSquared{3, 1}, 0.0) == -INFINITY);
  CHECK(logpdf(NoncentralChiSquared{1, 1}, 0.0) == INFINITY);
  // nu = 2 at 0: only the first term of the mixture, exp(-delta / 2) / 2
  CHECK(logpdf(NoncentralChiSquared{2, 3}, 0.0) == Approx(std::log(0.5) - 1.5).epsilon(1e-15));
  CHECK(logpdf(NoncentralChiSquared{3, 1}, NAN) == -INFINITY);
}

TEST_CASE("noncentral_chi_squared draws: moments within CLT bounds and KS at level 1e-4", "[dist][noncentral_chi_squared]") {
  std::uint64_t seed = 72;
  for (const NoncentralChiSquared d : {NoncentralChiSquared{3.0, 2.0}, NoncentralChiSquared{0.5, 7.5},
                                       NoncentralChiSquared{4.0, 0.0}}) {
    INFO("nu " << d.nu << " delta " << d.delta);
    const auto xs = test::sample(d, seed++);
    // cumulants kappa_j = 2^(j-1) (j-1)! (nu + j delta); mu4 = kappa4 + 3 kappa2^2
    const double k2 = 2 * (d.nu + 2 * d.delta), k4 = 48 * (d.nu + 4 * d.delta);
    test::check_mean_var(xs, mean(d), variance(d), k4 + 3 * k2 * k2);
    test::check_ks(xs, [&](double x) { return record(DistKind::NoncentralChiSquared).cdf.cdf(&d.nu, x); });
  }
}

TEST_CASE("noncentral_chi_squared parameter checks name the parameter and the value", "[dist][noncentral_chi_squared]") {
  CHECK_THROWS_WITH(validated(NoncentralChiSquared{0, 1}),
                    "noncentral_chi_squared: degrees of freedom nu is 0, but must be positive and finite");
  CHECK_THROWS_WITH(validated(NoncentralChiSquared{2, -1}),
                    "noncentral_chi_squared: non-centrality delta is -1, but must be non-negative and finite");
  CHECK_THROWS_WITH(validated(NoncentralChiSquared{2, INFINITY}),
                    "noncentral_chi_squared: non-centrality delta is Inf, but must be non-negative and finite");
  CHECK_NOTHROW(validated(NoncentralChiSquared{0.5, 0}));
}

TEST_CASE("noncentral_chi_squared mean, variance and distribution function match Boost.Math", "[dist][noncentral_chi_squared]") {
  const Cdf& f = record(DistKind::NoncentralChiSquared).cdf;
  for (const NoncentralChiSquared d : {NoncentralChiSquared{3, 2}, NoncentralChiSquared{0.7, 12}}) {
    const boost::math::non_central_chi_squared b(d.nu, d.delta);
    CHECK(mean(d) == Approx(boost::math::mean(b)).epsilon(1e-14));
    CHECK(variance(d) == Approx(boost::math::variance(b)).epsilon(1e-14));
    const double p[2] = {d.nu, d.delta};
    for (const double x : {0.3, 2.0, 9.0, 40.0}) {
      INFO("nu " << d.nu << " delta " << d.delta << " x " << x);
      CHECK(f.cdf(p, x) == Approx(boost::math::cdf(b, x)).epsilon(1e-12));
      CHECK(f.ccdf(p, x) == Approx(boost::math::cdf(boost::math::complement(b, x))).epsilon(1e-12));
      CHECK(f.quantile(p, f.cdf(p, x)) == Approx(x).epsilon(1e-8));
      CHECK(f.cquantile(p, f.ccdf(p, x)) == Approx(x).epsilon(1e-8));
    }
    CHECK(f.cdf(p, 0.0) == 0);
    CHECK(f.ccdf(p, -1.0) == 1);
    CHECK(f.quantile(p, 0.0) == 0);
  }
}

TEST_CASE("noncentral_chi_squared through the registry, and its BUGS name", "[dist][noncentral_chi_squared]") {
  const std::vector<Value> params{Value(3.0), Value(1.5)};
  CHECK(dist::logpdf(DistKind::NoncentralChiSquared, params, Value(2.0)) ==
        Approx(logpdf(NoncentralChiSquared{3, 1.5}, 2.0)).epsilon(1e-15));
  CHECK(record(DistKind::NoncentralChiSquared).bugs.name == "dnchisqr");
  CHECK_THROWS_WITH(dist::check_params(DistKind::NoncentralChiSquared, std::vector<Value>{Value(3.0), Value(-2.0)}, Shape{}),
                    "noncentral_chi_squared: non-centrality delta is -2, but must be non-negative and finite");
}
