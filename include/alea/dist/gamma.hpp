// Gamma distribution by shape and RATE (mean shape / rate), as BUGS's dgamma.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Gamma {
  static constexpr DistKind kind = DistKind::Gamma;
  static constexpr std::string_view name = "gamma";
  static constexpr std::size_t nparams = 2;
  double shape = 1.0;  // shape, > 0
  double rate = 1.0;   // rate (inverse scale), > 0
};

std::string check(const Gamma& d);
double logpdf(const Gamma& d, double x);
// The summed log density of n observations sharing d (constants hoisted).
double iid_logpdf(const Gamma& d, const double* x, std::size_t n);
double draw(const Gamma& d, Rng& rng);
double mean(const Gamma& d);
double variance(const Gamma& d);
Support support(const Gamma& d);

}  // namespace alea::dist
