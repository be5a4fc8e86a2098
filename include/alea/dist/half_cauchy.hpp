// Half-Cauchy distribution: |X| for X ~ cauchy(0, sigma).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct HalfCauchy {
  static constexpr DistKind kind = DistKind::HalfCauchy;
  static constexpr std::string_view name = "half_cauchy";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double sigma = 1.0;  // scale (the median), > 0
};

std::string check(const HalfCauchy& d);
double logpdf(const HalfCauchy& d, double x);
double draw(const HalfCauchy& d, Rng& rng);
// The mean and the variance are +inf (the integrals diverge; X is non-negative).
double mean(const HalfCauchy& d);
double variance(const HalfCauchy& d);

}  // namespace alea::dist
