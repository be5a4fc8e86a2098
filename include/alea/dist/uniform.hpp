// Continuous uniform distribution on [lo, hi].
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Uniform {
  static constexpr DistKind kind = DistKind::Uniform;
  static constexpr std::string_view name = "uniform";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{kNegInf, 0}, {kInf, 1}};
  double lo = 0.0;  // lower bound, finite
  double hi = 1.0;  // upper bound, finite, > lo
};

std::string check(const Uniform& d);
double logpdf(const Uniform& d, double x);
double draw(const Uniform& d, Rng& rng);
double mean(const Uniform& d);
double variance(const Uniform& d);

}  // namespace alea::dist
