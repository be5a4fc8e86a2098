// neg_binomial_beta_joint(r, a, b): the joint marginal of failure counts
// y[i] ~ neg_binomial(r[i], p) that share one p ~ beta(a, b), p integrated out:
//   log p(y) = sum log C(y[i] + r[i] - 1, y[i]) + log B(a + R, b + S) - log B(a, b),
// R = sum(r), S = sum(y). Geometric observations have r = 1. With T = a + b + R + S:
//   d/da = psi(a + R) - psi(T) - psi(a) + psi(a + b),  d/db = psi(b + S) - psi(T) - psi(b) + psi(a + b),
//   d/dr[i] = psi(y[i] + r[i]) - psi(r[i]) + psi(a + R) - psi(T).
// Observed y with r fixed is evaluated from R, S and the constant sum log C(y + r - 1, y):
// O(1). With r changing, sum lgamma(y[i] + r) needs every y[i] (or their distinct values):
// the per-element path.
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace neg_binomial_beta_joint_local {
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

bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}

// The terms of a and b from R and S with their partials; returns psi(a + R) - psi(T).
double from_sums(double a, double b, double r_total, double s, std::span<double* const> dp, double& lp) {
  const double t = grad::digamma(a + b + r_total + s), shared = grad::digamma(a + r_total) - t;
  lp = log_beta(a + r_total, b + s) - log_beta(a, b);
  const double common = grad::digamma(a + b);
  if (dp[1]) dp[1][0] += shared - grad::digamma(a) + common;
  if (dp[2]) dp[2][0] += grad::digamma(b + s) - t - grad::digamma(b) + common;
  return shared;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double*) {
  const ArrayView r = p[0];
  const double a = p[1][0], b = p[2][0];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  double r_total = 0.0, s = 0.0, choose = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double ri = r[i], yi = y[i];
    if (!positive_finite(ri) || !(yi >= 0.0) || !grad::is_integer(yi)) return kNegInf;
    r_total += ri;
    s += yi;
    choose += std::lgamma(yi + ri) - std::lgamma(ri) - std::lgamma(yi + 1.0);
  }
  double lp = 0.0;
  const double shared = from_sums(a, b, r_total, s, dp, lp);
  if (dp[0]) {
    PartialSlot dr{dp[0], r.n == 1};
    for (std::size_t i = 0; i < y.n; ++i)
      dr.add(i, grad::digamma(y[i] + r[i]) - grad::digamma(r[i]) + shared);
    dr.flush();
  }
  return choose + lp;
}

// stats: {R, S, sum log C(y + r - 1, y)}
bool fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
          std::vector<double>& stats) {
  const ArrayView r = p[0];
  if (!fixed[0] || (r.n != 1 && r.n != y.n)) return false;
  double r_total = 0.0, s = 0.0, choose = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double ri = r[i], yi = y[i];
    if (!positive_finite(ri) || !(yi >= 0.0) || !grad::is_integer(yi)) return false;
    r_total += ri;
    s += yi;
    choose += std::lgamma(yi + ri) - std::lgamma(ri) - std::lgamma(yi + 1.0);
  }
  stats = {r_total, s, choose};
  return true;
}

double stats_partials(std::span<const double> st, std::span<const ArrayView> p, std::span<double* const> dp) {
  const double a = p[1][0], b = p[2][0];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  double lp = 0.0;
  from_sums(a, b, st[0], st[1], dp, lp);
  return st[2] + lp;
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
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
}  // namespace neg_binomial_beta_joint_local

const DistOps& neg_binomial_beta_joint_ops() {
  using namespace ::alea::dist::detail::neg_binomial_beta_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw,
      [](std::span<const Value>) {
        return Support{0.0, kInf, true};
      },
      &logpdf_partials, &fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
