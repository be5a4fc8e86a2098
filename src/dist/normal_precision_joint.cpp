// normal_precision_joint(m, a, b): the joint marginal of y[i] ~ normal(m[i], 1/sqrt(tau))
// that share one precision tau ~ gamma(a, b) (shape, rate), tau integrated out (also the
// marginal for a variance v ~ inv_gamma(a, b), sd sqrt(v)): a multivariate Student t,
//   log p(y) = -N/2 log(2 pi) + a log b - lgamma(a) + lgamma(a + N/2) - (a + N/2) log(b + Q/2),
// Q = sum((y - m)^2). One observation is student_t(2a, m, sqrt(b / a)).
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::NormalPrecisionJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[1].scalar());
  if (w.empty()) w = check_positive_finite("rate parameter b", p[2].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_finite("mean m", p[0].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  double q = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!why_at(p, i).empty() || !std::isfinite(y[i])) return kNegInf;
    const double r = y[i] - p[0].at_broadcast(i);
    q += r * r;
  }
  const double a = p[1].scalar(), b = p[2].scalar(), half_n = 0.5 * static_cast<double>(y.size());
  return -half_n * std::log(2.0 * std::numbers::pi) + a * std::log(b) - std::lgamma(a) +
         std::lgamma(a + half_n) - (a + half_n) * std::log(b + 0.5 * q);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double tau = dist::draw(DistKind::Gamma, std::vector<Value>{p[1], p[2]}, Shape{}, rng).scalar();
  return dist::draw(DistKind::Normal, std::vector<Value>{p[0], Value(1.0 / std::sqrt(tau))}, shape, rng);
}

// Marginally each y[i] is student_t(2a, m, sqrt(b / a)): mean m (a > 1/2), variance b / (a - 1) (a > 1).
double mean_at(std::span<const Value> p, std::size_t i) {
  return p[1].scalar() > 0.5 ? p[0].at_broadcast(i) : std::nan("");
}
double variance_at(std::span<const Value> p, std::size_t) {
  const double a = p[1].scalar(), b = p[2].scalar();
  return a > 1.0 ? b / (a - 1.0) : kInf;
}

}  // namespace

const DistOps& normal_precision_joint_ops() {
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; });
  return ops;
}

}  // namespace alea::dist::detail
