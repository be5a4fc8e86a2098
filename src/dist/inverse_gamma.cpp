// Inverse gamma distribution (shape, scale), through the gamma density of 1 / x.
#include "alea/dist/inverse_gamma.hpp"

#include <cmath>

#include "alea/dist/gamma.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const InverseGamma& d) {
  auto why = check_positive_finite("shape parameter shape", d.shape);
  return why.empty() ? check_positive_finite("scale parameter scale", d.scale) : why;
}

// The density tends to 0 at x = 0 for every shape, so 0 is -inf here. Through the
// gamma density of 1 / x while that is finite; for tinier x directly:
// a log(b) - lgamma(a) - (a + 1) log(x) - b / x, finite until b / x overflows.
double logpdf(const InverseGamma& d, double x) {
  if (std::isnan(x) || x <= 0 || std::isinf(x)) return kNegInf;
  const double inv = 1.0 / x;
  if (std::isfinite(inv)) return logpdf(Gamma{d.shape, d.scale}, inv) - 2.0 * std::log(x);
  return d.shape * std::log(d.scale) - std::lgamma(d.shape) - (d.shape + 1) * std::log(x) - d.scale / x;
}

double draw(const InverseGamma& d, Rng& rng) { return d.scale / detail::std_gamma(d.shape, rng); }

double mean(const InverseGamma& d) { return d.shape > 1 ? d.scale / (d.shape - 1) : kInf; }

double variance(const InverseGamma& d) {
  if (d.shape <= 2) return kInf;
  const double m = d.scale / (d.shape - 1);
  return m * m / (d.shape - 2);
}

Support support(const InverseGamma&) { return {0.0, kInf}; }

namespace detail {
const DistOps& inverse_gamma_ops() {
  static const DistOps ops = scalar_ops<InverseGamma>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
