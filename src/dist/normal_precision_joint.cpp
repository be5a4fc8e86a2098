// normal_precision_joint(m, a, b): the joint marginal of y[i] ~ normal(m[i], 1/sqrt(tau))
// that share one precision tau ~ gamma(a, b) (shape, rate), tau integrated out (also the
// marginal for a variance v ~ inv_gamma(a, b), sd sqrt(v)): a multivariate Student t,
//   log p(y) = -N/2 log(2 pi) + a log b - lgamma(a) + lgamma(a + N/2) - (a + N/2) log(b + Q/2),
// Q = sum((y - m)^2). One observation is student_t(2a, m, sqrt(b / a)).
// a log b - (a + N/2) log(b + Q/2) is taken as -a log1p(Q / 2b) - N/2 log(b + Q/2). With
// c = (a + N/2) / (b + Q/2): d/dm[i] = c (y[i] - m[i]) = -d/dy[i],
// d/da = psi(a + N/2) - psi(a) - log1p(Q / 2b), d/db = a / b - c.
// Observed y with a scalar m is evaluated from n, the mean and M2 = sum (y - mean)^2
// (Q = M2 + n (mean - m)^2); with m a fixed vector Q is a constant: O(1) either way. A
// vector m that changes enters Q element by element: the per-element path.
#include <cmath>
#include <numbers>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace normal_precision_joint_local {
namespace {

constexpr DistKind kKind = DistKind::NormalPrecisionJoint;

std::string why_scalars(std::span<const Value> p) {
  auto w = check_positive_finite("shape parameter a", p[1].scalar());
  if (w.empty()) w = check_positive_finite("rate parameter b", p[2].scalar());
  return w;
}

std::string why_at(std::span<const Value> p, std::size_t i) {
  return check_finite("mean m", p[0].at_broadcast(i));
}

void check(std::span<const Value> p, const Shape& shape) {
  joint_check(kKind, p, shape, &why_scalars, &why_at);
}

bool positive_finite(double x) {
  return x > 0 && std::isfinite(x);
}

// The value given Q, with the partials by a and b; returns c.
double from_q(double half_n, double q, double a, double b, std::span<double* const> dp, double& lp) {
  const double log1p_q = std::log1p(0.5 * q / b), shape = a + half_n, rate = b + 0.5 * q;
  lp = -half_n * 2 * detail::kHalfLog2Pi - std::lgamma(a) + std::lgamma(shape) - a * log1p_q -
       half_n * std::log(rate);
  if (dp[1]) dp[1][0] += grad::digamma(shape) - grad::digamma(a) - log1p_q;
  if (dp[2]) dp[2][0] += a / b - shape / rate;
  return shape / rate;
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView y, std::span<double* const> dp, double* dy) {
  const ArrayView m = p[0];
  const double a = p[1][0], b = p[2][0];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  double q = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) {
    if (!std::isfinite(m[i]) || !std::isfinite(y[i])) return kNegInf;
    const double r = y[i] - m[i];
    q += r * r;
  }
  double lp = 0.0;
  const double c = from_q(0.5 * static_cast<double>(y.n), q, a, b, dp, lp);
  PartialSlot dm{dp[0], m.n == 1};
  for (std::size_t i = 0; i < y.n && (dp[0] || dy); ++i) {
    const double g = c * (y[i] - m[i]);
    dm.add(i, g);
    if (dy) dy[i] -= g;
  }
  dm.flush();
  return lp;
}

// stats: {n, mean, M2} for a scalar m (two passes); {n, 0, Q, 1} for m a fixed vector
bool fold(std::span<const ArrayView> p, std::span<const bool> fixed, ArrayView y,
          std::vector<double>& stats) {
  const ArrayView m = p[0];
  const double n = static_cast<double>(y.n);
  if (m.n != 1) {
    if (!fixed[0] || m.n != y.n) return false;
    double q = 0.0;
    for (std::size_t i = 0; i < y.n; ++i) {
      if (!std::isfinite(m[i]) || !std::isfinite(y[i])) return false;
      q += (y[i] - m[i]) * (y[i] - m[i]);
    }
    stats = {n, 0.0, q, 1.0};
    return std::isfinite(q);
  }
  double sum = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) sum += y[i];
  const double mean = sum / n;
  double m2 = 0.0;
  for (std::size_t i = 0; i < y.n; ++i) m2 += (y[i] - mean) * (y[i] - mean);
  stats = {n, mean, m2, 0.0};
  return std::isfinite(m2) && std::isfinite(mean);
}

double stats_partials(std::span<const double> st, std::span<const ArrayView> p, std::span<double* const> dp) {
  const double a = p[1][0], b = p[2][0], n = st[0];
  if (!positive_finite(a) || !positive_finite(b)) return kNegInf;
  const bool m_vector = st[3] != 0.0;
  const double dev = m_vector ? 0.0 : st[1] - p[0][0];
  if (!std::isfinite(dev)) return kNegInf;
  double lp = 0.0;
  const double c = from_q(0.5 * n, st[2] + n * dev * dev, a, b, dp, lp);
  if (dp[0] && !m_vector) dp[0][0] += c * n * dev;
  return lp;
}

double logpdf(std::span<const Value> p, const Value& y) {
  joint_check_shapes(kKind, p, y.shape());
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(y), none, nullptr);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const double tau = dist::draw(DistKind::Gamma, std::vector<Value>{p[1], p[2]}, Shape{}, rng).scalar();
  return dist::draw(DistKind::Normal, std::vector<Value>{p[0], Value(1.0 / std::sqrt(tau))}, shape, rng);
}

// Marginally each y[i] is student_t(2a, m, sqrt(b / a)): mean m (a > 1/2), variance b / (a - 1) (a > 1).
double mean_at(std::span<const Value> p, std::size_t i) {
  return p[1].scalar() > 0.5 ? p[0].at_broadcast(i) : std::nan("");
}
double variance_at(std::span<const Value> p, std::size_t) {
  const double a = p[1].scalar(), b = p[2].scalar();
  return a > 1.0 ? b / (a - 1.0) : kInf;
}

}  // namespace
}  // namespace normal_precision_joint_local

const DistOps& normal_precision_joint_ops() {
  using namespace ::alea::dist::detail::normal_precision_joint_local;
  static const DistOps ops = joint_ops<kKind, &mean_at, &variance_at>(
      &check, &logpdf, &draw, [](std::span<const Value>) { return Support{}; }, &logpdf_partials, &fold,
      &stats_partials);
  return ops;
}

}  // namespace alea::dist::detail
