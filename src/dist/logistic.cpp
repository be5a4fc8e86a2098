// Logistic distribution (location, scale).
#include "alea/dist/logistic.hpp"

#include <cmath>
#include <numbers>

#include "partials_detail.hpp"
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
double variance(const Logistic& d) {
  return d.s * d.s * std::numbers::pi * std::numbers::pi / 3.0;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials logistic_partials(const double* p, double x) {
  Partials t;
  const double s = p[1], z = (x - p[0]) / s;
  const double softplus = z < 0 ? -z + std::log1p(std::exp(z)) : std::log1p(std::exp(-z));  // log(1+e^-z)
  const double sig = z >= 0 ? 1 / (1 + std::exp(-z)) : std::exp(z) / (1 + std::exp(z));
  t.lp = -z - std::log(s) - 2 * softplus;
  t.dx = (1 - 2 * sig) / s, t.dp[0] = -t.dx, t.dp[1] = -1 / s - z * (1 - 2 * sig) / s;
  return t;
}

double logistic_cdf(const double* p, double x) { return 1 / (1 + std::exp(-(x - p[0]) / p[1])); }
double logistic_ccdf(const double* p, double x) { return 1 / (1 + std::exp((x - p[0]) / p[1])); }
double logistic_quantile(const double* p, double u) { return p[0] + p[1] * (std::log(u) - std::log1p(-u)); }
double logistic_cquantile(const double* p, double q) { return p[0] + p[1] * (std::log1p(-q) - std::log(q)); }

const DistOps& logistic_ops() {
  static const DistOps ops = with_cdf(scalar_ops<Logistic>(
      &logistic_partials,
      BugsForm{"dlogis", 2, {{{BugsConv::Arg, 0}, {BugsConv::Reciprocal, 1}}}, {{{1, "rate tau"}}}}), {&logistic_cdf, &logistic_ccdf, &logistic_quantile, &logistic_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
