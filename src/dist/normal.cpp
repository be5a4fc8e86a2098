// Normal distribution (mean, standard deviation).
#include "alea/dist/normal.hpp"

#include <cmath>

#include <boost/math/special_functions/erf.hpp>
#include <numbers>

#include "cdf_detail.hpp"
#include "partials_detail.hpp"
#include "scalar_adapter.hpp"

namespace alea::dist {

std::string check(const Normal& d) {
  auto why = check_finite("location parameter mu", d.mu);
  return why.empty() ? check_positive_finite("scale parameter sigma", d.sigma) : why;
}

double logpdf(const Normal& d, double x) {
  NormalTerms terms;
  return logpdf(d, x, terms);
}

double logpdf(const Normal& d, double x, NormalTerms& t) {
  if (std::isnan(x)) return kNegInf;
  if (std::isnan(t.log_sigma)) t.log_sigma = std::log(d.sigma);
  const double z = (x - d.mu) / d.sigma;
  return -0.5 * z * z - t.log_sigma - detail::kHalfLog2Pi;
}

// n observations: -sum (x - mu)^2 / (2 sigma^2) - n (log sigma + log(2 pi) / 2). A NaN
// or infinite x makes the sum NaN or +inf, and the result -inf, as per element.
double iid_logpdf(const Normal& d, const double* x, std::size_t n) {
  double ss = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = x[i] - d.mu;
    ss += r * r;
  }
  if (std::isnan(ss)) return kNegInf;
  return -0.5 * ss / (d.sigma * d.sigma) - static_cast<double>(n) * (std::log(d.sigma) + detail::kHalfLog2Pi);
}

double draw(const Normal& d, Rng& rng) { return d.mu + d.sigma * rng.std_normal(); }
double mean(const Normal& d) { return d.mu; }
double variance(const Normal& d) {
  return d.sigma * d.sigma;
}

namespace detail {
// The log density with its partials by parameter and by value (p: the parameters in
// order), for reverse-mode gradients; checked against finite differences in
// tests/infer/test_dist_gradient.cpp.
Partials normal_partials(const double* p, double x) {
  Partials t;
  const double s = p[1], z = (x - p[0]) / s;
  t.lp = -0.5 * z * z - std::log(s) - detail::kHalfLog2Pi;
  t.dp[0] = z / s, t.dp[1] = (z * z - 1) / s, t.dx = -z / s;
  return t;
}

// Sufficient statistics of n >= 2 observed values with scalar mu and sigma: {n, mean,
// M2 = sum (x - mean)^2} by two passes (no cancellation), so that with
// q = M2 + n (mean - mu)^2 = sum (x - mu)^2:
//   lp = -n (log sigma + log(2 pi) / 2) - q / (2 sigma^2),
//   d/dmu = n (mean - mu) / sigma^2,  d/dsigma = -n / sigma + q / sigma^3.
bool normal_fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView x,
                 std::vector<double>& stats) {
  if (p[0].n != 1 || p[1].n != 1 || x.n == 0) return false;
  double sum = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) sum += x[i];
  const double n = static_cast<double>(x.n), mean = sum / n;
  double m2 = 0.0;
  for (std::size_t i = 0; i < x.n; ++i) m2 += (x[i] - mean) * (x[i] - mean);
  if (!std::isfinite(m2) || !std::isfinite(mean)) return false;
  stats = {n, mean, m2};
  return true;
}

double normal_stats_partials(std::span<const double> st, std::span<const ArrayView> p,
                             std::span<double* const> dp) {
  const double n = st[0], dev = st[1] - p[0][0], sigma = p[1][0];
  if (!(sigma > 0) || !std::isfinite(sigma) || !std::isfinite(dev)) return kNegInf;
  const double inv_var = 1.0 / (sigma * sigma), q = st[2] + n * dev * dev;
  if (dp[0]) dp[0][0] += n * dev * inv_var;
  if (dp[1]) dp[1][0] += (q * inv_var - n) / sigma;
  return -n * (std::log(sigma) + detail::kHalfLog2Pi) - 0.5 * q * inv_var;
}

// The distribution function through erfc, which keeps its digits in both tails.
double normal_cdf(const double* p, double x) { return 0.5 * std::erfc(-(x - p[0]) / (p[1] * std::numbers::sqrt2)); }
double normal_ccdf(const double* p, double x) { return 0.5 * std::erfc((x - p[0]) / (p[1] * std::numbers::sqrt2)); }
double normal_quantile(const double* p, double u) {
  return p[0] - p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * u, CdfPolicy());
}
double normal_cquantile(const double* p, double q) {
  return p[0] + p[1] * std::numbers::sqrt2 * boost::math::erfc_inv(2 * q, CdfPolicy());
}

const DistOps& normal_ops() {
  static const DistOps ops = [] {
    DistOps r = scalar_ops<Normal>(
        &normal_partials,
        BugsForm{"dnorm", 2, {{{BugsConv::Arg, 0}, {BugsConv::PrecisionToSd, 1}}}, {{{1, "precision tau"}}}});
    r.cdf = {&normal_cdf, &normal_ccdf, &normal_quantile, &normal_cquantile};
    r.fold_stats = &normal_fold;
    r.stats_partials = &normal_stats_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
