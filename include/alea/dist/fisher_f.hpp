// F distribution (n, m): (chi-squared(n) / n) / (chi-squared(m) / m), the two
// independent; JAGS's df(n, m).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct FisherF {
  static constexpr DistKind kind = DistKind::FisherF;
  static constexpr std::string_view name = "fisher_f";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double n = 1.0;  // numerator degrees of freedom, > 0
  double m = 1.0;  // denominator degrees of freedom, > 0
};

std::string check(const FisherF& d);
double logpdf(const FisherF& d, double x);
double draw(const FisherF& d, Rng& rng);
double mean(const FisherF& d);      // m / (m - 2); +inf for m <= 2
double variance(const FisherF& d);  // +inf for 2 < m <= 4, NaN for m <= 2 (no mean)

}  // namespace alea::dist
