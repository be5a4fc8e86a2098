// Bernoulli distribution (probability of a 1).
#include "alea/dist/bernoulli.hpp"

#include <cmath>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Bernoulli& d) { return check_probability("probability parameter p", d.p); }

double logpdf(const Bernoulli& d, double x) {
  // log1p keeps the digits of 1 - p when p is tiny; log(p) is exact in p.
  if (x == 1.0) return std::log(d.p);
  if (x == 0.0) return std::log1p(-d.p);
  return kNegInf;
}

double draw(const Bernoulli& d, Rng& rng) { return rng.uniform01() < d.p ? 1.0 : 0.0; }
double mean(const Bernoulli& d) { return d.p; }
double variance(const Bernoulli& d) {
  return d.p * (1.0 - d.p);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials bernoulli_partials(const double* p, double x) {
  Partials t;
  if (x != 0 && x != 1) return t;
  t.lp = x == 1 ? std::log(p[0]) : std::log1p(-p[0]);
  t.dp[0] = x == 1 ? 1 / p[0] : -1 / (1 - p[0]);
  return t;
}

const DistOps& bernoulli_ops() {
  static const DistOps ops =
      scalar_ops<Bernoulli>(&bernoulli_partials, BugsForm{"dbern", 1, {{{BugsConv::Arg, 0}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
