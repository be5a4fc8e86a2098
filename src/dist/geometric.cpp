// Geometric distribution (failures before the first success), drawn by inversion.
#include "alea/dist/geometric.hpp"

#include <cmath>

#include "alea/graph/value.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Geometric& d) {
  if (d.p > 0.0 && d.p <= 1.0) return {};
  return "probability parameter p is " + format_number(d.p) + ", but must be in (0, 1]";
}

double logpdf(const Geometric& d, double x) {
  if (!(x >= 0.0) || x != std::floor(x) || std::isinf(x)) return kNegInf;
  if (x == 0.0) return std::log(d.p);
  // x log(1 - p) through log1p: the direct 1 - p loses the digits of a small p.
  return std::log(d.p) + x * std::log1p(-d.p);
}

double draw(const Geometric& d, Rng& rng) {
  if (d.p == 1.0) return 0.0;
  // P(X >= k) = (1 - p)^k, so floor(E / -log(1 - p)) with E exponential inverts it.
  return std::floor(detail::std_exponential(rng) / -std::log1p(-d.p));
}

double mean(const Geometric& d) { return (1.0 - d.p) / d.p; }
double variance(const Geometric& d) {
  return (1.0 - d.p) / (d.p * d.p);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials geometric_partials(const double* p, double x) {
  Partials t;
  if (!grad::is_integer(x) || x < 0) return t;
  t.lp = std::log(p[0]) + (x > 0 ? x * std::log1p(-p[0]) : 0.0);
  t.dp[0] = 1 / p[0] - x / (1 - p[0]);
  return t;
}

// P(X > k) = (1 - p)^(k + 1).
double geometric_ccdf(const double* p, double k) { return std::exp((k + 1) * std::log1p(-p[0])); }
double geometric_cdf(const double* p, double k) { return -std::expm1((k + 1) * std::log1p(-p[0])); }

const DistOps& geometric_ops() {
  static const DistOps ops = with_cdf(scalar_ops<Geometric>(&geometric_partials), {&geometric_cdf, &geometric_ccdf});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
