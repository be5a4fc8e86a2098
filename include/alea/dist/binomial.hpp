// Binomial distribution: the number of successes in n independent trials of
// success probability p.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Binomial {
  static constexpr DistKind kind = DistKind::Binomial;
  static constexpr std::string_view name = "binomial";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{0}, {kInf, 0}, true};
  double n = 1.0;  // number of trials, a non-negative integer (exact up to 2^53)
  double p = 0.5;  // success probability of each trial, in [0, 1]
};

std::string check(const Binomial& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const Binomial& d, double x);
double draw(const Binomial& d, Rng& rng);
double mean(const Binomial& d);
double variance(const Binomial& d);

}  // namespace alea::dist
