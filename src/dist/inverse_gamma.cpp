// Inverse gamma distribution (shape, scale), through the gamma density of 1 / x.
#include "alea/dist/inverse_gamma.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "alea/dist/gamma.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const InverseGamma& d) {
  auto why = check_positive_finite("shape parameter shape", d.shape);
  return why.empty() ? check_positive_finite("scale parameter scale", d.scale) : why;
}

// The density tends to 0 at x = 0 for every shape, so 0 is -inf here. Through the
// gamma density of 1 / x while that is finite; for tinier x directly:
// a log(b) - lgamma(a) - (a + 1) log(x) - b / x, finite until b / x overflows.
double logpdf(const InverseGamma& d, double x) {
  if (std::isnan(x) || x <= 0 || std::isinf(x)) return kNegInf;
  const double inv = 1.0 / x;
  if (std::isfinite(inv)) return logpdf(Gamma{d.shape, d.scale}, inv) - 2.0 * std::log(x);
  return d.shape * std::log(d.scale) - std::lgamma(d.shape) - (d.shape + 1) * std::log(x) - d.scale / x;
}

double draw(const InverseGamma& d, Rng& rng) { return d.scale / detail::std_gamma(d.shape, rng); }

double mean(const InverseGamma& d) { return d.shape > 1 ? d.scale / (d.shape - 1) : kInf; }

double variance(const InverseGamma& d) {
  if (d.shape <= 2) return kInf;
  const double m = d.scale / (d.shape - 1);
  return m * m / (d.shape - 2);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials inverse_gamma_partials(const double* p, double x) {
  Partials t;
  if (x <= 0) return t;
  const double a = p[0], b = p[1];
  t.lp = a * std::log(b) - std::lgamma(a) - (a + 1) * std::log(x) - b / x;
  t.dp[0] = std::log(b) - grad::digamma(a) - std::log(x), t.dp[1] = a / b - 1 / x;
  t.dx = -(a + 1) / x + b / (x * x);
  return t;
}

// X <= x when 1 / X >= 1 / x, and 1 / X ~ gamma(shape, rate = scale): F(x) = Q(shape, scale / x).
double inverse_gamma_cdf(const double* p, double x) { return x <= 0 ? 0 : boost::math::gamma_q(p[0], p[1] / x, CdfPolicy()); }
double inverse_gamma_ccdf(const double* p, double x) { return x <= 0 ? 1 : boost::math::gamma_p(p[0], p[1] / x, CdfPolicy()); }
double inverse_gamma_quantile(const double* p, double u) { return p[1] / boost::math::gamma_q_inv(p[0], u, CdfPolicy()); }
double inverse_gamma_cquantile(const double* p, double q) { return p[1] / boost::math::gamma_p_inv(p[0], q, CdfPolicy()); }

const DistOps& inverse_gamma_ops() {
  static const DistOps ops = with_cdf(scalar_ops<InverseGamma>(&inverse_gamma_partials), {&inverse_gamma_cdf, &inverse_gamma_ccdf, &inverse_gamma_quantile, &inverse_gamma_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
