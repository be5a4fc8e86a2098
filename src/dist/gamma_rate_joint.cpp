// gamma_rate_joint(k, a, b): the joint marginal of y[i] ~ gamma(k[i], lambda) (shape,
// rate) that share one rate lambda ~ gamma(a, b), lambda integrated out:
//   log p(y) = sum((k[i] - 1) log y[i] - lgamma(k[i])) + a log b - lgamma(a)
//              + lgamma(a + K) - (a + K) log(b + S),   K = sum(k), S = sum(y).
// Exponential observations have k = 1 (one observation: a Lomax distribution).
// a log b - (a + K) log(b + S) is taken as -a log1p(S / b) - K log(b + S). With
// c = (a + K) / (b + S), the partials:
//   d/da = psi(a + K) - psi(a) - log1p(S / b),  d/db = a / b - c,
//   d/dk[i] = log y[i] - psi(k[i]) + psi(a + K) - log(b + S),  d/dy[i] = (k[i] - 1) / y[i] - c.
// Observed y with k fixed or a scalar is evaluated from n, S, sum log y (and, k fixed,
// the constant sum((k - 1) log y - lgamma(k)) and K): O(1). A vector k that changes enters
// sum(k log y) and sum lgamma(k) element by element: the per-element path.
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace gamma_rate_joint_local {
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

bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}

// The terms of a and b from the sums K and S, with their partials; returns
// psi(a + K) - log(b + S) (the part of d/dk[i] shared by every i) and sets c.
double from_sums(double a, double b, double k_total, double s, std::span<double* const> dp, double& lp,
                 double& c) {
  const double log1p_s = std::log1p(s / b), log_rate = std::log(b + s), psi = grad::digamma(a + k_total);
  c = (a + k_total) / (b + s);
  lp = -std::lgamma(a) + std::lgamma(a + k_total) - a * log1p_s - k_total * log_rate;
  if (dp[1]) dp[1][0] += psi - grad::digamma(a) - log1p_s;
  if (dp[2]) dp[2][0] += a / b - c;
  return psi - log_rate;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double* dy) {
  const ArrayView k = p[0];
  const double a = p[1][0], b = p[2][0];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  double k_total = 0.0, s = 0.0, rest = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    if (!positive_finite(k[i]) || !positive_finite(y[i])) return kNegInf;
    k_total += k[i];
    s += y[i];
    rest += (k[i] - 1.0) * std::log(y[i]) - std::lgamma(k[i]);
  }
  double lp = 0.0, c = 0.0;
  const double shared = from_sums(a, b, k_total, s, dp, lp, c);
  PartialSlot dk{dp[0], k.n == 1};
  for (std::size_t i = 0; i < y.n && (dp[0] || dy); ++i) {
    if (dy) dy[i] += (k[i] - 1.0) / y[i] - c;
    if (dp[0]) dk.add(i, std::log(y[i]) - grad::digamma(k[i]) + shared);
  }
  dk.flush();
  return lp + rest;
}

// stats: {n, S, sum log y, constant, K, 1 if k is a changing scalar}
bool fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
          std::vector<double>& stats) {
  const ArrayView k = p[0];
  if (k.n != 1 && (k.n != y.n || !fixed[0])) return false;
  const bool per_eval = !fixed[0];
  double s = 0.0, sum_log = 0.0, constant = 0.0, k_total = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    if (!positive_finite(y[i])) return false;
    s += y[i];
    sum_log += std::log(y[i]);
    if (per_eval) continue;
    if (!positive_finite(k[i])) return false;
    k_total += k[i];
    constant += (k[i] - 1.0) * std::log(y[i]) - std::lgamma(k[i]);
  }
  if (!std::isfinite(s)) return false;
  stats = {static_cast<double>(y.n), s, sum_log, constant, k_total, per_eval ? 1.0 : 0.0};
  return true;
}

double stats_partials(std::span<const double> st, std::span<const ArrayView> p, std::span<double* const> dp) {
  const double a = p[1][0], b = p[2][0], n = st[0], s = st[1], sum_log = st[2];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  const bool per_eval = st[5] != 0.0;
  const double k = p[0][0];
  if (per_eval && !positive_finite(k)) return kNegInf;
  double lp = 0.0, c = 0.0;
  const double shared = from_sums(a, b, per_eval ? n * k : st[4], s, dp, lp, c);
  if (!per_eval) return lp + st[3];
  if (dp[0]) dp[0][0] += sum_log - n * grad::digamma(k) + n * shared;
  return lp + (k - 1.0) * sum_log - n * std::lgamma(k);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
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
}  // namespace gamma_rate_joint_local

const DistOps& gamma_rate_joint_ops() {
  using namespace ::alea::dist::detail::gamma_rate_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw,
      [](std::span<const Value>) {
        return Support{0.0, kInf, false};
      },
      &logpdf_partials, &fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
