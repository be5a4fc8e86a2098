// normal_mean_joint(c, d, m, s, sigma): the joint marginal of y[i] ~ normal(c[i] + d[i] mu,
// sigma[i]) that share one mean mu ~ normal(m, s), mu integrated out. y is multivariate
// normal with mean c + d m and covariance diag(sigma^2) + s^2 d d' (its log determinant
// and quadratic form in one pass: rank_one_gaussian in joint_detail.hpp).
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::NormalMeanJoint;

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &rank_one_why_scalars, &rank_one_why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!rank_one_why_scalars(p).empty()) return kNegInf;
  const RankOneGaussian q = rank_one_gaussian(p, y);
  if (!q.valid) return kNegInf;
  const double n = static_cast<double>(y.size());
  return -0.5 * (n * std::log(2.0 * std::numbers::pi) + q.log_det + q.quad);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double mu = dist::draw(DistKind::Normal, std::vector<Value>{p[2], p[3]}, Shape{}, rng).scalar();
  std::vector<double> mean(static_cast<std::size_t>(shape.size()));
  for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = p[0].at_broadcast(i) + p[1].at_broadcast(i) * mu;
  return dist::draw(DistKind::Normal, std::vector<Value>{Value(shape, mean, ScalarType::Real), p[4]}, shape,
                    rng);
}

double mean_at(std::span<const Value> p, std::size_t i) {
  return p[0].at_broadcast(i) + p[1].at_broadcast(i) * p[2].scalar();
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double d = p[1].at_broadcast(i), s = p[3].scalar(), sigma = p[4].at_broadcast(i);
  return sigma * sigma + d * d * s * s;
}

}  // namespace

const DistOps& normal_mean_joint_ops() {
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; });
  return ops;
}

}  // namespace alea::dist::detail
