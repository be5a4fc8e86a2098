// Half-normal distribution (scale sigma of the underlying normal).
#include "alea/dist/half_normal.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <numbers>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const HalfNormal& d) { return check_positive_finite("scale parameter sigma", d.sigma); }

double logpdf(const HalfNormal& d, double x) {
  if (std::isnan(x) || x < 0) return kNegInf;
  constexpr double kHalfLog2OverPi = -0.22579135264472743236;  // log(2 / pi) / 2
  const double z = x / d.sigma;
  return -0.5 * z * z - std::log(d.sigma) + kHalfLog2OverPi;
}

// |Z| beats inversion here: the normal quantile has no cheap closed form.
double draw(const HalfNormal& d, Rng& rng) { return d.sigma * std::abs(rng.std_normal()); }
double mean(const HalfNormal& d) { return d.sigma * std::sqrt(2.0 / std::numbers::pi); }
double variance(const HalfNormal& d) {
  return d.sigma * d.sigma * (1.0 - 2.0 / std::numbers::pi);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials half_normal_partials(const double* p, double x) {
  Partials t;
  if (x < 0) return t;
  const double s = p[0], z = x / s;
  t.lp = -0.5 * z * z - std::log(s) + 0.5 * std::log(2.0 / std::numbers::pi);
  t.dp[0] = (z * z - 1) / s, t.dx = -z / s;
  return t;
}

// F(x) = erf(x / (sigma sqrt 2)), 1 - F = erfc of the same.
double half_normal_cdf(const double* p, double x) { return x <= 0 ? 0 : std::erf(x / (p[0] * std::numbers::sqrt2)); }
double half_normal_ccdf(const double* p, double x) { return x <= 0 ? 1 : std::erfc(x / (p[0] * std::numbers::sqrt2)); }
double half_normal_quantile(const double* p, double u) {
  return p[0] * std::numbers::sqrt2 * boost::math::erf_inv(u, CdfPolicy());
}
double half_normal_cquantile(const double* p, double q) {
  return p[0] * std::numbers::sqrt2 * boost::math::erfc_inv(q, CdfPolicy());
}

const DistOps& half_normal_ops() {
  static const DistOps ops = with_cdf(scalar_ops<HalfNormal>(&half_normal_partials), {&half_normal_cdf, &half_normal_ccdf, &half_normal_quantile, &half_normal_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
