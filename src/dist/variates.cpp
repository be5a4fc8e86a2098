// Standard gamma and exponential variates.
#include "variates.hpp"

#include <cmath>

#include "ziggurat.hpp"

namespace alea::dist::detail {
namespace {

const ZigguratTable& exponential_table() {
  static const ZigguratTable t = ziggurat_table<ExponentialDensity>();
  return t;
}

}  // namespace

// Ziggurat: measured (tests/bench/bench_draws) faster than -log(U), whose log dominated.
double std_exponential(Rng& rng) {
  const ZigguratTable& t = exponential_table();
  double offset = 0.0;
  for (;;) {
    // Bits 0-7 pick the layer, bits 11-63 the abscissa.
    const std::uint64_t bits = rng();
    const auto i = static_cast<std::size_t>(bits & 0xff);
    const double x = bits_to_unit(bits) * t.x[i];
    if (x < t.x[i + 1]) return offset + x;
    if (i == 0) {
      // The tail beyond R is R plus another Exp(1) (memorylessness): start over, shifted.
      offset += t.r;
      continue;
    }
    if (t.f[i] + rng.uniform01() * (t.f[i + 1] - t.f[i]) < std::exp(-x)) return offset + x;
  }
}

double std_gamma(double shape, Rng& rng) { return GammaVariate(shape)(rng); }

double log_std_gamma(double shape, Rng& rng) {
  if (shape >= 1) return std::log(std_gamma(shape, rng));
  return std::log(std_gamma(shape + 1.0, rng)) + std::log(rng.uniform01()) / shape;
}

GammaVariate::GammaVariate(double shape)
    : shape_(shape), boosted_(shape < 1.0), d_((boosted_ ? shape + 1.0 : shape) - 1.0 / 3.0),
      c_(1.0 / std::sqrt(9.0 * d_)) {}

double GammaVariate::operator()(Rng& rng) const {
  if (!boosted_) return marsaglia_tsang(rng);
  // Boost the shape by one and correct: if Y ~ gamma(a + 1), Y * U^(1/a) ~ gamma(a),
  // with log U = -E drawn as an Exp(1) from the ziggurat (one log fewer). In log space
  // so that tiny shapes do not underflow to a spurious 0 early.
  const double y = marsaglia_tsang(rng);
  return std::exp(std::log(y) - std_exponential(rng) / shape_);
}

double GammaVariate::marsaglia_tsang(Rng& rng) const {
  for (;;) {
    double x, v;
    do {
      x = rng.std_normal();
      v = 1.0 + c_ * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d_ * v;
    if (std::log(u) < 0.5 * x2 + d_ * (1.0 - v + std::log(v))) return d_ * v;
  }
}

}  // namespace alea::dist::detail
