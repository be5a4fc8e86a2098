// Exponential distribution by rate (mean 1 / rate).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Exponential {
  static constexpr DistKind kind = DistKind::Exponential;
  static constexpr std::string_view name = "exponential";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double rate = 1.0;  // rate, > 0; the mean is 1 / rate
};

std::string check(const Exponential& d);
double logpdf(const Exponential& d, double x);
double draw(const Exponential& d, Rng& rng);
double mean(const Exponential& d);
double variance(const Exponential& d);

}  // namespace alea::dist
