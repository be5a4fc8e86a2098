// Internal: the Gaussian part shared by normal_mean_joint and normal_gamma_joint, whose
// first five parameters are (c, d, m, s, sigma): y ~ normal(c + d mu, sigma) with
// mu ~ normal(m, s) integrated out has covariance Sigma = diag(v) + s^2 d d', v = sigma^2.
// Its log determinant and quadratic form Q = r' Sigma^-1 r (r = y - c - d m), their
// partials, and the same from sufficient statistics of observed y.
#pragma once
#include <span>
#include <vector>

#include "alea/dist/record.hpp"

namespace alea::dist::detail {

// With W = sum(d^2 / v), k = 1 + s^2 W and mu* = m + s^2 sum(d r / v) / k (the mean of mu
// given y), by the matrix determinant lemma and Sherman-Morrison:
//   log det Sigma = sum log v + log1p(s^2 W),
//   Q = sum((y - c - d mu*)^2 / v) + (mu* - m)^2 / s^2,
// a sum of non-negative terms (the minimum over mu of the joint's exponent), so that Q
// keeps its digits when the data lie far from m (the expanded form
// sum(r^2 / v) - s^2 (sum(d r / v))^2 / k cancels). `valid` is false when m, s or an
// observation's c, d, sigma or y is outside its domain.
struct RankOneTerms {
  double log_det = 0.0, quad = 0.0;
  double k = 1.0, w = 0.0, mu_post = 0.0, ed = 0.0;  // ed = d' Sigma^-1 r = (mu* - m) / s^2
  bool valid = true;
};
RankOneTerms rank_one_terms(std::span<const ArrayView> p, ArrayView y);

// Adds w_det d(log det)/dtheta + w_quad dQ/dtheta to the partials by c, d, m, s, sigma
// (dp[0..4]) and y (dy): a density -log det / 2 - h(Q) has w_det = -1/2, w_quad = -h'(Q).
// With e = Sigma^-1 r, e_i = (y_i - c_i - d_i mu*) / v_i:
//   dQ/dy = 2 e = -dQ/dc,  dQ/dd_i = -2 e_i mu*,  dQ/dm = -2 d'e,  dQ/ds = -2 s (d'e)^2,
//   dQ/dsigma_i = -2 sigma_i e_i^2,
//   d(log det)/dd_i = 2 s^2 d_i / (v_i k),  d(log det)/ds = 2 s W / k,
//   d(log det)/dsigma_i = 2 sigma_i (1 / v_i - s^2 d_i^2 / (v_i^2 k)).
void rank_one_partials(const RankOneTerms& t, std::span<const ArrayView> p, ArrayView y, double w_det,
                       double w_quad, std::span<double* const> dp, double* dy);

// Sufficient statistics of observed y when c and d never change and sigma is a scalar
// (which may change) or never changes. With u_i = 1 (scalar sigma) or 1 / sigma_i^2,
// z = y - c: W = sum(u d^2), mhat = sum(u d z) / W (0 when W = 0), R = sum(u (z - d mhat)^2)
// (two passes: no cancellation), so that with g = 1 / sigma^2 (or 1) and D = mhat - m,
//   Q = g R + g W D^2 / k,  k = 1 + s^2 g W,
// again a sum of non-negative terms. False when the data or a fixed parameter is invalid,
// and when c, d or a vector sigma may change: each then enters every observation's term
// (sum(d r / v) has no statistic that does not depend on them), so the per-element path.
bool rank_one_fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
                   std::vector<double>& stats);

// log det, Q and their partials by m, s and (scalar) sigma from the statistics.
struct RankOneStatTerms {
  double log_det = 0.0, quad = 0.0;
  double dq_dm = 0.0, ddet_ds = 0.0, dq_ds = 0.0, ddet_dsigma = 0.0, dq_dsigma = 0.0;
  double n = 0.0;
  bool valid = true;
};
RankOneStatTerms rank_one_from_stats(std::span<const double> stats, std::span<const ArrayView> p);
// Adds w_det d(log det) + w_quad dQ by m, s, sigma into dp[2..4].
void rank_one_stat_partials(const RankOneStatTerms& t, double w_det, double w_quad,
                            std::span<double* const> dp);

}  // namespace alea::dist::detail
