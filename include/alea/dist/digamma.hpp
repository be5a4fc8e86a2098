// digamma in double precision, for every gradient that needs it (the loggam and
// logfact ops, the partials of the gamma-family distributions). Boost's default policy
// promotes a double argument to long double (x87 arithmetic), which made digamma a
// fifth of a gradient of the negative-binomial marginal (pumps); its 53-bit
// approximation is within a few ulps. An overflow (digamma(x) ~ -1/x for a subnormal
// x) gives -inf, as the long double result did once rounded to double, rather than an
// exception.
#pragma once
#include <boost/math/special_functions/digamma.hpp>

namespace alea::dist {

inline double digamma(double x) {
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>,
                                               boost::math::policies::overflow_error<boost::math::policies::ignore_error>>;
  return boost::math::digamma(x, Policy());
}

}  // namespace alea::dist
