// Fisher's non-central hypergeometric distribution, JAGS's dhyper(n1, n2, m1, psi):
// the number x of white balls among m1 drawn from n1 white and n2 black, with odds
// ratio psi; p(x) proportional to C(n1, x) C(n2, m1 - x) psi^x on
// max(0, m1 - n2) .. min(n1, m1). psi = 1 is the central hypergeometric.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Hypergeometric {
  static constexpr DistKind kind = DistKind::Hypergeometric;
  static constexpr std::string_view name = "hypergeometric";
  static constexpr std::size_t nparams = 4;
  // The support's parameter form can state only x <= n1 (support.hpp takes no min or
  // max of parameters); support() below is the exact range.
  static constexpr SupportSpec support_spec = {{0}, {kInf, 0}, true};
  double n1 = 1, n2 = 1, m1 = 1;  // non-negative integers, m1 <= n1 + n2
  double psi = 1;                 // odds ratio, > 0
};

std::string check(const Hypergeometric& d);
double logpdf(const Hypergeometric& d, double x);
double draw(const Hypergeometric& d, Rng& rng);
double mean(const Hypergeometric& d);
double variance(const Hypergeometric& d);
Support support(const Hypergeometric& d);

}  // namespace alea::dist
