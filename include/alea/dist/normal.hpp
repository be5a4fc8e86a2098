// Normal distribution by mean mu and standard deviation sigma (BUGS's dnorm takes a
// precision; the BUGS front end converts it).
#pragma once
#include <array>
#include <limits>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

// log(sigma), computed when first needed and kept: logpdf(d, x, terms) over many x
// under one d gives logpdf(d, x) for each, value for value.
struct NormalTerms {
  double log_sigma = std::numeric_limits<double>::quiet_NaN();
};

struct Normal {
  using Terms = NormalTerms;
  static constexpr DistKind kind = DistKind::Normal;
  static constexpr std::string_view name = "normal";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kRealLine;
  double mu = 0.0;     // mean
  double sigma = 1.0;  // standard deviation, > 0
};

std::string check(const Normal& d);
double logpdf(const Normal& d, double x);
double logpdf(const Normal& d, double x, NormalTerms& terms);
// The summed log density of n observations sharing d (constants hoisted).
double iid_logpdf(const Normal& d, const double* x, std::size_t n);
double draw(const Normal& d, Rng& rng);
double mean(const Normal& d);
double variance(const Normal& d);

}  // namespace alea::dist
