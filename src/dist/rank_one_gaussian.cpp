// The Gaussian part of normal_mean_joint and normal_gamma_joint (rank_one_gaussian.hpp):
// log determinant, quadratic form and partials, per element or from sufficient statistics.
#include "rank_one_gaussian.hpp"

#include <cmath>

#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

bool finite(double x) {
  return std::isfinite(x);
}
bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}

}  // namespace

RankOneTerms rank_one_terms(std::span<const ArrayView> p, ArrayView y) {
  RankOneTerms t;
  const ArrayView c = p[0], d = p[1], sigma = p[4];
  const double m = p[2][0], s = p[3][0], s2 = s * s;
  if (!finite(m) || !positive_finite(s)) return {.valid = false};
  double log_v = 0.0, a = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double di = d[i], sg = sigma[i], ci = c[i];
    if (!finite(y[i]) || !finite(ci) || !finite(di) || !positive_finite(sg)) return {.valid = false};
    const double v = sg * sg, r = y[i] - ci - di * m;
    if (sigma.n != 1) log_v += 2.0 * std::log(sg);
    t.w += di * di / v;
    a += di * r / v;
  }
  if (sigma.n == 1) log_v = 2.0 * static_cast<double>(y.n) * std::log(sigma[0]);
  t.k = 1.0 + s2 * t.w;
  // A prior scale so wide that s^2 W overflows: the marginal's density is 0 to double
  // precision (log k is +inf), and mu* would be NaN.
  if (!std::isfinite(t.k)) return {.valid = false};
  t.ed = a / t.k;
  t.mu_post = m + s2 * t.ed;
  double q = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double sg = sigma[i], e = y[i] - c[i] - d[i] * t.mu_post;
    q += e * e / (sg * sg);
  }
  t.log_det = log_v + std::log1p(s2 * t.w);
  t.quad = q + s2 * t.ed * t.ed;
  return t;
}

void rank_one_partials(const RankOneTerms& t, std::span<const ArrayView> p, ArrayView y, double w_det,
                       double w_quad, std::span<double* const> dp, double* dy) {
  const ArrayView c = p[0], d = p[1], sigma = p[4];
  const double s = p[3][0], s2 = s * s;
  PartialSlot dc{dp[0], c.n == 1}, dd{dp[1], d.n == 1}, dsigma{dp[4], sigma.n == 1};
  for (std::size_t i = 0; i < y.n; ++i) {
    const double di = d[i], sg = sigma[i], v = sg * sg;
    const double e = (y[i] - c[i] - di * t.mu_post) / v;
    if (dy) dy[i] += 2 * w_quad * e;
    dc.add(i, -2 * w_quad * e);
    dd.add(i, w_det * 2 * s2 * di / (v * t.k) - w_quad * 2 * e * t.mu_post);
    dsigma.add(i, 2 * sg * (w_det * (1 / v - s2 * di * di / (v * v * t.k)) - w_quad * e * e));
  }
  dc.flush(), dd.flush(), dsigma.flush();
  if (dp[2]) dp[2][0] += -2 * w_quad * t.ed;
  if (dp[3]) dp[3][0] += w_det * 2 * s * t.w / t.k - w_quad * 2 * s * t.ed * t.ed;
}

// stats: {n, W, mhat, R, sum log v (sigma a vector), 1 if sigma is a vector}
bool rank_one_fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
                   std::vector<double>& stats) {
  const ArrayView c = p[0], d = p[1], sigma = p[4];
  if (!fixed[0] || !fixed[1] || (!fixed[4] && sigma.n != 1)) return false;
  for (std::size_t j : {0u, 1u, 4u})
    if (p[j].n != 1 && p[j].n != y.n) return false;
  const bool sigma_vector = sigma.n != 1;
  double w = 0.0, b = 0.0, log_v = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double di = d[i];
    if (!finite(y[i]) || !finite(c[i]) || !finite(di)) return false;
    double u = 1.0;
    if (sigma_vector) {
      if (!positive_finite(sigma[i])) return false;
      u = 1.0 / (sigma[i] * sigma[i]);
      log_v += 2.0 * std::log(sigma[i]);
    }
    w += u * di * di;
    b += u * di * (y[i] - c[i]);
  }
  const double mhat = w > 0 ? b / w : 0.0;
  double r = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double u = sigma_vector ? 1.0 / (sigma[i] * sigma[i]) : 1.0, z = y[i] - c[i] - d[i] * mhat;
    r += u * z * z;
  }
  if (!finite(w) || !finite(r)) return false;
  stats = {static_cast<double>(y.n), w, mhat, r, log_v, sigma_vector ? 1.0 : 0.0};
  return true;
}

RankOneStatTerms rank_one_from_stats(std::span<const double> st, std::span<const ArrayView> p) {
  RankOneStatTerms t;
  const double n = st[0], w = st[1], mhat = st[2], r = st[3];
  const bool sigma_vector = st[5] != 0.0;
  const double m = p[2][0], s = p[3][0], s2 = s * s;
  const double sigma = sigma_vector ? 1.0 : p[4][0];
  if (!finite(m) || !positive_finite(s) || !positive_finite(sigma)) return {.valid = false};
  const double g = 1.0 / (sigma * sigma), gw = g * w, k = 1.0 + s2 * gw, dev = mhat - m;
  if (!std::isfinite(k) || !std::isfinite(gw)) return {.valid = false};  // as in rank_one_terms
  t.n = n;
  t.log_det = (sigma_vector ? st[4] : 2.0 * n * std::log(sigma)) + std::log1p(s2 * gw);
  t.quad = g * r + gw * dev * dev / k;
  t.dq_dm = -2.0 * gw * dev / k;
  t.ddet_ds = 2.0 * s * gw / k;
  t.dq_ds = -2.0 * s * (gw * dev / k) * (gw * dev / k);
  if (!sigma_vector) {
    const double inv3 = g / sigma;
    t.ddet_dsigma = 2.0 * n / sigma - 2.0 * s2 * w / k * inv3;
    t.dq_dsigma = -2.0 * (r + w * dev * dev / (k * k)) * inv3;
  }
  return t;
}

void rank_one_stat_partials(const RankOneStatTerms& t, double w_det, double w_quad,
                            std::span<double* const> dp) {
  if (dp[2]) dp[2][0] += w_quad * t.dq_dm;
  if (dp[3]) dp[3][0] += w_det * t.ddet_ds + w_quad * t.dq_ds;
  if (dp[4]) dp[4][0] += w_det * t.ddet_dsigma + w_quad * t.dq_dsigma;
}

}  // namespace alea::dist::detail
