// poisson_gamma_joint(a, b, e): the joint marginal of counts y[i] ~ poisson(e[i] lambda)
// that share one rate lambda ~ gamma(a, b) (shape, rate), lambda integrated out:
//   log p(y) = lgamma(a + S) - lgamma(a) + a log b - (a + S) log(b + E)
//              + sum(y[i] log e[i] - lgamma(y[i] + 1)),   S = sum(y), E = sum(e).
// The y[i] are not independent (they share lambda). One count is neg_binomial(a, b / (b + e)).
// a log b - (a + S) log(b + E) is taken as -a log1p(E / b) - S log(b + E). With
// c = (a + S) / (b + E), the partials:
//   d/da = psi(a + S) - psi(a) - log1p(E / b),  d/db = a / b - c,  d/de[i] = y[i] / e[i] - c.
// Observed y with e fixed or a scalar is evaluated from S, n and the constant
// sum(y log e - lgamma(y + 1)) (or -sum lgamma(y + 1), with S log e added): O(1). A
// vector e that changes enters sum(y log e) and E element by element: the per-element path.
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace poisson_gamma_joint_local {
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

bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}
bool count(double y) {
  return y >= 0 && grad::is_integer(y);
}

// The value from the sums, with the partials by a and b; returns c = (a + S) / (b + E).
double from_sums(double a, double b, double s, double e_total, std::span<double* const> dp, double& lp) {
  const double log1p_e = std::log1p(e_total / b), c = (a + s) / (b + e_total);
  lp = std::lgamma(a + s) - std::lgamma(a) - a * log1p_e - (s > 0 ? s * std::log(b + e_total) : 0.0);
  if (dp[0]) dp[0][0] += grad::digamma(a + s) - grad::digamma(a) - log1p_e;
  if (dp[1]) dp[1][0] += a / b - c;
  return c;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double*) {
  const double a = p[0][0], b = p[1][0];
  const ArrayView e = p[2];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  double s = 0.0, e_total = 0.0, rest = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double yi = y[i], ei = e[i];
    if (!positive_finite(ei) || !count(yi)) return kNegInf;
    s += yi;
    e_total += ei;
    rest += (yi > 0.0 ? yi * std::log(ei) : 0.0) - std::lgamma(yi + 1.0);
  }
  double lp = 0.0;
  const double c = from_sums(a, b, s, e_total, dp, lp);
  if (dp[2]) {
    PartialSlot de{dp[2], e.n == 1};
    for (std::size_t i = 0; i < y.n; ++i) de.add(i, y[i] / e[i] - c);
    de.flush();
  }
  return lp + rest;
}

// stats: {n, S, constant, E (e fixed; 0 when e is a changing scalar), 1 if e changes}
bool fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
          std::vector<double>& stats) {
  const ArrayView e = p[2];
  if (e.n != 1 && (e.n != y.n || !fixed[2])) return false;
  const bool per_eval = !fixed[2];
  double s = 0.0, e_total = 0.0, constant = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    if (!count(y[i])) return false;
    s += y[i];
    constant -= std::lgamma(y[i] + 1.0);
    if (per_eval) continue;
    if (!positive_finite(e[i])) return false;
    e_total += e[i];
    if (y[i] > 0) constant += y[i] * std::log(e[i]);
  }
  stats = {static_cast<double>(y.n), s, constant, e_total, per_eval ? 1.0 : 0.0};
  return true;
}

double stats_partials(std::span<const double> st, std::span<const ArrayView> p, std::span<double* const> dp) {
  const double a = p[0][0], b = p[1][0], n = st[0], s = st[1];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  const bool per_eval = st[4] != 0.0;
  const double e = p[2][0];
  if (per_eval && !positive_finite(e)) return kNegInf;
  double lp = 0.0;
  const double c = from_sums(a, b, s, per_eval ? n * e : st[3], dp, lp);
  if (!per_eval) return lp + st[2];
  if (dp[2]) dp[2][0] += s / e - n * c;
  return lp + st[2] + (s > 0 ? s * std::log(e) : 0.0);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
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
}  // namespace poisson_gamma_joint_local

const DistOps& poisson_gamma_joint_ops() {
  using namespace ::alea::dist::detail::poisson_gamma_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw,
      [](std::span<const Value>) {
        return Support{0.0, kInf, true};
      },
      &logpdf_partials, &fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
