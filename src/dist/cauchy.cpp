// Cauchy distribution (location, scale).
#include "alea/dist/cauchy.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Cauchy& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const Cauchy& d, double x) {
  if (std::isnan(x) || std::isinf(x)) return kNegInf;
  const double az = std::abs((x - d.mu) / d.sigma);
  // log(1 + z^2) without overflowing z^2 in the far tails.
  const double log1pz2 = az > 1.0 ? 2.0 * std::log(az) + std::log1p(1.0 / (az * az)) : std::log1p(az * az);
  constexpr double kLogPi = 1.14472988584940017414;
  return -kLogPi - std::log(d.sigma) - log1pz2;
}

double draw(const Cauchy& d, Rng& rng) { return d.mu + d.sigma * std::tan(std::numbers::pi * (rng.uniform01() - 0.5)); }
double mean(const Cauchy&) { return std::numeric_limits<double>::quiet_NaN(); }
double variance(const Cauchy&) {
  return std::numeric_limits<double>::quiet_NaN();
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials cauchy_partials(const double* p, double x) {
  Partials t;
  const double mu = p[0], s = p[1], z = (x - mu) / s;
  t.lp = -std::log(std::numbers::pi) - std::log(s) - std::log1p(z * z);
  t.dx = -2 * z / (s * (1 + z * z));
  t.dp[0] = -t.dx, t.dp[1] = -1 / s + 2 * z * z / (s * (1 + z * z));
  return t;
}

// 1 - F(x) = atan2(1, z) / pi keeps its digits in the upper tail (about 1 / (pi z));
// F(x) = 1 - F(2 mu - x) by symmetry. The quantiles as cotangents, exact near 0 and 1.
double cauchy_ccdf(const double* p, double x) { return std::atan2(1.0, (x - p[0]) / p[1]) / std::numbers::pi; }
double cauchy_cdf(const double* p, double x) { return std::atan2(1.0, (p[0] - x) / p[1]) / std::numbers::pi; }
double cauchy_quantile(const double* p, double u) { return p[0] - p[1] / std::tan(std::numbers::pi * u); }
double cauchy_cquantile(const double* p, double q) { return p[0] + p[1] / std::tan(std::numbers::pi * q); }

const DistOps& cauchy_ops() {
  static const DistOps ops = with_cdf(scalar_ops<Cauchy>(&cauchy_partials), {&cauchy_cdf, &cauchy_ccdf, &cauchy_quantile, &cauchy_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
