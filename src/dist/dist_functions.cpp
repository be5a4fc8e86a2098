// JAGS's d-, p- and q-functions of every scalar distribution, from its record.
#include "alea/dist/dist_functions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "alea/dist/record.hpp"

namespace alea::dist {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool valid(const DistRecord& r, const double* p) { return r.check_at(p).empty(); }

double cdf_at(const DistRecord& r, const double* p, double x) { return r.cdf.cdf(p, x); }

// A central difference of g by parameter k, stepping inside the parameters' domain (a
// one-sided difference where the step down leaves it, as a shape near 0).
template <class G>
double by_param(const DistRecord& r, const double* p, std::size_t np, std::size_t k, G g) {
  std::array<double, kMaxScalarParams> q{};
  std::copy(p, p + np, q.begin());
  const double h = 1e-6 * std::max(1.0, std::abs(p[k]));
  q[k] = p[k] + h;
  const double up = valid(r, q.data()) ? g(q.data()) : g(p);
  const double hi = valid(r, q.data()) ? p[k] + h : p[k];
  q[k] = p[k] - h;
  const double down = valid(r, q.data()) ? g(q.data()) : g(p);
  const double lo = valid(r, q.data()) ? p[k] - h : p[k];
  return hi > lo ? (up - down) / (hi - lo) : 0.0;
}

}  // namespace

bool has_dist_function(Op op, DistKind kind) {
  const DistRecord& r = record(kind);
  if (!r.check_at || !r.logpdf_at) return false;
  return op == Op::DistDensity || (r.cdf.cdf && r.cdf.quantile);
}

std::optional<DistKind> dist_function_kind(Op op, double code) {
  if (!(code >= 0 && code < kDistKindCount && code == std::floor(code))) return std::nullopt;
  const auto kind = static_cast<DistKind>(static_cast<int>(code));
  if (!has_dist_function(op, kind)) return std::nullopt;
  return kind;
}

double dist_function(Op op, DistKind kind, const double* p, double x) {
  const DistRecord& r = record(kind);
  if (std::isnan(x) || !valid(r, p)) return kNaN;
  switch (op) {
    case Op::DistDensity: return std::exp(r.logpdf_at(p, x));
    case Op::DistCdf: return cdf_at(r, p, x);
    case Op::DistQuantile: return x >= 0 && x <= 1 ? r.cdf.quantile(p, x) : kNaN;
    default: return kNaN;
  }
}

double dist_function_partials(Op op, DistKind kind, const double* p, double x, double& dx, std::span<double> dp) {
  const DistRecord& r = record(kind);
  const std::size_t np = dist_info(kind).params.size();
  const bool discrete = r.support_spec.integer;
  std::fill(dp.begin(), dp.end(), 0.0);
  dx = 0;
  const double y = dist_function(op, kind, p, x);
  if (std::isnan(y)) return y;
  switch (op) {
    case Op::DistDensity: {
      if (r.partials) {
        const Partials t = r.partials(p, x);
        if (!discrete) dx = y * t.dx;
        for (std::size_t k = 0; k < np && k < dp.size(); ++k) dp[k] = y * t.dp[k];
      } else {
        for (std::size_t k = 0; k < np && k < dp.size(); ++k)
          dp[k] = by_param(r, p, np, k, [&](const double* q) { return std::exp(r.logpdf_at(q, x)); });
      }
      return y;
    }
    case Op::DistCdf:
      if (!discrete) dx = std::exp(r.logpdf_at(p, x));
      for (std::size_t k = 0; k < np && k < dp.size(); ++k)
        dp[k] = by_param(r, p, np, k, [&](const double* q) { return cdf_at(r, q, x); });
      return y;
    case Op::DistQuantile: {
      if (discrete || !std::isfinite(y)) return y;
      // F(Q(u; p); p) = u: dQ/du = 1 / f(Q), dQ/dp = -(dF/dp)(Q) / f(Q).
      const double f = std::exp(r.logpdf_at(p, y));
      if (!(f > 0)) return y;
      dx = 1 / f;
      for (std::size_t k = 0; k < np && k < dp.size(); ++k)
        dp[k] = -by_param(r, p, np, k, [&](const double* q) { return cdf_at(r, q, y); }) / f;
      return y;
    }
    default: return y;
  }
}

}  // namespace alea::dist
