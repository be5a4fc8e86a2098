// categorical_dirichlet_joint(alpha): the joint marginal of categories y[i] in 1..K drawn
// from one p ~ dirichlet(alpha), p integrated out (a Polya urn):
//   log p(y) = lgamma(A) - lgamma(A + N) + sum_k (lgamma(alpha_k + c_k) - lgamma(alpha_k)),
// c_k the number of y[i] equal to k, A = sum(alpha). Partials (y is discrete):
//   d/dalpha_k = psi(A) - psi(A + N) + psi(alpha_k + c_k) - psi(alpha_k).
// Observed y is evaluated from the counts: O(K), whatever N.
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace categorical_dirichlet_joint_local {
namespace {

void check(std::span<const Value> p, const Shape& shape) {
  if (p[0].shape().rank() != 1 || shape.rank() > 1)
    throw std::invalid_argument("categorical_dirichlet_joint: alpha must be a vector and the draw a scalar or a "
                                "vector, got " + to_string(p[0].shape()) + " and " + to_string(shape));
  for (std::size_t k = 0; k < p[0].size(); ++k)
    throw_if_invalid("categorical_dirichlet_joint", check_positive_finite("concentration alpha", p[0][k]));
}

// The counts c_k of y (stats layout: {N, c_1, ..., c_K}); false for a y outside 1..K.
bool count(ArrayView alpha, ArrayView y, std::vector<double>& counts) {
  counts.assign(alpha.n + 1, 0.0);
  counts[0] = static_cast<double>(y.n);
  for (std::size_t i = 0; i < y.n; ++i) {
    const double v = y[i];
    if (!(v >= 1.0 && v <= static_cast<double>(alpha.n)) || v != std::floor(v)) return false;
    counts[static_cast<std::size_t>(v)] += 1.0;
  }
  return true;
}

double from_counts(std::span<const double> counts, std::span<const ArrayView> p,
                   std::span<double* const> dp) {
  const ArrayView alpha = p[0];
  const double n = counts[0];
  double a_total = 0.0, terms = 0.0;
  for (std::size_t k = 0; k < alpha.n; ++k) {
    if (!(alpha.data[k] > 0) || !std::isfinite(alpha.data[k])) return kNegInf;
    a_total += alpha.data[k];
    terms += std::lgamma(alpha.data[k] + counts[k + 1]) - std::lgamma(alpha.data[k]);
  }
  if (dp[0]) {
    const double common = grad::digamma(a_total) - grad::digamma(a_total + n);
    for (std::size_t k = 0; k < alpha.n; ++k) {
      const double c = counts[k + 1];
      dp[0][k] += common + (c > 0 ? grad::digamma(alpha.data[k] + c) - grad::digamma(alpha.data[k]) : 0.0);
    }
  }
  return std::lgamma(a_total) - std::lgamma(a_total + n) + terms;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double*) {
  std::vector<double> counts;
  if (!count(p[0], y, counts)) return kNegInf;
  return from_counts(counts, p, dp);
}

bool fold(std::span<const ArrayView> p, std::span<const bool>, ArrayView y, std::vector<double>& stats) {
  return count(p[0], y, stats);
}

double logpdf(std::span<const Value> p, const Value& y) {
  try {
    check(p, y.shape());
  } catch (const std::domain_error&) {
    return kNegInf;
  }
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
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
}  // namespace categorical_dirichlet_joint_local

const DistOps& categorical_dirichlet_joint_ops() {
  using namespace ::alea::dist::detail::categorical_dirichlet_joint_local;
  static const DistOps ops = [] {
    DistOps r{
        [](std::span<const Shape>) { return Shape{}; },
        &check,
        &logpdf,
        &draw,
        [](std::span<const Value> p, const Shape& s) { return moment(p, s, false); },
        [](std::span<const Value> p, const Shape& s) { return moment(p, s, true); },
        [](std::span<const Value> p) {
          return Support{1.0, static_cast<double>(p[0].size()), true};
        },
    };
    r.array_partials = &logpdf_partials;
    r.fold_stats = &fold;
    r.stats_partials = &from_counts;
    return r;
  }();
  return ops;
}

}  // namespace alea::dist::detail
