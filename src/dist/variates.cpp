// Standard gamma and exponential variates.
#include "variates.hpp"

#include <cmath>

namespace alea::dist::detail {

double std_exponential(Rng& rng) { return -std::log(rng.uniform01()); }

double std_gamma(double shape, Rng& rng) {
  if (shape < 1.0) {
    // Boost the shape by one and correct: if Y ~ gamma(a + 1), Y * U^(1/a) ~ gamma(a).
    // In log space so that tiny shapes do not underflow to a spurious 0 early.
    const double y = std_gamma(shape + 1.0, rng);
    return std::exp(std::log(y) + std::log(rng.uniform01()) / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = rng.std_normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace alea::dist::detail
