// Fisher's non-central hypergeometric distribution (JAGS's dhyper): the mass over its
// whole finite support is computed at once and normalized in log space, so that the
// log mass, the draws (by inversion) and the moments agree exactly.
#include "alea/dist/hypergeometric.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/graph/value.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {
namespace {

double log_choose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

// The normalized log masses of lo..hi (support(d)), in order.
std::vector<double> log_masses(const Hypergeometric& d) {
  const Support s = support(d);
  std::vector<double> w;
  const double log_psi = std::log(d.psi);
  double top = kNegInf;
  for (double x = s.lo; x <= s.hi; x += 1) {
    w.push_back(log_choose(d.n1, x) + log_choose(d.n2, d.m1 - x) + x * log_psi);
    top = std::max(top, w.back());
  }
  double total = 0;
  for (double v : w) total += std::exp(v - top);
  const double log_z = top + std::log(total);
  for (double& v : w) v -= log_z;
  return w;
}

}  // namespace

std::string check(const Hypergeometric& d) {
  for (auto [what, v] : {std::pair{"n1", d.n1}, std::pair{"n2", d.n2}, std::pair{"m1", d.m1}})
    if (auto why = check_nonnegative_integer(std::string("parameter ") + what, v); !why.empty()) return why;
  if (d.m1 > d.n1 + d.n2)
    return "parameter m1 is " + format_number(d.m1) + ", but must be at most n1 + n2 = " + format_number(d.n1 + d.n2);
  return check_positive_finite("odds ratio psi", d.psi);
}

Support support(const Hypergeometric& d) { return {std::max(0.0, d.m1 - d.n2), std::min(d.n1, d.m1), true}; }

double logpdf(const Hypergeometric& d, double x) {
  const Support s = support(d);
  if (!(x >= s.lo && x <= s.hi) || x != std::floor(x)) return kNegInf;
  return log_masses(d)[static_cast<std::size_t>(x - s.lo)];
}

double draw(const Hypergeometric& d, Rng& rng) {
  const Support s = support(d);
  const std::vector<double> w = log_masses(d);
  double u = rng.uniform01();
  for (std::size_t k = 0; k < w.size(); ++k) {
    u -= std::exp(w[k]);
    if (u <= 0) return s.lo + static_cast<double>(k);
  }
  return s.hi;  // u left over by rounding
}

double mean(const Hypergeometric& d) {
  const Support s = support(d);
  const std::vector<double> w = log_masses(d);
  double m = 0;
  for (std::size_t k = 0; k < w.size(); ++k) m += std::exp(w[k]) * (s.lo + static_cast<double>(k));
  return m;
}

double variance(const Hypergeometric& d) {
  const Support s = support(d);
  const std::vector<double> w = log_masses(d);
  const double m = mean(d);
  double v = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    const double r = s.lo + static_cast<double>(k) - m;
    v += std::exp(w[k]) * r * r;
  }
  return v;
}

namespace detail {
namespace {

// By psi: d/d psi of x log psi - log Z(psi) is (x - E X) / psi. The counts n1, n2, m1
// are integers (no partials).
Partials hypergeometric_partials(const double* p, double x) {
  Partials t;
  const Hypergeometric d{p[0], p[1], p[2], p[3]};
  if (!check(d).empty()) return t;
  t.lp = logpdf(d, x);
  if (t.lp == kNegInf) return t;
  t.dp[3] = (x - mean(d)) / d.psi;
  return t;
}

Support exact_support(std::span<const Value> p) {
  return support(Hypergeometric{p[0].at_broadcast(0), p[1].at_broadcast(0), p[2].at_broadcast(0), p[3].at_broadcast(0)});
}

}  // namespace

const DistOps& hypergeometric_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<Hypergeometric>(
        &hypergeometric_partials,
        BugsForm{"dhyper", 4, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}, {BugsConv::Arg, 2}, {BugsConv::Arg, 3}}}});
    r.support = &exact_support;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
