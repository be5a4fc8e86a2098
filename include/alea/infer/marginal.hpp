// The log density of a model's given values with every other random variable
// integrated out: exact where the model's density needs no marginalization, else
// estimated with its standard error (alea compare's naive column, a model's evidence).
#pragma once
#include <cstddef>
#include <map>
#include <string>

#include "alea/dist/rng.hpp"
#include "alea/model/model.hpp"

namespace alea {

struct MarginalEstimate {
  double log_density = 0;
  double se = 0;       // standard error of log_density; 0 when exact
  std::string method;  // "exact", or how it was estimated
  std::size_t draws = 0;
};

// log p(given values, observed data), the other random variables integrated out.
// `at` gives values of random variables by name (as alea::log_density).
//  - exact: when the joint density of the given variables needs no other variable
//    (alea::log_density);
//  - likelihood weighting otherwise: importance sampling with the prior as proposal.
//    Each of `draws` samples draws the other variables from their conditionals given
//    their parents (the given values held), in the graph's order, and is weighed by
//    the density of the given draws given their parents;
//  - conditional Monte Carlo for a given value that is a deterministic function
//    z = f(x, ...) of a nuisance draw x of z's shape (z <- x + y): x is not drawn but
//    solved from f(x) = z (Newton's method with a finite-difference Jacobian; f must be
//    one-to-one in x), and the weight has p(x | parents) / |det df/dx|. x reaches z
//    through deterministic nodes only and reaches no other given value.
// The estimate is log of the mean weight; its standard error is the delta method's,
// sd(w) / (sqrt(draws) mean(w)). Throws std::invalid_argument for an unknown variable,
// a wrong shape, or a deterministic given value with no such x.
MarginalEstimate marginal_log_density(const Model& m, const std::map<std::string, Value>& at, std::size_t draws,
                                      Rng& rng);

// log p(observed data), every latent integrated out: the evidence. Exact when nothing is
// latent. Otherwise importance sampling on the unconstrained scale from a multivariate
// t (5 degrees of freedom) fitted to the mean and covariance of 1,000 posterior draws of
// a pilot run of the sampler (seed `seed`): `draws` weights p(data, x(u)) |J(u)| / q(u).
// Where the sampler cannot run on the model (discrete latents, an observed function of
// random variables) or a draw cannot be mapped back, likelihood weighting
// (marginal_log_density), whose prior proposal is poor when the prior is vague.
MarginalEstimate log_evidence(const Model& m, std::size_t draws, Rng& rng, std::uint64_t seed);

}  // namespace alea
