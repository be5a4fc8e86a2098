// Non-central chi-squared distribution (nu, delta): density and distribution function
// from Boost.Math's non_central_chi_squared, draws as a Poisson mixture of central
// chi-squared draws.
#include "alea/dist/noncentral_chi_squared.hpp"

#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <cmath>
#include <limits>

#include "alea/dist/chi_squared.hpp"
#include "alea/dist/poisson.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {
namespace {

using Boost = boost::math::non_central_chi_squared_distribution<double, detail::CdfPolicy>;

// log f(x; nu, delta) for x > 0; delta = 0 is the central chi-squared, whose closed
// form keeps its digits in the far tails where the series underflows.
double log_density(double nu, double delta, double x) {
  if (delta == 0) return logpdf(ChiSquared{nu}, x);
  return std::log(boost::math::pdf(Boost(nu, delta), x));
}

}  // namespace

std::string check(const NoncentralChiSquared& d) {
  auto why = check_positive_finite("degrees of freedom nu", d.nu);
  return why.empty() ? check_nonnegative_finite("non-centrality delta", d.delta) : why;
}

double logpdf(const NoncentralChiSquared& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  // At 0 the mixture's first term (weight exp(-delta / 2)) alone is not 0: the
  // central chi-squared(nu) density there, +inf, its value, or 0.
  if (x == 0) return logpdf(ChiSquared{d.nu}, 0.0) - 0.5 * d.delta;
  return log_density(d.nu, d.delta, x);
}

// chi-squared(nu + 2 N) with N ~ poisson(delta / 2): the mixture that defines it.
double draw(const NoncentralChiSquared& d, Rng& rng) {
  const double n = d.delta > 0 ? draw(Poisson{0.5 * d.delta}, rng) : 0.0;
  return 2.0 * detail::std_gamma(0.5 * d.nu + n, rng);
}

double mean(const NoncentralChiSquared& d) { return d.nu + d.delta; }
double variance(const NoncentralChiSquared& d) { return 2.0 * (d.nu + 2.0 * d.delta); }

namespace detail {
// The log density with its partials (p: nu, delta), checked against finite
// differences in tests/infer/test_dist_gradient.cpp. With f_k the density of k
// degrees of freedom: df/dx = ((nu - 2) / x) f_nu / 2 + (delta / x) f_(nu+2) / 2 - f_nu / 2
// and df/d delta = (f_(nu+2) - f_nu) / 2 (Poisson weights shift by one). The partial by
// nu has no closed form (the digamma of every term of the series): central differences.
Partials noncentral_chi_squared_partials(const double* p, double x) {
  Partials t;
  if (!(x > 0) || std::isinf(x)) return t;
  const double nu = p[0], delta = p[1];
  t.lp = log_density(nu, delta, x);
  if (!std::isfinite(t.lp)) return t;
  const double ratio = std::exp(log_density(nu + 2, delta, x) - t.lp);  // f_(nu+2) / f_nu
  t.dx = 0.5 * ((nu - 2) / x + delta / x * ratio - 1);
  t.dp[1] = 0.5 * (ratio - 1);
  const double h = 1e-5 * std::max(1.0, nu);
  const double below = nu - h > 0 ? nu - h : nu;
  t.dp[0] = (log_density(nu + h, delta, x) - log_density(below, delta, x)) / (nu + h - below);
  return t;
}

double noncentral_chi_squared_cdf(const double* p, double x) {
  return x <= 0 ? 0 : boost::math::cdf(Boost(p[0], p[1]), x);
}
double noncentral_chi_squared_ccdf(const double* p, double x) {
  return x <= 0 ? 1 : boost::math::cdf(boost::math::complement(Boost(p[0], p[1]), x));
}
double noncentral_chi_squared_quantile(const double* p, double u) {
  if (u <= 0) return u == 0 ? 0 : std::numeric_limits<double>::quiet_NaN();
  return boost::math::quantile(Boost(p[0], p[1]), u);
}
double noncentral_chi_squared_cquantile(const double* p, double q) {
  if (q >= 1) return q == 1 ? 0 : std::numeric_limits<double>::quiet_NaN();
  return boost::math::quantile(boost::math::complement(Boost(p[0], p[1]), q));
}

const DistOps& noncentral_chi_squared_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<NoncentralChiSquared>(&noncentral_chi_squared_partials,
                                                 BugsForm{"dnchisqr", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.cdf = {&noncentral_chi_squared_cdf, &noncentral_chi_squared_ccdf, &noncentral_chi_squared_quantile,
             &noncentral_chi_squared_cquantile};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
