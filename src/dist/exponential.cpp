// Exponential distribution (rate).
#include "alea/dist/exponential.hpp"

#include <cmath>

#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Exponential& d) { return check_positive_finite("rate parameter rate", d.rate); }

double logpdf(const Exponential& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  return std::log(d.rate) - d.rate * x;
}

double draw(const Exponential& d, Rng& rng) { return detail::std_exponential(rng) / d.rate; }
double mean(const Exponential& d) { return 1.0 / d.rate; }
double variance(const Exponential& d) { return 1.0 / (d.rate * d.rate); }
Support support(const Exponential&) { return {0.0, kInf}; }

namespace detail {
const DistOps& exponential_ops() {
  static const DistOps ops = scalar_ops<Exponential>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
