// Gamma distribution (shape, rate).
#include "alea/dist/gamma.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "log_density_terms.hpp"
#include <boost/math/special_functions/gamma.hpp>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Gamma& d) {
  auto why = check_positive_finite("shape parameter shape", d.shape);
  return why.empty() ? check_positive_finite("rate parameter rate", d.rate) : why;
}

namespace {

// A term of the parameters alone: computed once, then kept.
template <class F>
double kept(double& slot, F compute) {
  if (std::isnan(slot)) slot = compute();
  return slot;
}

}  // namespace

double logpdf(const Gamma& d, double x) {
  GammaTerms terms;
  return logpdf(d, x, terms);
}

double logpdf(const Gamma& d, double x, GammaTerms& t) {
  const auto log_rate = [&] { return kept(t.log_rate, [&] { return std::log(d.rate); }); };
  const auto lgamma_shape = [&] { return kept(t.lgamma_shape, [&] { return std::lgamma(d.shape); }); };
  if (std::isnan(x) || x < 0 || std::isinf(x)) return kNegInf;
  if (x == 0) {
    if (d.shape == 1) return log_rate();
    return d.shape < 1 ? kInf : kNegInf;
  }
  const double y = d.rate * x;
  // The deviance form below needs shape / y finite (so for y >= 1); where it is not, the terms of the
  // direct form do not cancel (the log density is hugely negative).
  if (d.shape < 10 || !(y >= kMinNormal && std::isfinite(y) && (y >= 1.0 || std::isfinite(d.shape / y)))) {
    // y under- or overflows (or is subnormal, with bits lost) only for extreme
    // products; then its log is taken apart.
    const double log_y = (y >= kMinNormal && std::isfinite(y)) ? std::log(y) : log_rate() + std::log(x);
    return log_rate() + (d.shape - 1) * log_y - y - lgamma_shape();
  }
  // For large shapes shape * log(y), y and lgamma(shape) are huge and nearly cancel;
  // the deviance form keeps the small difference accurate.
  const double half_log_shape = kept(t.half_log_shape, [&] { return 0.5 * std::log(d.shape); });
  const double stirling = kept(t.stirling, [&] { return detail::stirling_error(d.shape); });
  return -std::log(x) - detail::deviance_term(d.shape, y) + half_log_shape - detail::kHalfLog2Pi - stirling;
}

// n observations, for shapes below 10 (where logpdf takes the direct form too):
// n (shape log rate - lgamma(shape)) + (shape - 1) sum log x - rate sum x, in one
// branch-free pass. When some x or rate x is not a positive normal number (or is NaN),
// every element takes the per-element form instead.
double iid_logpdf(const Gamma& d, const double* x, std::size_t n) {
  double total = 0.0;
  if (d.shape < 10 && n > 0) {
    double sum_log = 0.0, sum_x = 0.0, lo = x[0], hi = x[0];
    for (std::size_t i = 0; i < n; ++i) {
      sum_log += std::log(x[i]);
      sum_x += x[i];
      lo = std::min(lo, x[i]);
      hi = std::max(hi, x[i]);
    }
    const double max = std::numeric_limits<double>::max();
    if (!std::isnan(sum_x) && lo >= kMinNormal && d.rate * lo >= kMinNormal && hi <= max && d.rate * hi <= max)
      return static_cast<double>(n) * (d.shape * std::log(d.rate) - std::lgamma(d.shape)) +
             (d.shape - 1) * sum_log - d.rate * sum_x;
  }
  for (std::size_t i = 0; i < n; ++i) total += logpdf(d, x[i]);
  return total;
}

double draw(const Gamma& d, Rng& rng) { return detail::std_gamma(d.shape, rng) / d.rate; }

void draw_each(const Gamma& d, Rng& rng, double* out, std::size_t n) {
  const detail::GammaVariate standard(d.shape);
  for (std::size_t i = 0; i < n; ++i) out[i] = standard(rng) / d.rate;
}
double mean(const Gamma& d) { return d.shape / d.rate; }
double variance(const Gamma& d) {
  return d.shape / (d.rate * d.rate);
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials gamma_partials(const double* p, double x) {
  Partials t;
  if (x <= 0) return t;
  const double a = p[0], b = p[1];
  t.lp = a * std::log(b) - std::lgamma(a) + (a - 1) * std::log(x) - b * x;
  t.dp[0] = std::log(b) - grad::digamma(a) + std::log(x), t.dp[1] = a / b - x, t.dx = (a - 1) / x - b;
  return t;
}

// Sufficient statistics of observed values with scalar shape a and rate b: {n, S = sum x,
// L = sum log x}: lp = n (a log b - lgamma(a)) + (a - 1) L - b S,
// d/da = n (log b - psi(a)) + L, d/db = n a / b - S (the direct form, as gamma_partials).
bool gamma_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                std::vector<double>& stats) {
  if (p[0].n != 1 || p[1].n != 1) return false;
  double s = 0.0, sum_log = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!(x[i] > 0) || !std::isfinite(x[i])) return false;
    s += x[i];
    sum_log += std::log(x[i]);
  }
  stats = {static_cast<double>(x.n), s, sum_log};
  return std::isfinite(s);
}

double gamma_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                            std::span<double* const> dp) {
  const double n = st[0], s = st[1], sum_log = st[2], a = p[0][0], b = p[1][0];
  if (!(a > 0) || !(b > 0) || !std::isfinite(a) || !std::isfinite(b)) return kNegInf;
  const double log_b = std::log(b);
  if (dp[0]) dp[0][0] += n * (log_b - grad::digamma(a)) + sum_log;
  if (dp[1]) dp[1][0] += n * a / b - s;
  return n * (a * log_b - std::lgamma(a)) + (a - 1) * sum_log - b * s;
}

// The regularized incomplete gamma functions P(shape, rate x) and Q = 1 - P.
double gamma_cdf(const double* p, double x) { return x <= 0 ? 0 : boost::math::gamma_p(p[0], p[1] * x, CdfPolicy()); }
double gamma_ccdf(const double* p, double x) { return x <= 0 ? 1 : boost::math::gamma_q(p[0], p[1] * x, CdfPolicy()); }
double gamma_quantile(const double* p, double u) { return boost::math::gamma_p_inv(p[0], u, CdfPolicy()) / p[1]; }
double gamma_cquantile(const double* p, double q) { return boost::math::gamma_q_inv(p[0], q, CdfPolicy()) / p[1]; }

const DistOps& gamma_ops() {
  static const DistOps ops = [] {
    DistOps r =
        scalar_ops<Gamma>(&gamma_partials, BugsForm{"dgamma", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.cdf = {&gamma_cdf, &gamma_ccdf, &gamma_quantile, &gamma_cquantile};
    r.fold_stats = &gamma_fold;
    r.stats_partials = &gamma_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
