// Laplace distribution (location, scale).
#include "alea/dist/laplace.hpp"

#include <cmath>
#include <numbers>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Laplace& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter b", d.b) : why;
}

double logpdf(const Laplace& d, double x) {
  if (std::isnan(x) || std::isinf(x)) return kNegInf;
  return -std::numbers::ln2 - std::log(d.b) - std::abs(x - d.mu) / d.b;
}

// Inversion, each half on its own side so that 1 - u is exact (u >= 1/2).
double draw(const Laplace& d, Rng& rng) {
  const double u = rng.uniform01();
  return u < 0.5 ? d.mu + d.b * std::log(2.0 * u) : d.mu - d.b * std::log(2.0 * (1.0 - u));
}

double mean(const Laplace& d) { return d.mu; }
double variance(const Laplace& d) {
  return 2.0 * d.b * d.b;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials laplace_partials(const double* p, double x) {
  Partials t;
  const double b = p[1], r = x - p[0], sign = r > 0 ? 1.0 : (r < 0 ? -1.0 : 0.0);
  t.lp = -std::log(2 * b) - std::abs(r) / b;
  t.dx = -sign / b, t.dp[0] = sign / b, t.dp[1] = -1 / b + std::abs(r) / (b * b);
  return t;
}

// Each tail is half an exponential: F(x) = exp(z) / 2 below mu, z = (x - mu) / b.
double laplace_cdf(const double* p, double x) {
  const double z = (x - p[0]) / p[1];
  return z < 0 ? 0.5 * std::exp(z) : 1 - 0.5 * std::exp(-z);
}
double laplace_ccdf(const double* p, double x) {
  const double z = (x - p[0]) / p[1];
  return z > 0 ? 0.5 * std::exp(-z) : 1 - 0.5 * std::exp(z);
}
double laplace_quantile(const double* p, double u) {
  return u < 0.5 ? p[0] + p[1] * std::log(2 * u) : p[0] - p[1] * std::log(2 * (1 - u));
}
double laplace_cquantile(const double* p, double q) {
  return q < 0.5 ? p[0] - p[1] * std::log(2 * q) : p[0] + p[1] * std::log(2 * (1 - q));
}

const DistOps& laplace_ops() {
  static const DistOps ops = with_cdf(scalar_ops<Laplace>(
      &laplace_partials,
      BugsForm{"ddexp", 2, {{{BugsConv::Arg, 0}, {BugsConv::Reciprocal, 1}}}, {{{1, "rate tau"}}}}), {&laplace_cdf, &laplace_ccdf, &laplace_quantile, &laplace_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
