// binomial_beta_joint(n, a, b): the joint marginal of successes y[i] ~ binomial(n[i], p)
// that share one p ~ beta(a, b), p integrated out:
//   log p(y) = sum log C(n[i], y[i]) + log B(a + S, b + F) - log B(a, b),
// S = sum(y) successes, F = sum(n - y) failures. Bernoulli observations have n = 1.
// One observation is beta_binomial(n, a, b).
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

constexpr DistKind kKind = DistKind::BinomialBetaJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[1].scalar());
  if (w.empty()) w = check_positive_finite("shape parameter b", p[2].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_nonnegative_integer("number of trials n", p[0].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  if (!why_scalars(p).empty()) return kNegInf;
  double s = 0.0, f = 0.0, choose = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!why_at(p, i).empty()) return kNegInf;
    const double n = p[0].at_broadcast(i), yi = y[i];
    if (!(yi >= 0.0 && yi <= n) || yi != std::floor(yi)) return kNegInf;
    s += yi;
    f += n - yi;
    choose += log_choose(n, yi);
  }
  const double a = p[1].scalar(), b = p[2].scalar();
  return choose + log_beta(a + s, b + f) - log_beta(a, b);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const Value prob = dist::draw(DistKind::Beta, std::vector<Value>{p[1], p[2]}, Shape{}, rng);
  return dist::draw(DistKind::Binomial, std::vector<Value>{p[0], prob}, shape, rng);
}

// E y = n a / (a + b); Var y = n a b (a + b + n) / ((a + b)^2 (a + b + 1)).
double mean_at(std::span<const Value> p, std::size_t i) {
  const double n = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return n * a / (a + b);
}
double variance_at(std::span<const Value> p, std::size_t i) {
  const double n = p[0].at_broadcast(i), a = p[1].scalar(), b = p[2].scalar();
  return n * a * b * (a + b + n) / ((a + b) * (a + b) * (a + b + 1.0));
}

}  // namespace

const DistOps& binomial_beta_joint_ops() {
  static const DistOps ops =
      joint_ops<kKind, &mean_at, &variance_at>(&check, &logpdf, &draw, [](std::span<const Value> p) {
        return Support{0.0, p[0].data().empty() ? kInf : p[0][0], true};
      });
  return ops;
}

}  // namespace alea::dist::detail
