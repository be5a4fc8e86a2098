// Chi-squared distribution: gamma(nu / 2, rate = 1 / 2).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct ChiSquared {
  static constexpr DistKind kind = DistKind::ChiSquared;
  static constexpr std::string_view name = "chi_squared";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double nu = 1.0;  // degrees of freedom, > 0 (need not be an integer)
};

std::string check(const ChiSquared& d);
double logpdf(const ChiSquared& d, double x);
double draw(const ChiSquared& d, Rng& rng);
double mean(const ChiSquared& d);
double variance(const ChiSquared& d);

}  // namespace alea::dist
