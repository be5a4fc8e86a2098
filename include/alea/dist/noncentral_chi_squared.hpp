// Non-central chi-squared distribution (nu, delta): the sum of nu squared normals
// whose means have squares summing to delta; JAGS's dnchisqr(k, delta).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct NoncentralChiSquared {
  static constexpr DistKind kind = DistKind::NoncentralChiSquared;
  static constexpr std::string_view name = "noncentral_chi_squared";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double nu = 1.0;     // degrees of freedom, > 0 (need not be an integer)
  double delta = 0.0;  // non-centrality, >= 0 (0: the central chi-squared)
};

std::string check(const NoncentralChiSquared& d);
double logpdf(const NoncentralChiSquared& d, double x);
double draw(const NoncentralChiSquared& d, Rng& rng);
double mean(const NoncentralChiSquared& d);
double variance(const NoncentralChiSquared& d);

}  // namespace alea::dist
