// Loader's saddle-point log mass terms and the probability-vector check.
#include "discrete_detail.hpp"

#include <array>
#include <cmath>

#include "alea/dist/check.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist::detail {
namespace {
constexpr double kLogSqrt2Pi = 0.91893853320467274178;
constexpr double kLog2Pi = 1.83787706640934548356;
}  // namespace

double stirlerr(double x) {
  if (x <= 15.0) {
    // Here the terms are small, so the cancellation costs only a few ulps of lgamma(16).
    if (x == 0.0) return 0.0;
    return std::lgamma(x + 1.0) - (x + 0.5) * std::log(x) + x - kLogSqrt2Pi;
  }
  // Stirling's series B_2k / (2k (2k - 1) x^(2k - 1)); six terms reach double precision at x > 15.
  constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188,
                   s5 = 691.0 / 360360;
  const double y = 1.0 / (x * x);
  return (s0 - y * (s1 - y * (s2 - y * (s3 - y * (s4 - y * s5))))) / x;
}

double stirlerr_int(double x) {
  // Built once from the lgamma form; lgamma per call would cost more than the rejection
  // tests of PTRS and BTRS that use this.
  static const auto table = [] {
    std::array<double, 16> t{};
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = stirlerr(static_cast<double>(k));
    return t;
  }();
  return x <= 15.0 ? table[static_cast<std::size_t>(x)] : stirlerr(x);
}

double bd0(double x, double m) {
  if (std::abs(x - m) < 0.1 * (x + m)) {
    // With v = (x - m) / (x + m): bd0 = (x - m) v + 2x sum_{j>=1} v^(2j+1) / (2j + 1),
    // every term of one sign, so nothing cancels.
    const double v = (x - m) / (x + m);
    double s = (x - m) * v;
    double ej = 2.0 * x * v;
    const double v2 = v * v;
    for (int j = 1; j < 1000; ++j) {
      ej *= v2;
      const double s1 = s + ej / (2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
    return s;
  }
  const double r = x / m;
  // A denormal m can overflow the ratio although the result is finite.
  const double lr = std::isfinite(r) ? std::log(r) : std::log(x) - std::log(m);
  return x * lr + m - x;
}

double binomial_log_pmf_raw(double x, double n, double p, double q) {
  if (x < 0.0 || x > n) return kNegInf;
  if (p == 0.0) return x == 0.0 ? 0.0 : kNegInf;
  if (q == 0.0) return x == n ? 0.0 : kNegInf;
  if (x == 0.0) {
    if (n == 0.0) return 0.0;
    // n log q from whichever of p and q is the smaller, which carries the digits
    // (1 - p rounded would lose those of a tiny p).
    return p < 0.5 ? n * std::log1p(-p) : n * std::log(q);
  }
  if (x == n) return q < 0.5 ? n * std::log1p(-q) : n * std::log(p);
  const double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const double lf = kLog2Pi + std::log(x) + std::log1p(-x / n);
  return lc - 0.5 * lf;
}

double poisson_log_pmf_raw(double x, double lambda) {
  if (x == 0.0) return -lambda;
  return -stirlerr(x) - bd0(x, lambda) - 0.5 * (kLog2Pi + std::log(x));
}

std::string check_probability_vector(std::string_view what, std::span<const double> p) {
  if (p.empty()) return std::string(what) + " has no elements, but must have at least one";
  double sum = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    auto why = check_nonnegative_finite(std::string(what) + "[" + std::to_string(i + 1) + "]", p[i]);
    if (!why.empty()) return why;
    sum += p[i];
  }
  if (std::abs(sum - 1.0) > 1e-8)
    return std::string(what) + " sums to " + format_number(sum) + ", but must sum to 1 (within 1e-8 relative)";
  return {};
}

}  // namespace alea::dist::detail
