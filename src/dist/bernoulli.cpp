// Bernoulli distribution (probability of a 1).
#include "alea/dist/bernoulli.hpp"

#include <cmath>

#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Bernoulli& d) { return check_probability("probability parameter p", d.p); }

double logpdf(const Bernoulli& d, double x) {
  // log1p keeps the digits of 1 - p when p is tiny; log(p) is exact in p.
  if (x == 1.0) return std::log(d.p);
  if (x == 0.0) return std::log1p(-d.p);
  return kNegInf;
}

double draw(const Bernoulli& d, Rng& rng) { return rng.uniform01() < d.p ? 1.0 : 0.0; }
double mean(const Bernoulli& d) { return d.p; }
double variance(const Bernoulli& d) { return d.p * (1.0 - d.p); }
Support support(const Bernoulli&) { return {0.0, 1.0, true}; }

namespace detail {
const DistOps& bernoulli_ops() {
  static const DistOps ops = scalar_ops<Bernoulli>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
