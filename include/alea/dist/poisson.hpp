// Poisson distribution by its mean lambda; lambda = 0 is the point mass at 0.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Poisson {
  static constexpr DistKind kind = DistKind::Poisson;
  static constexpr std::string_view name = "poisson";
  static constexpr std::size_t nparams = 1;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kCounts;
  double lambda = 1.0;  // mean (and variance), >= 0 and finite
};

std::string check(const Poisson& d);
// Log probability mass; -inf for x not an integer or outside the support.
double logpdf(const Poisson& d, double x);
// The summed log density of n observations sharing d (constants hoisted).
double iid_logpdf(const Poisson& d, const double* x, std::size_t n);
double draw(const Poisson& d, Rng& rng);
double mean(const Poisson& d);
double variance(const Poisson& d);

}  // namespace alea::dist
