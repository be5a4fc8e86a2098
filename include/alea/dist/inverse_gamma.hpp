// Inverse gamma distribution: 1 / X ~ gamma(shape, rate = scale).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct InverseGamma {
  static constexpr DistKind kind = DistKind::InverseGamma;
  static constexpr std::string_view name = "inv_gamma";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double shape = 1.0;  // shape, > 0
  double scale = 1.0;  // scale, > 0 (the rate of the gamma distribution of 1 / X)
};

std::string check(const InverseGamma& d);
double logpdf(const InverseGamma& d, double x);
double draw(const InverseGamma& d, Rng& rng);
// The mean is +inf for shape <= 1 and the variance is +inf for shape <= 2.
double mean(const InverseGamma& d);
double variance(const InverseGamma& d);

}  // namespace alea::dist
