// normal_mean_joint(c, d, m, s, sigma): the joint marginal of y[i] ~ normal(c[i] + d[i] mu,
// sigma[i]) that share one mean mu ~ normal(m, s), mu integrated out. y is multivariate
// normal with mean c + d m and covariance diag(sigma^2) + s^2 d d' (its log determinant
// and quadratic form: rank_one_gaussian.hpp):
//   log p(y) = -(N log(2 pi) + log det Sigma + Q) / 2.
// Its partials by every parameter and by y are closed form; observed y with c and d
// fixed and a scalar sigma is evaluated from sufficient statistics in O(1).
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "rank_one_gaussian.hpp"

namespace alea::dist::detail {
namespace normal_mean_joint_local {
namespace {

constexpr DistKind kKind = DistKind::NormalMeanJoint;

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &rank_one_why_scalars, &rank_one_why_at);
}

constexpr double kLog2Pi = 1.83787706640934548356;

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double* dy) {
  const RankOneTerms t = rank_one_terms(p, y);
  if (!t.valid) return kNegInf;
  rank_one_partials(t, p, y, -0.5, -0.5, dp, dy);
  return -0.5 * (static_cast<double>(y.n) * kLog2Pi + t.log_det + t.quad);
}

double stats_partials(std::span<const double> stats, std::span<const ArrayView> p,
                      std::span<double* const> dp) {
  const RankOneStatTerms t = rank_one_from_stats(stats, p);
  if (!t.valid) return kNegInf;
  rank_one_stat_partials(t, -0.5, -0.5, dp);
  return -0.5 * (t.n * kLog2Pi + t.log_det + t.quad);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const RankOneTerms t = rank_one_terms(views(p), view(y));
  if (!t.valid) return kNegInf;
  return -0.5 * (static_cast<double>(y.size()) * kLog2Pi + t.log_det + t.quad);
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
}  // namespace normal_mean_joint_local

const DistOps& normal_mean_joint_ops() {
  using namespace ::alea::dist::detail::normal_mean_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; }, &logpdf_partials,
      &rank_one_fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
