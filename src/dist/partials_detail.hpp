// Internal: helpers of the closed-form partials that each scalar distribution's
// record holds (Partials, record.hpp).
#pragma once
#include <boost/math/special_functions/digamma.hpp>
#include <cmath>
#include <numbers>

namespace alea::dist::detail::grad {

// In double precision: Boost's default policy promotes a double argument to long
// double (x87 arithmetic), which made digamma a fifth of a gradient of the
// negative-binomial marginal (pumps). Its 53-bit approximation is within a few ulps.
// An overflow (digamma(x) ~ -1/x for a subnormal x) gives -inf, as the long double
// result did once rounded to double, rather than an exception.
using DoublePolicy = boost::math::policies::policy<
    boost::math::policies::promote_double<false>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;
inline double digamma(double x) {
  return boost::math::digamma(x, DoublePolicy());
}
inline bool is_integer(double x) {
  return std::isfinite(x) && x == std::floor(x);
}
inline constexpr double kHalfLog2Pi = 0.91893853320467274178;  // log(2 pi) / 2

}  // namespace alea::dist::detail::grad
