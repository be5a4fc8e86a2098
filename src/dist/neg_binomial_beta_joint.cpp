// neg_binomial_beta_joint(r, a, b): the joint marginal of failure counts
// y[i] ~ neg_binomial(r[i], p) that share one p ~ beta(a, b), p integrated out:
//   log p(y) = sum log C(y[i] + r[i] - 1, y[i]) + log B(a + R, b + S) - log B(a, b),
// R = sum(r), S = sum(y). Geometric observations have r = 1.
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::NegBinomialBetaJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[1].scalar());
  if (w.empty()) w = check_positive_finite("shape parameter b", p[2].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_positive_finite("size parameter r", p[0].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  double r_total = 0.0, s = 0.0, choose = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!why_at(p, i).empty()) return kNegInf;
    const double r = p[0].at_broadcast(i), yi = y[i];
    if (!(yi >= 0.0) || yi != std::floor(yi) || std::isinf(yi)) return kNegInf;
    r_total += r;
    s += yi;
    choose += std::lgamma(yi + r) - std::lgamma(r) - std::lgamma(yi + 1.0);
  }
  const double a = p[1].scalar(), b = p[2].scalar();
  return choose + log_beta(a + r_total, b + s) - log_beta(a, b);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const Value prob = dist::draw(DistKind::Beta, std::vector<Value>{p[1], p[2]}, Shape{}, rng);
  return dist::draw(DistKind::NegativeBinomial, std::vector<Value>{p[0], prob}, shape, rng);
}

// E y = r b / (a - 1) for a > 1; Var y = r b (r + a - 1)(a + b - 1) / ((a - 2)(a - 1)^2) for a > 2.
double mean_at(std::span<const Value> p, std::size_t i) {
  const double r = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return a > 1.0 ? r * b / (a - 1.0) : kInf;
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double r = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return a > 2.0 ? r * b * (r + a - 1.0) * (a + b - 1.0) / ((a - 2.0) * (a - 1.0) * (a - 1.0)) : kInf;
}

}  // namespace

const DistOps& neg_binomial_beta_joint_ops() {
  static const DistOps ops =
      joint_ops<kKind, &mean_at, &variance_at>(&check, &logpdf, &draw, [](std::span<const Value>) {
        return Support{0.0, kInf, true};
      });
  return ops;
}

}  // namespace alea::dist::detail
