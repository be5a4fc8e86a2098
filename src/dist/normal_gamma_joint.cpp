// normal_gamma_joint(c, d, m, s, sigma, a, b): the joint marginal of observations that
// share a mean and a precision with the conjugate normal-gamma prior,
//   tau ~ gamma(a, b) (shape, rate),  mu | tau ~ normal(m, s / sqrt(tau)),
//   y[i] | mu, tau ~ normal(c[i] + d[i] mu, sigma[i] / sqrt(tau)),
// mu and tau integrated out (also the marginal for a variance v ~ inv_gamma(a, b) with
// sds s sqrt(v) and sigma sqrt(v), since 1/v ~ gamma(a, b)). Given tau, y is normal with
// covariance Sigma0 / tau, Sigma0 = diag(sigma^2) + s^2 d d'; over tau it is a
// multivariate Student t with 2a degrees of freedom, location c + d m and scale
// (b / a) Sigma0:
//   log p(y) = -N/2 log(2 pi) - 1/2 log det Sigma0 + a log b - lgamma(a)
//              + lgamma(a + N/2) - (a + N/2) log(b + Q/2),   Q = r' Sigma0^-1 r,
// with log det Sigma0 and Q from the matrix determinant lemma and Sherman-Morrison
// (rank_one_gaussian.hpp). a log b - (a + N/2) log(b + Q/2) is taken as
// -a log1p(Q / 2b) - N/2 log(b + Q/2). The partials: those of log det and Q weighted by
// -1/2 and -(a + N/2) / (2b + Q), and
//   d/da = psi(a + N/2) - psi(a) - log1p(Q / 2b),  d/db = a / b - (a + N/2) / (b + Q/2).
// Observed y with c and d fixed and a scalar sigma is evaluated from sufficient
// statistics in O(1).
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"
#include "rank_one_gaussian.hpp"

namespace alea::dist::detail {
namespace normal_gamma_joint_local {
namespace {

constexpr DistKind kKind = DistKind::NormalGammaJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = rank_one_why_scalars(p);
  if (w.empty()) w = check_positive_finite("shape parameter a", p[5].scalar());
  if (w.empty()) w = check_positive_finite("rate parameter b", p[6].scalar());
  return w;
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &rank_one_why_at);
}

bool scalars_valid(double a, double b) {
  return a > 0 && std::isfinite(a) && b > 0 && std::isfinite(b);
}

// The terms of the Student t given log det Sigma0 and Q, with the partials by a and b;
// returns the weight of dQ.
double student_terms(double half_n, double log_det, double q, double a, double b, std::span<double* const> dp,
                     double& lp) {
  const double log1p_q = std::log1p(0.5 * q / b), shape = a + half_n, rate = b + 0.5 * q;
  lp = -half_n * 2 * kHalfLog2Pi - 0.5 * log_det - std::lgamma(a) + std::lgamma(shape) - a * log1p_q -
       half_n * std::log(rate);
  if (dp[5]) dp[5][0] += grad::digamma(shape) - grad::digamma(a) - log1p_q;
  if (dp[6]) dp[6][0] += a / b - shape / rate;
  return -0.5 * shape / rate;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double* dy) {
  const double a = p[5][0], b = p[6][0];
  if (!scalars_valid(a, b)) return kNegInf;
  const RankOneTerms t = rank_one_terms(p, y);
  if (!t.valid) return kNegInf;
  double lp = 0.0;
  const double w_quad = student_terms(0.5 * static_cast<double>(y.n), t.log_det, t.quad, a, b, dp, lp);
  rank_one_partials(t, p, y, -0.5, w_quad, dp, dy);
  return lp;
}

double stats_partials(std::span<const double> stats, std::span<const ArrayView> p,
                      std::span<double* const> dp) {
  const double a = p[5][0], b = p[6][0];
  if (!scalars_valid(a, b)) return kNegInf;
  const RankOneStatTerms t = rank_one_from_stats(stats, p);
  if (!t.valid) return kNegInf;
  double lp = 0.0;
  const double w_quad = student_terms(0.5 * t.n, t.log_det, t.quad, a, b, dp, lp);
  rank_one_stat_partials(t, -0.5, w_quad, dp);
  return lp;
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<ArrayView> v = views(p);
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(v, view(y), none, nullptr);
}

// tau, then mu and y given tau: normal_mean_joint with both sds divided by sqrt(tau).
Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double tau = dist::draw(DistKind::Gamma, std::vector<Value>{p[5], p[6]}, Shape{}, rng).scalar();
  const double unit = 1.0 / std::sqrt(tau);
  Value sigma = p[4];
  for (double& x : sigma.data()) x *= unit;
  return dist::draw(DistKind::NormalMeanJoint,
                    std::vector<Value>{p[0], p[1], p[2], Value(p[3].scalar() * unit), sigma}, shape, rng);
}

// Each y[i] is student_t(2a, c + d m, sqrt((b / a) (sigma^2 + d^2 s^2))): the mean exists
// for a > 1/2, the variance b / (a - 1) (sigma^2 + d^2 s^2) for a > 1.
double mean_at(std::span<const Value> p, std::size_t i) {
  return p[5].scalar() > 0.5 ? p[0].at_broadcast(i) + p[1].at_broadcast(i) * p[2].scalar() : std::nan("");
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double d = p[1].at_broadcast(i), s = p[3].scalar(), sigma = p[4].at_broadcast(i);
  const double a = p[5].scalar(), b = p[6].scalar();
  return a > 1.0 ? b / (a - 1.0) * (sigma * sigma + d * d * s * s) : kInf;
}

}  // namespace
}  // namespace normal_gamma_joint_local

const DistOps& normal_gamma_joint_ops() {
  using namespace ::alea::dist::detail::normal_gamma_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; }, &logpdf_partials,
      &rank_one_fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
