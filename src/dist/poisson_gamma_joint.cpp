// poisson_gamma_joint(a, b, e): the joint marginal of counts y[i] ~ poisson(e[i] lambda)
// that share one rate lambda ~ gamma(a, b) (shape, rate), lambda integrated out:
//   log p(y) = lgamma(a + S) - lgamma(a) + a log b - (a + S) log(b + E)
//              + sum(y[i] log e[i] - lgamma(y[i] + 1)),   S = sum(y), E = sum(e).
// The y[i] are not independent (they share lambda). One count is neg_binomial(a, b / (b + e)).
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::PoissonGammaJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[0].scalar());
  if (w.empty()) w = check_positive_finite("rate parameter b", p[1].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_positive_finite("exposure parameter e", p[2].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  for (std::size_t i = 0; i < y.size(); ++i)
    if (!why_at(p, i).empty()) return kNegInf;
  const double a = p[0].scalar(), b = p[1].scalar();
  double s = 0.0, e_total = 0.0, rest = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double yi = y[i], ei = p[2].at_broadcast(i);
    if (!(yi >= 0.0) || yi != std::floor(yi) || std::isinf(yi)) return kNegInf;
    s += yi;
    e_total += ei;
    rest += (yi > 0.0 ? yi * std::log(ei) : 0.0) - std::lgamma(yi + 1.0);
  }
  return std::lgamma(a + s) - std::lgamma(a) + a * std::log(b) - (a + s) * std::log(b + e_total) + rest;
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double lambda = dist::draw(DistKind::Gamma, std::vector<Value>{p[0], p[1]}, Shape{}, rng).scalar();
  std::vector<double> rate(static_cast<std::size_t>(shape.size()));
  for (std::size_t i = 0; i < rate.size(); ++i) rate[i] = p[2].at_broadcast(i) * lambda;
  return dist::draw(DistKind::Poisson, std::vector<Value>{Value(shape, rate, ScalarType::Real)}, shape, rng);
}

// E y = e a / b; Var y = e a / b + e^2 a / b^2 (Poisson noise plus the rate's variance).
double mean_at(std::span<const Value> p, std::size_t i) {
  return p[2].at_broadcast(i) * p[0].scalar() / p[1].scalar();
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double e = p[2].at_broadcast(i), a = p[0].scalar(), b = p[1].scalar();
  return e * a / b + e * e * a / (b * b);
}

}  // namespace

const DistOps& poisson_gamma_joint_ops() {
  static const DistOps ops =
      joint_ops<kKind, &mean_at, &variance_at>(&check, &logpdf, &draw, [](std::span<const Value>) {
        return Support{0.0, kInf, true};
      });
  return ops;
}

}  // namespace alea::dist::detail
