// Exact posterior draws and the exact log marginal likelihood (evidence) of a model
// whose latents are all conjugate (rewrite::conjugate): forward sampling of the
// factorized model with the observed variables held at their data.
#pragma once
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/draw_table.hpp"
#include "alea/rewrite/conjugacy.hpp"

namespace alea {

// `n` iid draws of `variables` (default: every unobserved named variable) from the
// posterior, lp__ the joint log density of the row (observed terms included). The nodes
// computed from data alone (sufficient statistics such as sum(y)) are evaluated once,
// so a draw costs the same whatever the number of observations. Throws
// std::invalid_argument naming the latents that remain when the model is not fully
// conjugate.
DrawTable sample_posterior(const rewrite::Factorization& f, std::size_t n, Rng& rng,
                           std::vector<std::string> variables = {});

// log p(y): the sum of the observed variables' marginal log densities at their data.
// Throws std::invalid_argument naming the remaining latents when the model is not
// fully conjugate.
double log_evidence(const rewrite::Factorization& f);

}  // namespace alea
