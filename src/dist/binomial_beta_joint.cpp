// binomial_beta_joint(n, a, b): the joint marginal of successes y[i] ~ binomial(n[i], p)
// that share one p ~ beta(a, b), p integrated out:
//   log p(y) = sum log C(n[i], y[i]) + log B(a + S, b + F) - log B(a, b),
// S = sum(y) successes, F = sum(n - y) failures. Bernoulli observations have n = 1.
// One observation is beta_binomial(n, a, b). With T = a + b + S + F, the partials:
//   d/da = psi(a + S) - psi(T) - psi(a) + psi(a + b),  d/db = psi(b + F) - psi(T) - psi(b) + psi(a + b)
// (n and y are integers: no partials). Observed y with n fixed is evaluated from S, F and
// the constant sum log C(n, y): O(1). Trials n that change (a discrete latent) enter
// sum log C(n, y): the per-element path.
#include <cmath>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace binomial_beta_joint_local {
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

bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}

double from_sums(double a, double b, double s, double f, std::span<double* const> dp) {
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  if (dp[1] || dp[2]) {
    const double common = grad::digamma(a + b) - grad::digamma(a + b + s + f);
    if (dp[1]) dp[1][0] += grad::digamma(a + s) - grad::digamma(a) + common;
    if (dp[2]) dp[2][0] += grad::digamma(b + f) - grad::digamma(b) + common;
  }
  return log_beta(a + s, b + f) - log_beta(a, b);
}

// Sums S, F and sum log C(n, y); false when a trial count or a y is invalid.
bool sums(ArrayView n, ArrayView y, double& s, double& f, double& choose) {
  s = f = choose = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    const double ni = n[i], yi = y[i];
    if (!(ni >= 0.0) || !grad::is_integer(ni) || !(yi >= 0.0 && yi <= ni) || yi != std::floor(yi))
      return false;
    s += yi;
    f += ni - yi;
    choose += log_choose(ni, yi);
  }
  return true;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double*) {
  double s = 0.0, f = 0.0, choose = 0.0;
  if (!positive_finite(p[1][0]) || !positive_finite(p[2][0]) || !sums(p[0], y, s, f, choose)) return kNegInf;
  return choose + from_sums(p[1][0], p[2][0], s, f, dp);
}

// stats: {S, F, sum log C(n, y)}
bool fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
          std::vector<double>& stats) {
  if (!fixed[0] || (p[0].n != 1 && p[0].n != y.n)) return false;
  double s = 0.0, f = 0.0, choose = 0.0;
  if (!sums(p[0], y, s, f, choose)) return false;
  stats = {s, f, choose};
  return true;
}

double stats_partials(std::span<const double> st, std::span<const ArrayView> p, std::span<double* const> dp) {
  return st[2] + from_sums(p[1][0], p[2][0], st[0], st[1], dp);
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
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
}  // namespace binomial_beta_joint_local

const DistOps& binomial_beta_joint_ops() {
  using namespace ::alea::dist::detail::binomial_beta_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw,
      [](std::span<const Value> p) {
        return Support{0.0, p[0].data().empty() ? kInf : p[0][0], true};
      },
      &logpdf_partials, &fold, &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
