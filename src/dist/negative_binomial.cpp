// Negative binomial distribution (failures before the r-th success, real r > 0):
// log mass by Loader's saddle-point terms, draws as a Poisson-gamma mixture.
#include "alea/dist/negative_binomial.hpp"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>

#include "alea/dist/poisson.hpp"
#include "alea/graph/value.hpp"
#include "discrete_detail.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const NegativeBinomial& d) {
  auto why = check_positive_finite("size parameter r", d.r);
  if (why.empty() && !(d.p > 0.0 && d.p <= 1.0))
    why = "probability parameter p is " + format_number(d.p) + ", but must be in (0, 1]";
  return why;
}

double logpdf(const NegativeBinomial& d, double x) {
  if (!(x >= 0.0) || x != std::floor(x) || std::isinf(x)) return kNegInf;
  const double r = d.r, p = d.p, q = 1.0 - d.p;
  if (x == 0.0) return r * std::log(p);
  if (q == 0.0) return kNegInf;
  // f(x) = r / (r + x) * Binomial(r; r + x, p), written out so that x enters exactly
  // rather than as (r + x) - r, which loses x's digits when r is tiny.
  constexpr double kLog2Pi = 1.83787706640934548356;
  const double n = r + x;
  const double lc = detail::stirlerr(n) - detail::stirlerr(r) - detail::stirlerr(x) - detail::bd0(r, n * p) -
                    detail::bd0(x, n * q);
  return std::log(r / n) + lc - 0.5 * (kLog2Pi + std::log(r) + std::log(x / n));
}

double draw(const NegativeBinomial& d, Rng& rng) {
  if (d.p == 1.0) return 0.0;
  // Given lambda ~ gamma(r, scale (1 - p)/p), X ~ Poisson(lambda) is negative binomial.
  return draw(Poisson{detail::std_gamma(d.r, rng) * ((1.0 - d.p) / d.p)}, rng);
}

double mean(const NegativeBinomial& d) { return d.r * (1.0 - d.p) / d.p; }
double variance(const NegativeBinomial& d) {
  return d.r * (1.0 - d.p) / (d.p * d.p);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials negative_binomial_partials(const double* p, double x) {
  Partials t;
  const double r = p[0], q = p[1];
  if (!grad::is_integer(x) || x < 0) return t;
  t.lp = std::lgamma(x + r) - std::lgamma(r) - std::lgamma(x + 1) + r * std::log(q) +
         (x > 0 ? x * std::log1p(-q) : 0.0);
  t.dp[0] = grad::digamma(x + r) - grad::digamma(r) + std::log(q), t.dp[1] = r / q - x / (1 - q);
  return t;
}

// Observed counts x_1..x_n, each parameter scalar or one a count. Stats: {C = -sum
// lgamma(x + 1), n, x_1, ..., x_n, then the distinct counts u with their numbers c_u:
// u_1, c_1, ...}. lp = C + sum [lgamma(x + r) - lgamma(r) + r log q + x log(1 - q)],
// d/dr = sum [psi(x + r) - psi(r) + log q], d/dq = r / q - x / (1 - q). With a scalar
// r (a gamma-Poisson marginal's shape: pumps) the terms in r are summed over the
// distinct counts, c_u lgamma(u + r), and lgamma(r), psi(r) taken once: counts repeat
// (a million counts of 0 to 30 cost 31 lgamma); of the terms in q, r log q is summed as r
// log of the product of the q, x log(1 - q) stays one a count.
bool negative_binomial_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                            std::vector<double>& stats) {
  for (const ArrayView& v : p)
    if (v.n != 1 && v.n != x.n) return false;
  stats.assign({0.0, static_cast<double>(x.n)});
  std::vector<double> sorted;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!grad::is_integer(x[i]) || x[i] < 0) return false;
    stats[0] -= std::lgamma(x[i] + 1.0);
    stats.push_back(x[i]);
    sorted.push_back(x[i]);
  }
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    stats.push_back(sorted[i]);
    stats.push_back(static_cast<double>(j - i));
    i = j;
  }
  return true;
}

// The rising factorial's range (negative_binomial_stats_partials): counts up to
// kRisingCountMax, shapes whose factors r0 + j keep a product under kFoldAbove times
// one factor finite and its log exact.
constexpr double kRisingCountMax = 64, kRisingShapeMin = 1e-8, kRisingShapeMax = 1e100, kFoldAbove = 1e150;
// The product of the probabilities (negative_binomial_stats_partials): factors from
// kProductFactorMin, folded into its log below kProductFoldBelow.
constexpr double kProductFactorMin = 1e-100, kProductFoldBelow = 1e-150;

double negative_binomial_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                                        std::span<double* const> dp) {
  const auto n = static_cast<std::size_t>(st[1]);
  const std::span<const double> xs = st.subspan(2, n), distinct = st.subspan(2 + n);
  const ArrayView r = p[0], q = p[1];
  const bool scalar_r = r.n == 1, scalar_q = q.n == 1;
  double lp = st[0];
  if (scalar_r) {
    const double r0 = r[0];
    if (!(r0 > 0) || !std::isfinite(r0)) return kNegInf;
    double dr = 0;
    // Small counts by the rising factorial r (r + 1) ... (r + u - 1), built up over the
    // ascending distinct counts: lgamma(u + r) - lgamma(r) is the log of the product and
    // psi(u + r) - psi(r) the sum of its reciprocals (pumps' 7 distinct counts up to 22:
    // 7 logs and 22 products and quotients, where lgamma and digamma took 16 calls).
    // The product is folded into its log before it can overflow; large counts, and a
    // shape too small or too large for the product's range, take lgamma and digamma.
    const bool rising = r0 >= kRisingShapeMin && r0 <= kRisingShapeMax;
    double product = 1, log_product = 0, reciprocals = 0, next = 0;  // the product of r0 + j, j < next
    double lgamma_r = 0, digamma_r = 0;
    bool special_r = false;
    for (std::size_t k = 0; k + 1 < distinct.size(); k += 2) {
      const double u = distinct[k], c = distinct[k + 1];
      if (rising && u <= kRisingCountMax) {
        for (; next < u; next += 1) {
          if (product > kFoldAbove) log_product += std::log(product), product = 1;
          product *= r0 + next;
          reciprocals += 1 / (r0 + next);
        }
        lp += c * (log_product + std::log(product));
        dr += c * reciprocals;
        continue;
      }
      if (!special_r) lgamma_r = std::lgamma(r0), digamma_r = dp[0] ? grad::digamma(r0) : 0.0, special_r = true;
      lp += c * (std::lgamma(u + r0) - lgamma_r);
      if (dp[0]) dr += c * (grad::digamma(u + r0) - digamma_r);
    }
    if (dp[0]) dp[0][0] += dr;
  }
  const double log_q0 = scalar_q ? std::log(q[0]) : 0.0, log1m_q0 = scalar_q ? std::log1p(-q[0]) : 0.0;
  // A scalar shape and a probability per count (pumps): sum r log q_i is r log prod q_i,
  // one log for the product rather than one a count. The product is folded into its log
  // before it can underflow (each q_i >= 1e-100 takes it down by at most 100 decades),
  // and a smaller q_i takes its own log.
  const bool product_of_q = scalar_r && !scalar_q;
  double q_product = 1, sum_log_q = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = xs[i], ri = r[scalar_r ? 0 : i], qi = q[scalar_q ? 0 : i];
    if (!(ri > 0) || !std::isfinite(ri) || !(qi > 0 && qi <= 1)) return kNegInf;
    if (x > 0 && qi == 1) return kNegInf;
    if (x > 0) lp += x * (scalar_q ? log1m_q0 : std::log1p(-qi));
    if (dp[1]) dp[1][scalar_q ? 0 : i] += ri / qi - (x > 0 ? x / (1 - qi) : 0.0);
    if (product_of_q) {
      if (qi < kProductFactorMin) {
        sum_log_q += std::log(qi);
      } else {
        if (q_product < kProductFoldBelow) sum_log_q += std::log(q_product), q_product = 1;
        q_product *= qi;
      }
      continue;
    }
    const double log_q = scalar_q ? log_q0 : std::log(qi);
    lp += ri * log_q;
    if (!scalar_r) {
      lp += std::lgamma(x + ri) - std::lgamma(ri);
      if (dp[0]) dp[0][i] += grad::digamma(x + ri) - grad::digamma(ri);
    }
    if (dp[0]) dp[0][scalar_r ? 0 : i] += log_q;
  }
  if (product_of_q) {
    sum_log_q += std::log(q_product);
    lp += r[0] * sum_log_q;
    if (dp[0]) dp[0][0] += sum_log_q;
  }
  return lp;
}

// Failures before the r-th success: P(X <= k) = I_p(r, k + 1); p[0] = r, p[1] = p.
double negative_binomial_cdf(const double* p, double k) { return boost::math::ibeta(p[0], k + 1, p[1], CdfPolicy()); }
double negative_binomial_ccdf(const double* p, double k) { return boost::math::ibetac(p[0], k + 1, p[1], CdfPolicy()); }

const DistOps& negative_binomial_ops() {
  static const DistOps ops = [] {
    DistOps r = with_cdf(scalar_ops<NegativeBinomial>(&negative_binomial_partials,
                                                      BugsForm{"dnegbin", 2, {{{BugsConv::Arg, 1}, {BugsConv::Arg, 0}}}}),
                         {&negative_binomial_cdf, &negative_binomial_ccdf});
    r.fold_stats = &negative_binomial_fold;
    r.stats_partials = &negative_binomial_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
