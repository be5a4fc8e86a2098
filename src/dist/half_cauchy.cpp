// Half-Cauchy distribution (scale).
#include "alea/dist/half_cauchy.hpp"

#include <cmath>
#include <numbers>

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
double variance(const HalfCauchy&) { return kInf; }
Support support(const HalfCauchy&) { return {0.0, kInf}; }

namespace detail {
const DistOps& half_cauchy_ops() {
  static const DistOps ops = scalar_ops<HalfCauchy>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
