// Internal: helpers of the closed-form partials that each scalar distribution's
// record holds (Partials, record.hpp).
#pragma once
#include <algorithm>
#include <cmath>
#include <numbers>

#include "alea/dist/digamma.hpp"
#include "log_density_terms.hpp"  // kHalfLog2Pi

namespace alea::dist::detail::grad {

using dist::digamma;  // in double precision (alea/dist/digamma.hpp)
inline bool is_integer(double x) {
  return std::isfinite(x) && x == std::floor(x);
}

// A count model on the logit scale: s successes and f failures with p = logistic(eta)
// add s eta - (s + f) log(1 + e^eta) to the log density and s - (s + f) p to d/d eta.
// log(1 + e^eta) = max(eta, 0) + log(1 + e^-|eta|): one exp and one log, exact in the
// tails. (log rather than log1p: 1 + e is in (1, 2], so the absolute error is an ulp
// of 1 either way, and glibc's log takes a third of log1p's time.)
// s eta - n max(eta, 0) is -f eta or s eta, taken so that an infinite eta with no
// count on the losing side gives 0 (not inf - inf or 0 inf).
inline double logit_counts(double s, double f, double eta, double* deta) {
  const double e = std::exp(-std::abs(eta)), n = s + f, inv = 1 / (1 + e);
  if (deta) *deta += s - n * (eta >= 0 ? inv : e * inv);
  const double linear = eta >= 0 ? (f > 0 ? -f * eta : 0.0) : (s > 0 ? s * eta : 0.0);
  return linear - n * std::log(1 + e);
}

}  // namespace alea::dist::detail::grad
