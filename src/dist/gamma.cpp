// Gamma distribution (shape, rate).
#include "alea/dist/gamma.hpp"

#include <cmath>

#include "log_density_terms.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Gamma& d) {
  auto why = check_positive_finite("shape parameter shape", d.shape);
  return why.empty() ? check_positive_finite("rate parameter rate", d.rate) : why;
}

double logpdf(const Gamma& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  if (x == 0) {
    if (d.shape == 1) return std::log(d.rate);
    return d.shape < 1 ? kInf : kNegInf;
  }
  const double y = d.rate * x;
  // The deviance form below needs shape / y finite; where it is not, the terms of the
  // direct form do not cancel (the log density is hugely negative).
  if (d.shape < 10 || !(y >= kMinNormal && std::isfinite(y) && std::isfinite(d.shape / y))) {
    // y under- or overflows (or is subnormal, with bits lost) only for extreme
    // products; then its log is taken apart.
    const double log_y = (y >= kMinNormal && std::isfinite(y)) ? std::log(y) : std::log(d.rate) + std::log(x);
    return std::log(d.rate) + (d.shape - 1) * log_y - y - std::lgamma(d.shape);
  }
  // For large shapes shape * log(y), y and lgamma(shape) are huge and nearly cancel;
  // the deviance form keeps the small difference accurate.
  return -std::log(x) - detail::deviance_term(d.shape, y) + 0.5 * std::log(d.shape) - detail::kHalfLog2Pi -
         detail::stirling_error(d.shape);
}

double draw(const Gamma& d, Rng& rng) { return detail::std_gamma(d.shape, rng) / d.rate; }
double mean(const Gamma& d) { return d.shape / d.rate; }
double variance(const Gamma& d) { return d.shape / (d.rate * d.rate); }
Support support(const Gamma&) { return {0.0, kInf}; }

namespace detail {
const DistOps& gamma_ops() {
  static const DistOps ops = scalar_ops<Gamma>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
