// Binomial distribution: log mass by Loader's saddle-point form, draws by inversion
// (n min(p, 1 - p) < 10) and Hormann's BTRS rejection otherwise.
#include "alea/dist/binomial.hpp"

#include <boost/math/special_functions/beta.hpp>
#include <cmath>

#include "discrete_detail.hpp"
#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

namespace detail {

// Inversion by the recurrence f(k) = f(k - 1) (n - k + 1)/k * p/q from f(0) = q^n,
// for p <= 1/2 and n p below the crossover, where f(0) >= e^-(n p / q) keeps the search
// short and safe from underflow.
double binomial_draw_inversion(double n, double p, Rng& rng) {
  const double q = 1.0 - p;
  const double s = p / q;
  const double a = (n + 1.0) * s;
  const double f0 = std::exp(n * std::log1p(-p));
  for (;;) {
    double u = rng.uniform01();
    double f = f0;
    double k = 0.0;
    while (u > f) {
      u -= f;
      k += 1.0;
      if (k > n) break;  // rounding left u above the total mass: draw u again
      f *= a / k - s;
    }
    if (k <= n) return k;
  }
}

// W. Hormann (1993), "The generation of binomial random variables", J. Statist. Comput.
// Simul. 46: transformed rejection with a box of immediate acceptance, for p <= 1/2
// and n p >= 10. The final test compares v with the pmf ratio f(k)/f(m) at the mode m,
// by a product of at most 15 recurrence factors near the mode and otherwise by
// Stirling's formula with the correction fc(x) = stirlerr(x + 1) tabulated or summed
// (no lgamma, no saddle-point series: those made the test cost more than the rest).
double binomial_draw_btrs(double n, double p, Rng& rng) {
  const double q = 1.0 - p;
  const double spq = std::sqrt(n * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double v_r = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double m = std::floor((n + 1.0) * p);
  const double r = p / q;
  const double nr = (n + 1.0) * r;
  // Constants of the Stirling branch, computed on its first use only.
  bool have_log_terms = false;
  double c_m = 0.0, fc_m = 0.0;
  for (;;) {
    const double u = rng.uniform01() - 0.5;
    double v = rng.uniform01();
    const double us = 0.5 - std::abs(u);
    const double k = std::floor((2.0 * a / us + b) * u + c);
    if (k < 0.0 || k > n) continue;
    if (us >= 0.07 && v <= v_r) return k;
    v *= alpha / (a / (us * us) + b);
    const double d = k - m;
    if (std::abs(d) <= 15.0) {
      // f(i) / f(i - 1) = (n - i + 1) / i * p / q = nr / i - r.
      double f = 1.0;
      if (d > 0.0) {
        for (double i = m + 1.0; i <= k; i += 1.0) f *= nr / i - r;
      } else {
        for (double i = k + 1.0; i <= m; i += 1.0) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    if (!have_log_terms) {
      // log((n - m + 1) p / ((m + 1) q)), near 0 as m is the mode: formed as log1p of
      // ((n + 2) p - m - 1) / ((m + 1) q) to keep its digits.
      c_m = std::log1p(((n + 2.0) * p - m - 1.0) / ((m + 1.0) * q));
      fc_m = stirlerr_int(m + 1.0) + stirlerr_int(n - m + 1.0);
      have_log_terms = true;
    }
    // With log x! = (x + 1/2) log(x + 1) - (x + 1) + log sqrt(2 pi) + fc(x), regrouped so
    // that no term is of order k (which would leave rounding errors of k ulp):
    // log f(k)/f(m) = (n + 1) log(1 + d/(n - k + 1)) + (k + 1/2) [log(1 - d/(n - m + 1))
    //                 - log(1 + d/(m + 1))] + d c_m + fc(m) + fc(n - m) - fc(k) - fc(n - k).
    const double log_ratio = (n + 1.0) * std::log1p(d / (n - k + 1.0)) +
                             (k + 0.5) * (std::log1p(-d / (n - m + 1.0)) - std::log1p(d / (m + 1.0))) + d * c_m +
                             fc_m - stirlerr_int(k + 1.0) - stirlerr_int(n - k + 1.0);
    if (std::log(v) <= log_ratio) return k;
  }
}

}  // namespace detail

namespace {
// Switch in n min(p, 1 - p) measured by tests/bench/bench_discrete_draws (sweep, median of
// 3 runs): at n p = 10 the two tie (84 vs 80 ns at p = 0.3, 80 vs 84 at p = 0.02), and
// from 12 up BTRS wins (86 vs 75, 85 vs 79). BTRS is not valid below 10, so 10 it is.
constexpr double kBtrsFrom = 10.0;
}  // namespace

std::string check(const Binomial& d) {
  auto why = check_nonnegative_integer("number of trials n", d.n);
  return why.empty() ? check_probability("probability parameter p", d.p) : why;
}

double logpdf(const Binomial& d, double x) {
  if (!(x >= 0.0 && x <= d.n) || x != std::floor(x)) return kNegInf;
  return detail::binomial_log_pmf_raw(x, d.n, d.p, 1.0 - d.p);
}

double draw(const Binomial& d, Rng& rng) {
  if (d.n == 0.0 || d.p == 0.0) return 0.0;
  if (d.p == 1.0) return d.n;
  // By symmetry draw with the smaller of p and 1 - p (1 - p is exact for p >= 1/2).
  const bool flip = d.p > 0.5;
  const double p = flip ? 1.0 - d.p : d.p;
  const double k = d.n * p < kBtrsFrom ? detail::binomial_draw_inversion(d.n, p, rng)
                                       : detail::binomial_draw_btrs(d.n, p, rng);
  return flip ? d.n - k : k;
}

double mean(const Binomial& d) { return d.n * d.p; }
double variance(const Binomial& d) {
  return d.n * d.p * (1.0 - d.p);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials binomial_partials(const double* p, double x) {
  Partials t;
  const double n = p[0], q = p[1];
  if (!grad::is_integer(x) || x < 0 || x > n) return t;
  const double lc = std::lgamma(n + 1) - std::lgamma(x + 1) - std::lgamma(n - x + 1);
  t.lp = lc + (x > 0 ? x * std::log(q) : 0.0) + (n - x > 0 ? (n - x) * std::log1p(-q) : 0.0);
  t.dp[1] = x / q - (n - x) / (1 - q);
  return t;
}

// Sufficient statistics of observed counts with fixed trials n and a scalar p: {S, F,
// sum log C(n, x)}: lp = sum log C(n, x) + S log p + F log1p(-p), d/dp = S / p - F / (1 - p).
// With one p per count (a logistic regression's), no statistic summarizes the counts,
// but the constant sum log C(n, x) is folded once: {sum log C(n, x), x_1.., n_1 - x_1..}
// (3 lgamma calls per count saved at every evaluation).
bool binomial_fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView x,
                   std::vector<double>& stats) {
  const bool per_count = p[1].n == x.n && x.n > 1;
  if (!fixed[0] || (p[0].n != 1 && p[0].n != x.n) || (p[1].n != 1 && !per_count)) return false;
  double s = 0.0, f = 0.0, choose = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) {
    const double n = p[0][i];
    if (!(n >= 0) || !grad::is_integer(n) || !grad::is_integer(x[i]) || x[i] < 0 || x[i] > n) return false;
    s += x[i];
    f += n - x[i];
    choose += std::lgamma(n + 1) - std::lgamma(x[i] + 1) - std::lgamma(n - x[i] + 1);
  }
  if (!per_count) {
    stats = {s, f, choose};
    return true;
  }
  stats.assign(1 + 2 * x.n, choose);
  for (std::size_t i = 0; i < x.n; ++i) stats[1 + i] = x[i], stats[1 + x.n + i] = p[0][i] - x[i];
  return true;
}

double binomial_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                               std::span<double* const> dp) {
  if (st.size() != 3) {  // one p per count: the constant folded, the rest per count
    const std::size_t n = (st.size() - 1) / 2;
    double lp = st[0];
    for (std::size_t i = 0; i < n; ++i) {
      const double s = st[1 + i], f = st[1 + n + i], q = p[1][i];
      if (!(q >= 0 && q <= 1)) return kNegInf;
      if (dp[1]) dp[1][i] += (s > 0 ? s / q : 0.0) - (f > 0 ? f / (1 - q) : 0.0);
      lp += (s > 0 ? s * std::log(q) : 0.0) + (f > 0 ? f * std::log1p(-q) : 0.0);
    }
    return lp;
  }
  const double s = st[0], f = st[1], q = p[1][0];
  if (!(q >= 0 && q <= 1)) return kNegInf;
  if (dp[1]) dp[1][0] += (s > 0 ? s / q : 0.0) - (f > 0 ? f / (1 - q) : 0.0);
  return st[2] + (s > 0 ? s * std::log(q) : 0.0) + (f > 0 ? f * std::log1p(-q) : 0.0);
}

// binomial_stats_partials with p = logistic(eta) (record.hpp's logit_stats_partials).
double binomial_logit_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                                     std::span<double* const> dp) {
  if (st.size() != 3) {
    const std::size_t n = (st.size() - 1) / 2;
    double lp = st[0];
    for (std::size_t i = 0; i < n; ++i)
      lp += grad::logit_counts(st[1 + i], st[1 + n + i], p[1][i], dp[1] ? dp[1] + i : nullptr);
    return std::isnan(lp) ? kNegInf : lp;
  }
  const double lp = st[2] + grad::logit_counts(st[0], st[1], p[1][0], dp[1]);
  return std::isnan(lp) ? kNegInf : lp;
}

// P(X <= k) = I_{1-p}(n - k, k + 1), the regularized incomplete beta function, for an
// integer 0 <= k < n (the truncation template answers outside); p[0] = n, p[1] = p.
double binomial_cdf(const double* p, double k) {
  if (k >= p[0]) return 1;
  return boost::math::ibetac(k + 1, p[0] - k, p[1], CdfPolicy());
}
double binomial_ccdf(const double* p, double k) {
  if (k >= p[0]) return 0;
  return boost::math::ibeta(k + 1, p[0] - k, p[1], CdfPolicy());
}

const DistOps& binomial_ops() {
  static const DistOps ops = [] {
    DistOps r =
        with_cdf(scalar_ops<Binomial>(&binomial_partials,
                                      BugsForm{"dbin", 2, {{{BugsConv::Arg, 1}, {BugsConv::Arg, 0}}}}),
                 {&binomial_cdf, &binomial_ccdf});
    r.fold_stats = &binomial_fold;
    r.stats_partials = &binomial_stats_partials;
    r.logit_param = 1;
    r.logit_stats_partials = &binomial_logit_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
