// Logistic distribution (location, scale).
#include "alea/dist/logistic.hpp"

#include <cmath>
#include <numbers>

#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Logistic& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter s", d.s) : why;
}

// Symmetric in z; written with exp(-|z|) so that nothing overflows in either tail.
double logpdf(const Logistic& d, double x) {
  if (std::isnan(x) || std::isinf(x)) return kNegInf;
  const double az = std::abs((x - d.mu) / d.s);
  return -az - 2.0 * std::log1p(std::exp(-az)) - std::log(d.s);
}

double draw(const Logistic& d, Rng& rng) {
  const double u = rng.uniform01();
  return d.mu + d.s * (std::log(u) - std::log1p(-u));
}

double mean(const Logistic& d) { return d.mu; }
double variance(const Logistic& d) { return d.s * d.s * std::numbers::pi * std::numbers::pi / 3.0; }
Support support(const Logistic&) { return {}; }

namespace detail {
const DistOps& logistic_ops() {
  static const DistOps ops = scalar_ops<Logistic>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
