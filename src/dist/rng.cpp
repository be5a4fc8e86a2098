// Seeding of independent streams, and the standard normal variate.
#include "alea/dist/rng.hpp"

#include <bit>
#include <cmath>
#include <numbers>

#include "ziggurat.hpp"

namespace alea {
namespace {

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Layers for the half density exp(-x^2 / 2) on [0, inf), built once on first use (a
// function-local static, so that no static initializer elsewhere can draw before it exists).
const dist::detail::ZigguratTable& normal_table() {
  static const dist::detail::ZigguratTable t = dist::detail::ziggurat_table<dist::detail::HalfNormalDensity>();
  return t;
}

}  // namespace

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t state = seed;
  std::uint64_t mixed = splitmix64(state) ^ (stream * 0xD1B54A32D192ED03ULL);
  std::uint64_t s2 = mixed;
  engine_.seed(splitmix64(s2));
}

// Ziggurat: measured (tests/bench/bench_draws) about twice as fast as the polar method it
// replaced, and on par with Boost.Random's ziggurat, which we do not call so that the stream
// of a seed does not depend on the Boost version. Stateless beyond the engine: the polar
// method's spare draw is gone, so a copy of an Rng continues exactly as the original.
double Rng::std_normal() {
  const dist::detail::ZigguratTable& t = normal_table();
  for (;;) {
    // Bits 0-7 pick the layer, bit 8 the sign, bits 11-63 the abscissa: all disjoint.
    const std::uint64_t bits = engine_();
    const auto i = static_cast<std::size_t>(bits & 0xff);
    const double x = dist::detail::bits_to_unit(bits) * t.x[i];
    // Sign applied by flipping the sign bit: a branch on a random bit would mispredict half the time.
    const auto with_sign = [bits](double y) {
      return std::bit_cast<double>(std::bit_cast<std::uint64_t>(y) ^ ((bits & 0x100) << 55));
    };
    if (x < t.x[i + 1]) return with_sign(x);  // inside the box under the density: 99% of draws
    if (i == 0) {
      // Tail beyond R (Marsaglia 1964): with a = E1 / R, accepting when 2 E2 > a^2 gives
      // R + a the normal density conditioned on exceeding R.
      for (;;) {
        const double a = -std::log(uniform01()) / t.r;
        const double b = -std::log(uniform01());
        if (b + b > a * a) return with_sign(t.r + a);
      }
    }
    // In the wedge between the inner box and the layer's edge: accept under the density.
    if (t.f[i] + uniform01() * (t.f[i + 1] - t.f[i]) < std::exp(-0.5 * x * x)) return with_sign(x);
  }
}

}  // namespace alea
