// Beta distribution on [0, 1] with shapes a and b (mean a / (a + b)).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Beta {
  static constexpr DistKind kind = DistKind::Beta;
  static constexpr std::string_view name = "beta";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kUnitInterval;
  double a = 1.0;  // first shape, > 0
  double b = 1.0;  // second shape, > 0
};

std::string check(const Beta& d);
double logpdf(const Beta& d, double x);
double draw(const Beta& d, Rng& rng);
double mean(const Beta& d);
double variance(const Beta& d);

}  // namespace alea::dist
