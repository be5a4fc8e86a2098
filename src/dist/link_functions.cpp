// Link functions of BUGS models (link_functions.hpp).
#include "alea/dist/link_functions.hpp"

#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <numbers>

namespace alea::dist::jags {

double phi(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double probit(double p) {
  if (std::isnan(p) || p < 0 || p > 1) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0) return -std::numeric_limits<double>::infinity();
  if (p == 1) return std::numeric_limits<double>::infinity();
  return -std::numbers::sqrt2 * boost::math::erfc_inv(2 * p);
}

double cloglog(double p) { return std::log(-std::log1p(-p)); }

double icloglog(double x) { return -std::expm1(-std::exp(x)); }

double normal_density(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * std::numbers::pi); }

double cloglog_derivative(double p) { return 1 / ((1 - p) * -std::log1p(-p)); }

double icloglog_derivative(double x) { return std::exp(x - std::exp(x)); }

}  // namespace alea::dist::jags
