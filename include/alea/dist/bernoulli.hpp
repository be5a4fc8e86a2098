// Bernoulli distribution: 1 with probability p, else 0.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Bernoulli {
  static constexpr DistKind kind = DistKind::Bernoulli;
  static constexpr std::string_view name = "bernoulli";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{0}, {1}, true};
  double p = 0.5;  // probability of a 1, in [0, 1]
};

std::string check(const Bernoulli& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const Bernoulli& d, double x);
double draw(const Bernoulli& d, Rng& rng);
double mean(const Bernoulli& d);
double variance(const Bernoulli& d);

}  // namespace alea::dist
