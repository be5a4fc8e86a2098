// Conjugacy: prior x likelihood rewritten into marginal x posterior,
//   p(theta) p(y | theta) = p(y) p(theta | y),
// for the conjugate pairs of src/rewrite/conjugacy_*.cpp. The result is an ordinary
// Model whose edges between a conjugate latent and its observed child are reversed:
// the child gets its marginal (a named distribution of the prior's parameters) and the
// latent its posterior (a draw whose parameters are expressions of the observed data
// and of the other parents). Its joint density equals the original one at every point,
// and forward sampling it with the observed variables held at their data gives exact
// posterior draws of the latents that no longer have observed descendants.
#pragma once
#include <string>
#include <vector>

#include "alea/model/model.hpp"

namespace alea::rewrite {

struct Factorization {
  Model model;
  // Latents drawn exactly given the rest: no observed descendants after refactoring.
  std::vector<std::string> exact;
  // Latents that still need MCMC (they have observed descendants); given their values,
  // the `exact` ones are drawn forward (Gibbs blocks for a sampler).
  std::vector<std::string> remaining;
  // The rule applications, readable: "gamma-poisson: lambda | y ~ gamma, y ~ poisson_gamma_joint".
  std::vector<std::string> trace;
  bool fully_conjugate() const { return remaining.empty(); }
};

// Applies the conjugate-pair rules until none fires (a rule applies again to a latent
// whose posterior is conjugate to a further observed child, and through chains such as
// mu -> theta[j] -> y[j]: once theta is integrated out of y's law, mu is conjugate to it).
Factorization conjugate(const Model& m);

}  // namespace alea::rewrite
