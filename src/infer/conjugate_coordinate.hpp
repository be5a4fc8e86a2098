// Internal to the sampler: a scalar latent whose full conditional is conjugate, drawn
// exactly in a Gibbs sweep instead of joining NUTS, as JAGS updates a precision given
// its normals or a probability given its binomials, without interpreting node by node.
//
// The conditional is recognized by its shape, not by a list of prior-likelihood pairs:
// on the unconstrained scale v the log density given everything else is, up to a
// constant, a combination of two known functions of v:
//   gamma, v = log x:    a v - b e^v                  -> x ~ gamma(a, rate b)
//   beta,  v = logit x:  a log s(v) + b log(1 - s(v)) -> x ~ beta(a, b)
// (the log Jacobian of the transform included). Three evaluations of the density give
// a and b; two more, at other points, must agree with the fit to a relative 1e-9, or
// the update falls back to slice sampling at that state. A gamma precision with normal
// children (of any number, with any means), a gamma rate of Poisson or exponential
// children, a beta probability of binomial or Bernoulli children all take this path;
// so does any other density of the same shape. A coordinate is conjugate when the
// shape holds at the plan's point (plan time); it is checked again at every update.
#pragma once
#include <cstddef>
#include <optional>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/nuts.hpp"

namespace alea::detail {

enum class ConditionalFamily { Gamma, Beta };

class ConjugateCoordinate {
 public:
  ConjugateCoordinate(std::size_t k, ConditionalFamily family) : k_(k), family_(family) {}
  // The family of coordinate k's conditional at the point u (f's transform of that
  // coordinate decides which families are tried), or nullopt.
  static std::optional<ConditionalFamily> detect(infer::LogDensityFunction& f, std::vector<double> u, std::size_t k);

  std::size_t coordinate() const { return k_; }
  ConditionalFamily family() const { return family_; }
  // An exact draw of the coordinate from its conditional; false (z unchanged) when the
  // shape does not hold at this state. z.lp is current on entry and on exit.
  bool update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng) const;

 private:
  std::size_t k_;
  ConditionalFamily family_;
};

}  // namespace alea::detail
