// Generalized gamma distribution (r, lambda, b) as JAGS's dgen.gamma(r, lambda, b):
// (lambda x)^b ~ gamma(r, 1), so the density is
// b lambda^(b r) x^(b r - 1) exp(-(lambda x)^b) / Gamma(r). b = 1 is gamma(r, lambda);
// r = 1 is weibull(b, 1 / lambda).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct GenGamma {
  static constexpr DistKind kind = DistKind::GenGamma;
  static constexpr std::string_view name = "gen_gamma";
  static constexpr std::size_t nparams = 3;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double r = 1.0;       // shape, > 0
  double lambda = 1.0;  // rate (inverse scale), > 0
  double b = 1.0;       // power, > 0
};

std::string check(const GenGamma& d);
double logpdf(const GenGamma& d, double x);
double draw(const GenGamma& d, Rng& rng);
double mean(const GenGamma& d);
double variance(const GenGamma& d);

}  // namespace alea::dist
