// Chi-squared distribution (degrees of freedom), as gamma(nu / 2, rate 1 / 2).
#include "alea/dist/chi_squared.hpp"

#include <cmath>

#include "alea/dist/gamma.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const ChiSquared& d) { return check_positive_finite("degrees of freedom nu", d.nu); }
double logpdf(const ChiSquared& d, double x) { return logpdf(Gamma{0.5 * d.nu, 0.5}, x); }
double draw(const ChiSquared& d, Rng& rng) { return 2.0 * detail::std_gamma(0.5 * d.nu, rng); }
double mean(const ChiSquared& d) { return d.nu; }
double variance(const ChiSquared& d) { return 2.0 * d.nu; }
Support support(const ChiSquared&) { return {0.0, kInf}; }

namespace detail {
const DistOps& chi_squared_ops() {
  static const DistOps ops = scalar_ops<ChiSquared>();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
