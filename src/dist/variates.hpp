// Internal: standard variates shared by several distributions' draws.
#pragma once
#include "alea/dist/rng.hpp"

namespace alea::dist::detail {

// Gamma(shape, 1) by Marsaglia and Tsang (2000), "A simple method for generating
// gamma variables"; for shape < 1 through the boost gamma(shape + 1) * exp(-E / shape), E ~ Exp(1).
double std_gamma(double shape, Rng& rng);

// log of a gamma(shape, 1) variate. For shape < 1 the variate itself can underflow
// (gamma(1e-3) is below 1e-300 about once in 1.4 draws), so the boost
// gamma(shape + 1) U^(1/shape) stays in logs.
double log_std_gamma(double shape, Rng& rng);

// The same draws with the constants of one shape computed once (a square root and a
// division a draw fewer): GammaVariate(shape)(rng) is std_gamma(shape, rng).
class GammaVariate {
 public:
  explicit GammaVariate(double shape);
  double operator()(Rng& rng) const;

 private:
  double marsaglia_tsang(Rng& rng) const;
  double shape_;
  bool boosted_;  // shape < 1: a draw of shape + 1, corrected
  double d_, c_;
};

// Exponential(1) by a 256-layer ziggurat.
double std_exponential(Rng& rng);

}  // namespace alea::dist::detail
