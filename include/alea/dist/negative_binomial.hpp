// Negative binomial distribution: the number of failures before the r-th success,
// with real r > 0 allowed (then a Poisson-gamma mixture).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct NegativeBinomial {
  static constexpr DistKind kind = DistKind::NegativeBinomial;
  static constexpr std::string_view name = "neg_binomial";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kCounts;
  double r = 1.0;  // number of successes to wait for, > 0 and finite (need not be an integer)
  double p = 0.5;  // success probability of each trial, in (0, 1]
};

std::string check(const NegativeBinomial& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const NegativeBinomial& d, double x);
double draw(const NegativeBinomial& d, Rng& rng);
double mean(const NegativeBinomial& d);
double variance(const NegativeBinomial& d);

}  // namespace alea::dist
