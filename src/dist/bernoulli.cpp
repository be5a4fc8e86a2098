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

// Sufficient statistics of observed values with a scalar p: {S successes, F failures}:
// lp = S log p + F log1p(-p), d/dp = S / p - F / (1 - p). With one p per value (a
// logistic regression's), the values checked once: {x_1, ..., x_n}.
bool bernoulli_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                    std::vector<double>& stats) {
  const bool per_value = p[0].n == x.n && x.n > 1;
  if (p[0].n != 1 && !per_value) return false;
  double s = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (x[i] != 0 && x[i] != 1) return false;
    s += x[i];
  }
  if (per_value)
    stats.assign(x.data, x.data + x.n);
  else
    stats = {s, static_cast<double>(x.n) - s};
  return true;
}

// The layouts of bernoulli_fold: {S, F} for a scalar p (p[0].n == 1), else one value per p.
double bernoulli_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                                std::span<double* const> dp) {
  if (p[0].n != 1) {
    double lp = 0;
    for (std::size_t i = 0; i < st.size(); ++i) {
      const double q = p[0][i];
      if (!(q >= 0 && q <= 1)) return kNegInf;
      if (dp[0]) dp[0][i] += st[i] == 1 ? 1 / q : -1 / (1 - q);
      lp += st[i] == 1 ? std::log(q) : std::log1p(-q);
    }
    return lp;
  }
  const double s = st[0], f = st[1], q = p[0][0];
  if (!(q >= 0 && q <= 1)) return kNegInf;
  if (dp[0]) dp[0][0] += (s > 0 ? s / q : 0.0) - (f > 0 ? f / (1 - q) : 0.0);
  return (s > 0 ? s * std::log(q) : 0.0) + (f > 0 ? f * std::log1p(-q) : 0.0);
}

// bernoulli_stats_partials with p = logistic(eta) (record.hpp's logit_stats_partials).
double bernoulli_logit_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                                      std::span<double* const> dp) {
  double lp = 0;
  if (p[0].n != 1) {
    for (std::size_t i = 0; i < st.size(); ++i)
      lp += grad::logit_counts(st[i], 1 - st[i], p[0][i], dp[0] ? dp[0] + i : nullptr);
  } else {
    lp = grad::logit_counts(st[0], st[1], p[0][0], dp[0]);
  }
  return std::isnan(lp) ? kNegInf : lp;
}

const DistOps& bernoulli_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<Bernoulli>(&bernoulli_partials, BugsForm{"dbern", 1, {{{BugsConv::Arg, 0}}}});
    r.fold_stats = &bernoulli_fold;
    r.stats_partials = &bernoulli_stats_partials;
    r.logit_param = 0;
    r.logit_stats_partials = &bernoulli_logit_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
