// gamma_rate_joint(k, a, b): the joint marginal of y[i] ~ gamma(k[i], lambda) (shape,
// rate) that share one rate lambda ~ gamma(a, b), lambda integrated out:
//   log p(y) = sum((k[i] - 1) log y[i] - lgamma(k[i])) + a log b - lgamma(a)
//              + lgamma(a + K) - (a + K) log(b + S),   K = sum(k), S = sum(y).
// Exponential observations have k = 1 (one observation: a Lomax distribution).
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::GammaRateJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[1].scalar());
  if (w.empty()) w = check_positive_finite("rate parameter b", p[2].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_positive_finite("shape parameter k", p[0].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  double k_total = 0.0, s = 0.0, rest = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!why_at(p, i).empty()) return kNegInf;
    const double k = p[0].at_broadcast(i), yi = y[i];
    if (!(yi > 0.0) || std::isinf(yi)) return kNegInf;
    k_total += k;
    s += yi;
    rest += (k - 1.0) * std::log(yi) - std::lgamma(k);
  }
  const double a = p[1].scalar(), b = p[2].scalar();
  return rest + a * std::log(b) - std::lgamma(a) + std::lgamma(a + k_total) - (a + k_total) * std::log(b + s);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const Value rate = dist::draw(DistKind::Gamma, std::vector<Value>{p[1], p[2]}, Shape{}, rng);
  return dist::draw(DistKind::Gamma, std::vector<Value>{p[0], rate}, shape, rng);
}

// E y = k b / (a - 1) (a > 1); Var y = k b^2 (k + a - 1) / ((a - 1)^2 (a - 2)) (a > 2).
double mean_at(std::span<const Value> p, std::size_t i) {
  const double k = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return a > 1.0 ? k * b / (a - 1.0) : kInf;
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double k = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return a > 2.0 ? k * b * b * (k + a - 1.0) / ((a - 1.0) * (a - 1.0) * (a - 2.0)) : kInf;
}

}  // namespace

const DistOps& gamma_rate_joint_ops() {
  static const DistOps ops =
      joint_ops<kKind, &mean_at, &variance_at>(&check, &logpdf, &draw, [](std::span<const Value>) {
        return Support{0.0, kInf, false};
      });
  return ops;
}

}  // namespace alea::dist::detail
