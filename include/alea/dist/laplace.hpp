// Laplace (double exponential) distribution by location and scale.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Laplace {
  static constexpr DistKind kind = DistKind::Laplace;
  static constexpr std::string_view name = "laplace";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kRealLine;
  double mu = 0.0;  // location (mean and median)
  double b = 1.0;   // scale, > 0; the variance is 2 b^2
};

std::string check(const Laplace& d);
double logpdf(const Laplace& d, double x);
double draw(const Laplace& d, Rng& rng);
double mean(const Laplace& d);
double variance(const Laplace& d);

}  // namespace alea::dist
