// Beta-binomial distribution: successes in n trials whose probability p ~ beta(a, b)
// is integrated out (the marginal of the beta-binomial conjugate pair, one observation).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct BetaBinomial {
  static constexpr DistKind kind = DistKind::BetaBinomial;
  static constexpr std::string_view name = "beta_binomial";
  static constexpr std::size_t nparams = 3;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{0}, {kInf, 0}, true};
  double n = 1;    // number of trials, a nonnegative integer
  double a = 1.0;  // beta shape of successes
  double b = 1.0;  // beta shape of failures
};

std::string check(const BetaBinomial& d);
// log C(n, x) + log B(x + a, n - x + b) - log B(a, b); -inf outside 0..n.
double logpdf(const BetaBinomial& d, double x);
double draw(const BetaBinomial& d, Rng& rng);
double mean(const BetaBinomial& d);
double variance(const BetaBinomial& d);

}  // namespace alea::dist
