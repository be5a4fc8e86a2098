// Half-normal distribution: |X| for X ~ normal(0, sigma).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct HalfNormal {
  static constexpr DistKind kind = DistKind::HalfNormal;
  static constexpr std::string_view name = "half_normal";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double sigma = 1.0;  // scale: standard deviation of the underlying normal, > 0
};

std::string check(const HalfNormal& d);
double logpdf(const HalfNormal& d, double x);
double draw(const HalfNormal& d, Rng& rng);
double mean(const HalfNormal& d);
double variance(const HalfNormal& d);

}  // namespace alea::dist
