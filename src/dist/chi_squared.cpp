// Chi-squared distribution (degrees of freedom), as gamma(nu / 2, rate 1 / 2).
#include "alea/dist/chi_squared.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

#include "alea/dist/gamma.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const ChiSquared& d) { return check_positive_finite("degrees of freedom nu", d.nu); }
double logpdf(const ChiSquared& d, double x) { return logpdf(Gamma{0.5 * d.nu, 0.5}, x); }
double draw(const ChiSquared& d, Rng& rng) { return 2.0 * detail::std_gamma(0.5 * d.nu, rng); }
double mean(const ChiSquared& d) { return d.nu; }
double variance(const ChiSquared& d) {
  return 2.0 * d.nu;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials chi_squared_partials(const double* p, double x) {
  Partials t;
  if (x <= 0) return t;
  const double h = 0.5 * p[0];
  t.lp = -h * std::numbers::ln2 - std::lgamma(h) + (h - 1) * std::log(x) - 0.5 * x;
  t.dp[0] = 0.5 * (-std::numbers::ln2 - grad::digamma(h) + std::log(x)), t.dx = (h - 1) / x - 0.5;
  return t;
}

// The regularized incomplete gamma functions P(nu / 2, x / 2) and Q = 1 - P.
double chi_squared_cdf(const double* p, double x) { return x <= 0 ? 0 : boost::math::gamma_p(p[0] / 2, x / 2, CdfPolicy()); }
double chi_squared_ccdf(const double* p, double x) { return x <= 0 ? 1 : boost::math::gamma_q(p[0] / 2, x / 2, CdfPolicy()); }
double chi_squared_quantile(const double* p, double u) { return 2 * boost::math::gamma_p_inv(p[0] / 2, u, CdfPolicy()); }
double chi_squared_cquantile(const double* p, double q) { return 2 * boost::math::gamma_q_inv(p[0] / 2, q, CdfPolicy()); }

const DistOps& chi_squared_ops() {
  static const DistOps ops =
      with_cdf(scalar_ops<ChiSquared>(&chi_squared_partials, BugsForm{"dchisqr", 1, {{{BugsConv::Arg, 0}}}}), {&chi_squared_cdf, &chi_squared_ccdf, &chi_squared_quantile, &chi_squared_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
