// Continuous uniform distribution on [lo, hi].
#include "alea/dist/uniform.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Uniform& d) { return check_less("lower bound lo", d.lo, "upper bound hi", d.hi); }

double logpdf(const Uniform& d, double x) {
  if (std::isnan(x) || x < d.lo || x > d.hi) return kNegInf;
  // hi - lo overflows for bounds near +-DBL_MAX; halving first keeps the width finite.
  return -(std::log(0.5 * d.hi - 0.5 * d.lo) + std::numbers::ln2);
}

// Convex combination rather than lo + u (hi - lo), so that a huge width cannot overflow.
double draw(const Uniform& d, Rng& rng) {
  const double u = rng.uniform01();
  return (1.0 - u) * d.lo + u * d.hi;
}

double mean(const Uniform& d) { return 0.5 * d.lo + 0.5 * d.hi; }
double variance(const Uniform& d) {
  const double half_width = 0.5 * d.hi - 0.5 * d.lo;
  return half_width * half_width / 3.0;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials uniform_partials(const double* p, double x) {
  Partials t;
  if (x < p[0] || x > p[1]) return t;
  const double w = p[1] - p[0];
  t.lp = -std::log(w);
  t.dp[0] = 1 / w, t.dp[1] = -1 / w;
  return t;
}

double uniform_cdf(const double* p, double x) { return std::clamp((x - p[0]) / (p[1] - p[0]), 0.0, 1.0); }
double uniform_ccdf(const double* p, double x) { return std::clamp((p[1] - x) / (p[1] - p[0]), 0.0, 1.0); }
double uniform_quantile(const double* p, double u) { return p[0] + u * (p[1] - p[0]); }
double uniform_cquantile(const double* p, double q) { return p[1] - q * (p[1] - p[0]); }

const DistOps& uniform_ops() {
  static const DistOps ops = with_cdf(scalar_ops<Uniform>(
      &uniform_partials, BugsForm{"dunif", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}}), {&uniform_cdf, &uniform_ccdf, &uniform_quantile, &uniform_cquantile});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
