// categorical_dirichlet_joint(alpha): the joint marginal of categories y[i] in 1..K drawn
// from one p ~ dirichlet(alpha), p integrated out (a Polya urn):
//   log p(y) = lgamma(A) - lgamma(A + N) + sum_k (lgamma(alpha_k + c_k) - lgamma(alpha_k)),
// c_k the number of y[i] equal to k, A = sum(alpha).
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"

namespace alea::dist::detail {
namespace {

void check(std::span<const Value> p, const Shape& shape) {
  if (p[0].shape().rank() != 1 || shape.rank() > 1)
    throw std::invalid_argument("categorical_dirichlet_joint: alpha must be a vector and the draw a scalar or a "
                                "vector, got " + to_string(p[0].shape()) + " and " + to_string(shape));
  for (std::size_t k = 0; k < p[0].size(); ++k)
    throw_if_invalid("categorical_dirichlet_joint", check_positive_finite("concentration alpha", p[0][k]));
}

double logpdf(std::span<const Value> p, const Value& y) {
  try {
    check(p, y.shape());
  } catch (const std::domain_error&) {
    return kNegInf;
  }
  const std::size_t k_count = p[0].size();
  std::vector<double> counts(k_count, 0.0);
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double v = y[i];
    if (!(v >= 1.0 && v <= static_cast<double>(k_count)) || v != std::floor(v)) return kNegInf;
    counts[static_cast<std::size_t>(v) - 1] += 1.0;
  }
  double a_total = 0.0, terms = 0.0;
  for (std::size_t k = 0; k < k_count; ++k) {
    a_total += p[0][k];
    terms += std::lgamma(p[0][k] + counts[k]) - std::lgamma(p[0][k]);
  }
  return std::lgamma(a_total) - std::lgamma(a_total + static_cast<double>(y.size())) + terms;
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const Value prob = dist::draw(DistKind::Dirichlet, std::vector<Value>{p[0]}, p[0].shape(), rng);
  return dist::draw(DistKind::Categorical, std::vector<Value>{prob}, shape, rng);
}

Value moment(std::span<const Value> p, const Shape& shape, bool variance) {
  double a_total = 0.0, m = 0.0, m2 = 0.0;
  for (double a : p[0].data()) a_total += a;
  for (std::size_t k = 0; k < p[0].size(); ++k) {
    const double q = p[0][k] / a_total, v = static_cast<double>(k + 1);
    m += q * v;
    m2 += q * v * v;
  }
  return Value::filled(shape, variance ? m2 - m * m : m);
}

}  // namespace

const DistOps& categorical_dirichlet_joint_ops() {
  static const DistOps ops{
      [](std::span<const Shape>) { return Shape{}; },
      &check,
      &logpdf,
      &draw,
      [](std::span<const Value> p, const Shape& s) { return moment(p, s, false); },
      [](std::span<const Value> p, const Shape& s) { return moment(p, s, true); },
      [](std::span<const Value> p) { return Support{1.0, static_cast<double>(p[0].size()), true}; },
  };
  return ops;
}

}  // namespace alea::dist::detail
