// Cauchy distribution (location, scale).
#include "alea/dist/cauchy.hpp"

#include <cmath>
#include <limits>
#include <numbers>

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
double variance(const Cauchy&) { return std::numeric_limits<double>::quiet_NaN(); }
Support support(const Cauchy&) { return {}; }

namespace detail {
const DistOps& cauchy_ops() {
  static const DistOps ops = scalar_ops<Cauchy>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
