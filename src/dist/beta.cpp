// Beta distribution (shapes a, b).
#include "alea/dist/beta.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/beta.hpp>

#include "cdf_detail.hpp"
#include "log_density_terms.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {
namespace {

// log B(a, b) for min(a, b) < 10. When the larger shape is big, lgamma(hi) and
// lgamma(hi + lo) nearly cancel; their difference is taken from Stirling's formula.
double log_beta_small(double a, double b) {
  const double lo = std::min(a, b), hi = std::max(a, b);
  if (hi < 10) return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
  const double n = lo + hi;
  const double diff = -(hi - 0.5) * std::log1p(lo / hi) - lo * std::log(n) + lo + detail::stirling_error(hi) -
                      detail::stirling_error(n);
  return std::lgamma(lo) + diff;
}

}  // namespace

std::string check(const Beta& d) {
  auto why = check_positive_finite("shape parameter a", d.a);
  return why.empty() ? check_positive_finite("shape parameter b", d.b) : why;
}

double logpdf(const Beta& d, double x) {
  if (std::isnan(x) || x < 0 || x > 1) return kNegInf;
  // At the ends the density is infinite, finite (B(1, b) = 1 / b) or zero.
  if (x == 0) {
    if (d.a == 1) return std::log(d.b);
    return d.a < 1 ? kInf : kNegInf;
  }
  if (x == 1) {
    if (d.b == 1) return std::log(d.a);
    return d.b < 1 ? kInf : kNegInf;
  }
  if (std::min(d.a, d.b) < 10) return (d.a - 1) * std::log(x) + (d.b - 1) * std::log1p(-x) - log_beta_small(d.a, d.b);
  // Both shapes large: the deviance form avoids the cancellation of a log(x), b log(1 - x)
  // and log B(a, b), which are all huge.
  const double n = d.a + d.b;
  return -detail::deviance_term(d.a, n * x) - detail::deviance_term(d.b, n * (1 - x)) - std::log(x) -
         std::log1p(-x) + 0.5 * (std::log(d.a) + std::log(d.b) - std::log(n)) - detail::kHalfLog2Pi -
         detail::stirling_error(d.a) - detail::stirling_error(d.b) + detail::stirling_error(n);
}

// X / (X + Y) with X ~ gamma(a), Y ~ gamma(b); through the logs when a shape is below 1,
// where both gammas can underflow to 0 and the ratio would be 0 / 0.
double draw(const Beta& d, Rng& rng) {
  if (d.a >= 1 && d.b >= 1) {
    const double x = detail::std_gamma(d.a, rng);
    return x / (x + detail::std_gamma(d.b, rng));
  }
  const double log_x = detail::log_std_gamma(d.a, rng);
  const double log_y = detail::log_std_gamma(d.b, rng);
  return 1.0 / (1.0 + std::exp(log_y - log_x));
}

double mean(const Beta& d) { return d.a / (d.a + d.b); }
double variance(const Beta& d) {
  const double n = d.a + d.b;
  return (d.a / n) * (d.b / n) / (n + 1);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials beta_partials(const double* p, double x) {
  Partials t;
  if (x <= 0 || x >= 1) return t;
  const double a = p[0], b = p[1];
  t.lp =
      (a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - std::lgamma(a) - std::lgamma(b) + std::lgamma(a + b);
  t.dp[0] = std::log(x) - grad::digamma(a) + grad::digamma(a + b);
  t.dp[1] = std::log1p(-x) - grad::digamma(b) + grad::digamma(a + b);
  t.dx = (a - 1) / x - (b - 1) / (1 - x);
  return t;
}

// The regularized incomplete beta function I_x(a, b) and its complement.
double beta_cdf(const double* p, double x) {
  return x <= 0 ? 0 : x >= 1 ? 1 : boost::math::ibeta(p[0], p[1], x, CdfPolicy());
}
double beta_ccdf(const double* p, double x) {
  return x <= 0 ? 1 : x >= 1 ? 0 : boost::math::ibetac(p[0], p[1], x, CdfPolicy());
}
double beta_quantile(const double* p, double u) { return boost::math::ibeta_inv(p[0], p[1], u, CdfPolicy()); }
double beta_cquantile(const double* p, double q) { return boost::math::ibetac_inv(p[0], p[1], q, CdfPolicy()); }

const DistOps& beta_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<Beta>(&beta_partials, BugsForm{"dbeta", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.cdf = {&beta_cdf, &beta_ccdf, &beta_quantile, &beta_cquantile};
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
