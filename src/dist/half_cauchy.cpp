// Half-Cauchy distribution (scale).
#include "alea/dist/half_cauchy.hpp"

#include <cmath>
#include <numbers>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const HalfCauchy& d) { return check_positive_finite("scale parameter sigma", d.sigma); }

double logpdf(const HalfCauchy& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  const double z = x / d.sigma;
  // log(1 + z^2) without overflowing z^2 in the far tail.
  const double log1pz2 = z > 1.0 ? 2.0 * std::log(z) + std::log1p(1.0 / (z * z)) : std::log1p(z * z);
  constexpr double kLog2OverPi = -0.45158270528945486473;  // log(2 / pi)
  return kLog2OverPi - std::log(d.sigma) - log1pz2;
}

double draw(const HalfCauchy& d, Rng& rng) { return d.sigma * std::tan(0.5 * std::numbers::pi * rng.uniform01()); }
double mean(const HalfCauchy&) { return kInf; }
double variance(const HalfCauchy&) {
  return kInf;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials half_cauchy_partials(const double* p, double x) {
  Partials t;
  if (x < 0) return t;
  const double s = p[0], z = x / s;
  t.lp = std::numbers::ln2 - std::log(std::numbers::pi) - std::log(s) - std::log1p(z * z);
  t.dx = -2 * z / (s * (1 + z * z));
  t.dp[0] = -1 / s + 2 * z * z / (s * (1 + z * z));
  return t;
}

// F(x) = 2 atan(x / sigma) / pi; 1 - F = 2 atan(sigma / x) / pi keeps the upper tail.
double half_cauchy_cdf(const double* p, double x) { return x <= 0 ? 0 : 2 * std::atan2(x, p[0]) / std::numbers::pi; }
double half_cauchy_ccdf(const double* p, double x) { return x <= 0 ? 1 : 2 * std::atan2(p[0], x) / std::numbers::pi; }
double half_cauchy_quantile(const double* p, double u) { return p[0] * std::tan(std::numbers::pi * u / 2); }
double half_cauchy_cquantile(const double* p, double q) { return p[0] / std::tan(std::numbers::pi * q / 2); }

const DistOps& half_cauchy_ops() {
  static const DistOps ops = with_cdf(scalar_ops<HalfCauchy>(&half_cauchy_partials), {&half_cauchy_cdf, &half_cauchy_ccdf, &half_cauchy_quantile, &half_cauchy_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
