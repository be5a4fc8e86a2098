// Pareto (type I) distribution: P(X > x) = (xm / x)^alpha for x >= xm.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Pareto {
  static constexpr DistKind kind = DistKind::Pareto;
  static constexpr std::string_view name = "pareto";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = {{0, 0}, {kInf}};
  double xm = 1.0;     // scale: the minimum of the support, > 0
  double alpha = 1.0;  // shape (tail index), > 0
};

std::string check(const Pareto& d);
double logpdf(const Pareto& d, double x);
double draw(const Pareto& d, Rng& rng);
// The mean is +inf for alpha <= 1 and the variance is +inf for alpha <= 2.
double mean(const Pareto& d);
double variance(const Pareto& d);

}  // namespace alea::dist
