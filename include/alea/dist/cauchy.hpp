// Cauchy distribution by location and scale.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Cauchy {
  static constexpr DistKind kind = DistKind::Cauchy;
  static constexpr std::string_view name = "cauchy";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kRealLine;
  double mu = 0.0;     // location (the median)
  double sigma = 1.0;  // scale (half the interquartile range), > 0
};

std::string check(const Cauchy& d);
double logpdf(const Cauchy& d, double x);
double draw(const Cauchy& d, Rng& rng);
// Neither mean nor variance exists: both are NaN.
double mean(const Cauchy& d);
double variance(const Cauchy& d);

}  // namespace alea::dist
