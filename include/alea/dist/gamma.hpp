// Gamma distribution by shape and RATE (mean shape / rate), as BUGS's dgamma.
#pragma once
#include <limits>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

// The terms of a gamma log density that depend on the parameters alone, each computed
// when first needed and kept for the next x: logpdf(d, x, terms) over many x under one
// d gives logpdf(d, x) for each, value for value, at a fraction of the cost.
struct GammaTerms {
  double log_rate = std::numeric_limits<double>::quiet_NaN();
  double lgamma_shape = std::numeric_limits<double>::quiet_NaN();
  double half_log_shape = std::numeric_limits<double>::quiet_NaN();
  double stirling = std::numeric_limits<double>::quiet_NaN();
};

struct Gamma {
  using Terms = GammaTerms;
  static constexpr DistKind kind = DistKind::Gamma;
  static constexpr std::string_view name = "gamma";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double shape = 1.0;  // shape, > 0
  double rate = 1.0;   // rate (inverse scale), > 0
};

std::string check(const Gamma& d);
double logpdf(const Gamma& d, double x);
double logpdf(const Gamma& d, double x, GammaTerms& terms);
// The summed log density of n observations sharing d (constants hoisted).
double iid_logpdf(const Gamma& d, const double* x, std::size_t n);
double draw(const Gamma& d, Rng& rng);
// n draws under one d (its constants computed once): the same draws as n calls of draw.
void draw_each(const Gamma& d, Rng& rng, double* out, std::size_t n);
double mean(const Gamma& d);
double variance(const Gamma& d);

}  // namespace alea::dist
