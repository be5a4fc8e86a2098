// Internal: layer tables of the ziggurat method (Marsaglia and Tsang 2000, "The ziggurat
// method for generating random variables", J. Statist. Software 5) for a decreasing
// density f on [0, inf), shared by the standard normal and exponential variates.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace alea::dist::detail {

// 256 layers of equal area V cover f: the base layer is the box [0, R] x [0, f(R)] plus
// the tail beyond R, and layer i >= 1 is the box [0, x[i]] x [f(x[i]), f(x[i + 1])].
// A draw picks a layer from 8 bits of one 64-bit word and a point in it from 53 others;
// 256 rather than 128 layers keep the share of draws needing more than that word below 1%.
struct ZigguratTable {
  static constexpr int kLayers = 256;
  // x[0] = V / f(R) (the width the base layer would have as a box of area V), x[1] = R,
  // decreasing to x[256] = 0.
  std::array<double, kLayers + 1> x{};
  // f(x[i]) for i >= 1.
  std::array<double, kLayers + 1> f{};
  double r = 0.0;
};

// The densities the tables are for: f (up to a constant), its inverse, the tail mass
// tail(R) = the integral of f from R to inf, a bracket for R, and R itself.
//
// R is the smallest double whose layers close: the top layer's area matches V to
// rounding (a rounded R from the literature leaves the top layer slightly too large or
// small, which biases the draws near the mode). It was found by solve_ziggurat_r and is
// written here so that a run does not search for it (26 builds of 256 layers, a quarter
// of a millisecond of every run that draws); tests/dist/test_normal.cpp checks that it
// is still that double.
struct HalfNormalDensity {
  static double f(double x) { return std::exp(-0.5 * x * x); }
  static double f_inv(double y) { return std::sqrt(-2.0 * std::log(y)); }
  static double tail(double r) { return std::sqrt(0.5 * std::numbers::pi) * std::erfc(r * std::numbers::sqrt2 / 2.0); }
  static constexpr double kLo = 3.0, kHi = 4.5;
  static constexpr double kR = 0x1.d3bb48209ad34p+1;  // 3.6541528853610088
};

struct ExponentialDensity {
  static double f(double x) { return std::exp(-x); }
  static double f_inv(double y) { return -std::log(y); }
  static double tail(double r) { return std::exp(-r); }
  static constexpr double kLo = 5.0, kHi = 10.0;
  static constexpr double kR = 0x1.ec9d9297ebb83p+2;  // 7.6971174701310497
};

// Builds the layers of density D for R into t and returns the top layer's area minus
// V: negative (or layers that reach f(0) before the last) when R is too small, positive
// or zero when the layers close.
template <class D>
double build_ziggurat_layers(ZigguratTable& t, double r) {
  constexpr int n = ZigguratTable::kLayers;
  const double v = r * D::f(r) + D::tail(r);
  t.r = r;
  t.x[0] = v / D::f(r);
  t.x[1] = r;
  for (int i = 1; i < n - 1; ++i) {
    const double y = D::f(t.x[i]) + v / t.x[i];
    if (y >= D::f(0.0)) return -1.0;
    t.x[i + 1] = D::f_inv(y);
  }
  t.x[n] = 0.0;
  return t.x[n - 1] * (D::f(0.0) - D::f(t.x[n - 1])) - v;
}

// The smallest R in D's bracket whose layers close: the bracket narrowed down to
// adjacent doubles, ending on the side that closes. False position with the Illinois
// halving of the stale end takes about half the builds of bisection; a step that leaves
// more than half the bracket two steps running is followed by a bisection, so the
// narrowing never stalls.
template <class D>
double solve_ziggurat_r() {
  ZigguratTable t;
  double r_lo = D::kLo, r_hi = D::kHi;
  double f_lo = build_ziggurat_layers<D>(t, r_lo), f_hi = build_ziggurat_layers<D>(t, r_hi);
  double width_before = r_hi - r_lo;
  int stale = 0, slow = 0;  // stale: the end kept by the last steps (-1 low, +1 high)
  for (int it = 0; it < 400; ++it) {
    double mid = slow >= 2 ? 0.5 * (r_lo + r_hi) : r_hi - f_hi * (r_hi - r_lo) / (f_hi - f_lo);
    if (!(mid > r_lo && mid < r_hi)) mid = 0.5 * (r_lo + r_hi);
    if (mid <= r_lo || mid >= r_hi) break;
    const double f_mid = build_ziggurat_layers<D>(t, mid);
    if (f_mid < 0.0) {
      r_lo = mid, f_lo = f_mid;
      if (stale == 1) f_hi *= 0.5;
      stale = 1;
    } else {
      r_hi = mid, f_hi = f_mid;
      if (stale == -1) f_lo *= 0.5;
      stale = -1;
    }
    const double width = r_hi - r_lo;
    slow = width > 0.5 * width_before ? slow + 1 : 0;
    if (slow == 0 || slow > 2) width_before = width;
  }
  return r_hi;
}

// D's table at its R.
template <class D>
ZigguratTable ziggurat_table() {
  ZigguratTable t;
  build_ziggurat_layers<D>(t, D::kR);
  for (int i = 1; i <= ZigguratTable::kLayers; ++i) t.f[static_cast<std::size_t>(i)] = D::f(t.x[static_cast<std::size_t>(i)]);
  return t;
}

// 53 bits of a 64-bit word as a double in [0, 1).
inline double bits_to_unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace alea::dist::detail
