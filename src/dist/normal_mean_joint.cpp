// normal_mean_joint(c, d, m, s, sigma): the joint marginal of y[i] ~ normal(c[i] + d[i] mu,
// sigma[i]) that share one mean mu ~ normal(m, s), mu integrated out. y is multivariate
// normal with mean c + d m and covariance diag(sigma^2) + s^2 d d'; by the matrix
// determinant lemma and Sherman-Morrison, with r = y - c - d m, w = d / sigma^2:
//   log det = sum log sigma^2 + log(1 + s^2 sum(d w)),
//   quad    = sum(r^2 / sigma^2) - s^2 (sum(w r))^2 / (1 + s^2 sum(d w)).
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::NormalMeanJoint;

std::string why(std::span<const Value> p, std::size_t i) {
  auto w = check_finite("offset c", p[0].at_broadcast(i));
  if (w.empty()) w = check_finite("coefficient d", p[1].at_broadcast(i));
  if (w.empty()) w = check_finite("prior mean m", p[2].scalar());
  if (w.empty()) w = check_positive_finite("prior scale s", p[3].scalar());
  if (w.empty()) w = check_positive_finite("scale parameter sigma", p[4].at_broadcast(i));
  return w;
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check_shapes(kKind, p, shape);
  joint_check_values(kKind, p, [&](std::size_t i) { return why(p, i); });
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const double m = p[2].scalar(), s2 = p[3].scalar() * p[3].scalar();
  double log_var = 0.0, r2 = 0.0, dw = 0.0, wr = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!why(p, i).empty()) return kNegInf;
    if (!std::isfinite(y[i])) return kNegInf;
    const double d = p[1].at_broadcast(i), sigma = p[4].at_broadcast(i), v = sigma * sigma;
    const double r = y[i] - p[0].at_broadcast(i) - d * m;
    log_var += std::log(v);
    r2 += r * r / v;
    dw += d * d / v;
    wr += d * r / v;
  }
  const double k = 1.0 + s2 * dw;
  const double n = static_cast<double>(y.size());
  return -0.5 * (n * std::log(2.0 * std::numbers::pi) + log_var + std::log(k) + r2 - s2 * wr * wr / k);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double mu = dist::draw(DistKind::Normal, std::vector<Value>{p[2], p[3]}, Shape{}, rng).scalar();
  std::vector<double> mean(static_cast<std::size_t>(shape.size()));
  for (std::size_t i = 0; i < mean.size(); ++i) mean[i] = p[0].at_broadcast(i) + p[1].at_broadcast(i) * mu;
  return dist::draw(DistKind::Normal, std::vector<Value>{Value(shape, mean, ScalarType::Real), p[4]}, shape, rng);
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
  static const DistOps ops{
      [](std::span<const Shape> s) { return joint_natural_shape(kKind, s); },
      &check,
      &logpdf,
      &draw,
      [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, &mean_at); },
      [](std::span<const Value> p, const Shape& s) { return joint_fill(s, p, &variance_at); },
      [](std::span<const Value>) { return Support{}; },
  };
  return ops;
}

}  // namespace alea::dist::detail
