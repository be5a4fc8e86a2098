// Exponential distribution (rate).
#include "alea/dist/exponential.hpp"

#include <cmath>

#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Exponential& d) { return check_positive_finite("rate parameter rate", d.rate); }

double logpdf(const Exponential& d, double x) {
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  return std::log(d.rate) - d.rate * x;
}

double draw(const Exponential& d, Rng& rng) { return detail::std_exponential(rng) / d.rate; }
double mean(const Exponential& d) { return 1.0 / d.rate; }
double variance(const Exponential& d) {
  return 1.0 / (d.rate * d.rate);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials exponential_partials(const double* p, double x) {
  Partials t;
  if (x < 0) return t;
  t.lp = std::log(p[0]) - p[0] * x;
  t.dp[0] = 1 / p[0] - x, t.dx = -p[0];
  return t;
}

// Sufficient statistics of observed values with a scalar rate: {n, S = sum x}:
// lp = n log rate - rate S, d/drate = n / rate - S.
bool exponential_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                      std::vector<double>& stats) {
  if (p[0].n != 1) return false;
  double s = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!(x[i] >= 0) || !std::isfinite(x[i])) return false;
    s += x[i];
  }
  stats = {static_cast<double>(x.n), s};
  return std::isfinite(s);
}

double exponential_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                                  std::span<double* const> dp) {
  const double n = st[0], s = st[1], rate = p[0][0];
  if (!(rate > 0) || !std::isfinite(rate)) return kNegInf;
  if (dp[0]) dp[0][0] += n / rate - s;
  return n * std::log(rate) - rate * s;
}

double exponential_cdf(const double* p, double x) { return x <= 0 ? 0 : -std::expm1(-p[0] * x); }
double exponential_ccdf(const double* p, double x) { return x <= 0 ? 1 : std::exp(-p[0] * x); }
double exponential_quantile(const double* p, double u) { return -std::log1p(-u) / p[0]; }
double exponential_cquantile(const double* p, double q) { return -std::log(q) / p[0]; }

const DistOps& exponential_ops() {
  static const DistOps ops = [] {
    DistOps r =
        with_cdf(scalar_ops<Exponential>(&exponential_partials, BugsForm{"dexp", 1, {{{BugsConv::Arg, 0}}}}),
                 {&exponential_cdf, &exponential_ccdf, &exponential_quantile, &exponential_cquantile});
    r.fold_stats = &exponential_fold;
    r.stats_partials = &exponential_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
