// Internal: layer tables of the ziggurat method (Marsaglia and Tsang 2000, "The ziggurat
// method for generating random variables", J. Statist. Software 5) for a decreasing
// density f on [0, inf), shared by the standard normal and exponential variates.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>

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

// Tables for density f (up to a constant) with inverse f_inv and tail mass tail(R) = the
// integral of f from R to inf. R is not a hard-coded constant but solved here so that the
// top layer's area matches V to rounding: a rounded R from the literature leaves the top
// layer slightly too large or small, which biases the draws near the mode.
template <class F, class FInv, class Tail>
ZigguratTable make_ziggurat(F f, FInv f_inv, Tail tail, double r_lo, double r_hi) {
  constexpr int n = ZigguratTable::kLayers;
  ZigguratTable t;
  // Builds the layers for R and returns top layer area minus V: negative (or layers that
  // reach f(0) before the last) when R is too small, positive when too large.
  auto build = [&](double r) {
    const double v = r * f(r) + tail(r);
    t.r = r;
    t.x[0] = v / f(r);
    t.x[1] = r;
    for (int i = 1; i < n - 1; ++i) {
      const double y = f(t.x[i]) + v / t.x[i];
      if (y >= f(0.0)) return -1.0;
      t.x[i + 1] = f_inv(y);
    }
    t.x[n] = 0.0;
    return t.x[n - 1] * (f(0.0) - f(t.x[n - 1])) - v;
  };
  // The bracket narrowed down to adjacent doubles; ends on the side whose layers close
  // (r_hi). False position with the Illinois halving of the stale end takes about ten
  // builds where bisection takes fifty (each build is 256 exp, log and sqrt: start-up
  // time of every run that draws); a step that leaves more than half the bracket two
  // steps running is followed by a bisection, so the narrowing never stalls.
  double f_lo = build(r_lo), f_hi = build(r_hi), width_before = r_hi - r_lo;
  int stale = 0, slow = 0;  // stale: the end kept by the last steps (-1 low, +1 high)
  for (int it = 0; it < 400; ++it) {
    double mid = slow >= 2 ? 0.5 * (r_lo + r_hi) : r_hi - f_hi * (r_hi - r_lo) / (f_hi - f_lo);
    if (!(mid > r_lo && mid < r_hi)) mid = 0.5 * (r_lo + r_hi);
    if (mid <= r_lo || mid >= r_hi) break;
    const double f_mid = build(mid);
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
  build(r_hi);
  for (int i = 1; i <= n; ++i) t.f[i] = f(t.x[i]);
  return t;
}

// 53 bits of a 64-bit word as a double in [0, 1).
inline double bits_to_unit(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

}  // namespace alea::dist::detail
