// Weibull distribution by shape k and scale lambda: P(X > x) = exp(-(x / lambda)^k).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Weibull {
  static constexpr DistKind kind = DistKind::Weibull;
  static constexpr std::string_view name = "weibull";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double k = 1.0;       // shape, > 0
  double lambda = 1.0;  // scale, > 0
};

std::string check(const Weibull& d);
double logpdf(const Weibull& d, double x);
double draw(const Weibull& d, Rng& rng);
double mean(const Weibull& d);
double variance(const Weibull& d);

}  // namespace alea::dist
