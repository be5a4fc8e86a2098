// Internal: pieces of gamma-type log densities that stay accurate when the shapes are
// large, where lgamma(a) and a * log(x) are huge and cancel (after Loader, 2000,
// "Fast and accurate computation of binomial probabilities").
#pragma once
#include <array>
#include <cmath>

namespace alea::dist::detail {

inline constexpr double kHalfLog2Pi = 0.91893853320467274178;  // log(2 pi) / 2

// lgamma(a) - ((a - 1/2) log(a) - a + log(2 pi) / 2), the error of Stirling's formula.
// The asymptotic series is used from a = 10 on, where seven terms leave < 1e-15.
inline double stirling_error(double a) {
  if (a < 10.0) return std::lgamma(a) - ((a - 0.5) * std::log(a) - a + kHalfLog2Pi);
  const double r = 1.0 / a, r2 = r * r;
  return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360360))))));
}

// a log(a / m) + m - a >= 0, without the cancellation of its terms when m is near a:
// with v = (a - m) / (a + m), log(a / m) = 2 atanh(v), so the value is the series
// (a - m) v + 2 a sum_{j >= 1} v^(2j+1) / (2j + 1), all of whose terms have one sign.
inline double deviance_term(double a, double m) {
  const double diff = a - m;
  if (std::abs(diff) >= 0.1 * (a + m)) return a * std::log(a / m) + m - a;
  // |v| < 0.1: each term is under 1/100 of the last, and 1/(2j + 1) from a table
  // (a multiplication, not a division, on the series' serial path).
  static constexpr auto kInverseOdd = [] {
    std::array<double, 32> r{};
    for (std::size_t j = 0; j < r.size(); ++j) r[j] = 1.0 / static_cast<double>(2 * j + 1);
    return r;
  }();
  const double v = diff / (a + m), v2 = v * v;
  if (v2 < 4e-4) {
    // |v| < 0.02 (a gamma posterior's draws, nearly all): five terms of the sum
    // v^2 / 3 + v^4 / 5 + ... leave under 3e-18 of it, by a fixed polynomial in v^2 (no
    // loop whose exit the branch predictor misses).
    const double tail = v2 * (1.0 / 3 + v2 * (1.0 / 5 + v2 * (1.0 / 7 + v2 * (1.0 / 9 + v2 * (1.0 / 11)))));
    return diff * v + 2.0 * a * v * tail;
  }
  double sum = diff * v;
  double term = 2.0 * a * v;
  for (int j = 1; j < 1000; ++j) {
    term *= v2;
    const double next = sum + (j < 32 ? term * kInverseOdd[static_cast<std::size_t>(j)] : term / (2 * j + 1));
    if (next == sum) break;
    sum = next;
  }
  return sum;
}

}  // namespace alea::dist::detail
