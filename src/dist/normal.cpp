// Normal distribution (mean, standard deviation).
#include "alea/dist/normal.hpp"

#include <cmath>

#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Normal& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const Normal& d, double x) {
  if (std::isnan(x)) return kNegInf;
  constexpr double kHalfLog2Pi = 0.91893853320467274178;
  const double z = (x - d.mu) / d.sigma;
  return -0.5 * z * z - std::log(d.sigma) - kHalfLog2Pi;
}

double draw(const Normal& d, Rng& rng) { return d.mu + d.sigma * rng.std_normal(); }
double mean(const Normal& d) { return d.mu; }
double variance(const Normal& d) { return d.sigma * d.sigma; }
Support support(const Normal&) { return {}; }

namespace detail {
const DistOps& normal_ops() {
  static const DistOps ops = scalar_ops<Normal>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
