// Chi-squared distribution (degrees of freedom), as gamma(nu / 2, rate 1 / 2).
#include "alea/dist/chi_squared.hpp"

#include <cmath>

#include "alea/dist/gamma.hpp"
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

const DistOps& chi_squared_ops() {
  static const DistOps ops =
      scalar_ops<ChiSquared>(&chi_squared_partials, BugsForm{"dchisqr", 1, {{{BugsConv::Arg, 0}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
