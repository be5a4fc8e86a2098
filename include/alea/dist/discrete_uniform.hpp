// Discrete uniform distribution on the integers lo..hi inclusive.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct DiscreteUniform {
  static constexpr DistKind kind = DistKind::DiscreteUniform;
  static constexpr std::string_view name = "discrete_uniform";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{kNegInf, 0}, {kInf, 1}, true};
  double lo = 0.0;  // smallest value, an integer with |lo| <= 2^53
  double hi = 1.0;  // largest value, an integer with lo <= hi <= 2^53
};

std::string check(const DiscreteUniform& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const DiscreteUniform& d, double x);
double draw(const DiscreteUniform& d, Rng& rng);
double mean(const DiscreteUniform& d);
double variance(const DiscreteUniform& d);

}  // namespace alea::dist
