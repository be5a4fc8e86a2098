// Log-normal distribution (mean and standard deviation of the log).
#include "alea/dist/lognormal.hpp"

#include <numbers>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>

#include "log_density_terms.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const LogNormal& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const LogNormal& d, double x) {
  if (std::isnan(x) || x <= 0 || std::isinf(x)) return kNegInf;
  const double lx = std::log(x);
  const double z = (lx - d.mu) / d.sigma;
  return -0.5 * z * z - std::log(d.sigma) - detail::kHalfLog2Pi - lx;
}

double draw(const LogNormal& d, Rng& rng) { return std::exp(d.mu + d.sigma * rng.std_normal()); }
double mean(const LogNormal& d) { return std::exp(d.mu + 0.5 * d.sigma * d.sigma); }
// expm1 keeps the relative accuracy for small sigma, where exp(sigma^2) - 1 would cancel.
double variance(const LogNormal& d) {
  const double s2 = d.sigma * d.sigma;
  return std::expm1(s2) * std::exp(2.0 * d.mu + s2);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials lognormal_partials(const double* p, double x) {
  Partials t;
  if (x <= 0) return t;
  const double s = p[1], z = (std::log(x) - p[0]) / s;
  t.lp = -0.5 * z * z - std::log(s) - detail::kHalfLog2Pi - std::log(x);
  t.dp[0] = z / s, t.dp[1] = (z * z - 1) / s, t.dx = -(z / s + 1) / x;
  return t;
}

// The distribution function of log x through erfc, which keeps its digits in both tails.
double lognormal_cdf(const double* p, double x) {
  return x <= 0 ? 0 : 0.5 * std::erfc(-(std::log(x) - p[0]) / (p[1] * std::numbers::sqrt2));
}
double lognormal_ccdf(const double* p, double x) {
  return x <= 0 ? 1 : 0.5 * std::erfc((std::log(x) - p[0]) / (p[1] * std::numbers::sqrt2));
}
double lognormal_quantile(const double* p, double u) {
  return std::exp(p[0] - p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * u, CdfPolicy()));
}
double lognormal_cquantile(const double* p, double q) {
  return std::exp(p[0] + p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * q, CdfPolicy()));
}

const DistOps& lognormal_ops() {
  static const DistOps ops = with_cdf(scalar_ops<LogNormal>(
      &lognormal_partials,
      BugsForm{"dlnorm", 2, {{{BugsConv::Arg, 0}, {BugsConv::PrecisionToSd, 1}}}, {{{1, "precision tau"}}}}), {&lognormal_cdf, &lognormal_ccdf, &lognormal_quantile, &lognormal_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
