// Internal to the sampler: exact draws of a one-dimensional residual. When what the
// rewriter leaves to sample is a single continuous coordinate (eight schools' tau once
// theta and mu are integrated out; a normal's precision once its mean is), its
// posterior on the unconstrained scale is inverted numerically once, and every draw is
// independent: F^-1(U), U uniform, then the rest exactly given it. No warmup, no
// autocorrelation: effective draws = draws.
//
// The inversion is UNU.RAN's PINV (Derflinger, Hörmann and Leydold 2010: Newton
// interpolation of the inverse CDF with Gauss-Lobatto quadrature), made for this: its
// u-error |U - F(F^-1_approx(U))| is at most kUResolution, so the draws' law is within
// kUResolution of the posterior in Kolmogorov distance. The density need not be
// normalized; it is shifted by its value at the mode so that exp() cannot underflow.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "alea/infer/gradient.hpp"
#include "alea/dist/rng.hpp"

namespace alea::detail {

class ResidualInversion {
 public:
  static constexpr double kUResolution = 1e-10;

  // The inversion of f's density over its one coordinate (f.dimension() == 1), or
  // nullopt with the reason in `why` (a density PINV cannot invert: no mode found, an
  // improper tail, a failed setup). Evaluates f a few thousand times; not thread-safe.
  static std::optional<ResidualInversion> build(infer::LogDensityFunction& f, std::string& why);

  // F^-1(u) for u in (0, 1): read-only, so chains may share one inversion.
  double quantile(double u) const;
  double draw(Rng& rng) const { return quantile(rng.uniform01()); }
  double mode() const { return mode_; }

  ResidualInversion(ResidualInversion&&) noexcept;
  ResidualInversion& operator=(ResidualInversion&&) noexcept;
  ~ResidualInversion();

 private:
  struct Generator;
  ResidualInversion(std::unique_ptr<Generator> g, double mode);
  std::unique_ptr<Generator> gen_;
  double mode_ = 0;
};

}  // namespace alea::detail
