// Weibull distribution (shape k, scale lambda).
#include "alea/dist/weibull.hpp"

#include <cmath>

#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Weibull& d) {
  auto why = check_positive_finite("shape parameter k", d.k);
  return why.empty() ? check_positive_finite("scale parameter lambda", d.lambda) : why;
}

double logpdf(const Weibull& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  if (x == 0) {
    if (d.k == 1) return -std::log(d.lambda);
    return d.k < 1 ? kInf : kNegInf;
  }
  const double z = x / d.lambda;
  const double log_z = (z > 0 && std::isfinite(z)) ? std::log(z) : std::log(x) - std::log(d.lambda);
  return std::log(d.k) - std::log(d.lambda) + (d.k - 1) * log_z - std::exp(d.k * log_z);
}

// Inversion: lambda (-log U)^(1/k).
double draw(const Weibull& d, Rng& rng) { return d.lambda * std::pow(detail::std_exponential(rng), 1.0 / d.k); }

double mean(const Weibull& d) { return d.lambda * std::exp(std::lgamma(1.0 + 1.0 / d.k)); }

// lambda^2 (G(1 + 2/k) - G(1 + 1/k)^2) written as lambda^2 G(1 + 1/k)^2 expm1(...): for
// large k the two gamma terms agree to many digits and their plain difference cancels.
double variance(const Weibull& d) {
  const double g1 = std::lgamma(1.0 + 1.0 / d.k);
  const double g2 = std::lgamma(1.0 + 2.0 / d.k);
  const double m = d.lambda * std::exp(g1);
  return m * m * std::expm1(g2 - 2.0 * g1);
}

Support support(const Weibull&) { return {0.0, kInf}; }

namespace detail {
const DistOps& weibull_ops() {
  static const DistOps ops = scalar_ops<Weibull>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
