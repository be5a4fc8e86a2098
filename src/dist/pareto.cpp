// Pareto (type I) distribution (scale xm, shape alpha).
#include "alea/dist/pareto.hpp"

#include <cmath>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Pareto& d) {
  auto why = check_positive_finite("scale parameter xm", d.xm);
  return why.empty() ? check_positive_finite("shape parameter alpha", d.alpha) : why;
}

double logpdf(const Pareto& d, double x) {
  if (std::isnan(x) || x < d.xm || std::isinf(x)) return kNegInf;
  const double r = x / d.xm;
  const double log_r = std::isfinite(r) ? std::log(r) : std::log(x) - std::log(d.xm);
  return std::log(d.alpha) - std::log(x) - d.alpha * log_r;
}

// Inversion: xm U^(-1/alpha) = xm exp(E / alpha) with E = -log U.
double draw(const Pareto& d, Rng& rng) { return d.xm * std::exp(detail::std_exponential(rng) / d.alpha); }

double mean(const Pareto& d) { return d.alpha > 1 ? d.alpha * d.xm / (d.alpha - 1) : kInf; }

double variance(const Pareto& d) {
  if (d.alpha <= 2) return kInf;
  const double m = d.xm / (d.alpha - 1);
  return m * m * d.alpha / (d.alpha - 2);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials pareto_partials(const double* p, double x) {
  Partials t;
  const double xm = p[0], a = p[1];
  if (x < xm || std::isinf(x)) return t;
  t.lp = std::log(a) - std::log(x) - a * (std::log(x) - std::log(xm));
  t.dp[0] = a / xm, t.dp[1] = 1 / a - std::log(x) + std::log(xm), t.dx = -(a + 1) / x;
  return t;
}

// 1 - F(x) = (xm / x)^alpha for x >= xm.
double pareto_ccdf(const double* p, double x) { return x <= p[0] ? 1 : std::exp(p[1] * std::log(p[0] / x)); }
double pareto_cdf(const double* p, double x) { return x <= p[0] ? 0 : -std::expm1(p[1] * std::log(p[0] / x)); }
double pareto_quantile(const double* p, double u) { return p[0] * std::exp(-std::log1p(-u) / p[1]); }
double pareto_cquantile(const double* p, double q) { return p[0] * std::exp(-std::log(q) / p[1]); }

const DistOps& pareto_ops() {
  static const DistOps ops =
      with_cdf(scalar_ops<Pareto>(&pareto_partials, BugsForm{"dpar", 2, {{{BugsConv::Arg, 1}, {BugsConv::Arg, 0}}}}), {&pareto_cdf, &pareto_ccdf, &pareto_quantile, &pareto_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
