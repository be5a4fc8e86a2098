// Geometric distribution: the number of failures before the first success
// (support 0, 1, ...), as BUGS's dnegbin(p, 1).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Geometric {
  static constexpr DistKind kind = DistKind::Geometric;
  static constexpr std::string_view name = "geometric";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kCounts;
  double p = 0.5;  // success probability of each trial, in (0, 1]
};

std::string check(const Geometric& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const Geometric& d, double x);
double draw(const Geometric& d, Rng& rng);
double mean(const Geometric& d);
double variance(const Geometric& d);

}  // namespace alea::dist
