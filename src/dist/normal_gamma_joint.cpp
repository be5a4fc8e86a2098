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
// (rank_one_gaussian in joint_detail.hpp), one pass over the observations.
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
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

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  const RankOneGaussian g = rank_one_gaussian(p, y);
  if (!g.valid) return kNegInf;
  const double a = p[5].scalar(), b = p[6].scalar(), half_n = 0.5 * static_cast<double>(y.size());
  return -half_n * std::log(2.0 * std::numbers::pi) - 0.5 * g.log_det + a * std::log(b) - std::lgamma(a) +
         std::lgamma(a + half_n) - (a + half_n) * std::log(b + 0.5 * g.quad);
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

const DistOps& normal_gamma_joint_ops() {
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; });
  return ops;
}

}  // namespace alea::dist::detail
