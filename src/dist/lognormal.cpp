// Log-normal distribution (mean and standard deviation of the log).
#include "alea/dist/lognormal.hpp"

#include <cmath>

#include "log_density_terms.hpp"
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
Support support(const LogNormal&) { return {0.0, kInf}; }

namespace detail {
const DistOps& lognormal_ops() {
  static const DistOps ops = scalar_ops<LogNormal>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
