// Ancestral (forward) sampling of a model's joint prior: every draw in dependency
// order, observations ignored (the prior predictive of observed variables).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/draw_table.hpp"
#include "alea/model/model.hpp"

namespace alea {

// `n` joint draws of the named variables in `variables` (default: every named
// variable that is not data), with lp__ the joint log density of all the draws in
// the row. Throws std::domain_error naming the variable when a parameter computed
// from other draws is invalid (for example a negative scale), never a silent NaN.
DrawTable sample_prior(const Model& m, std::size_t n, Rng& rng, std::vector<std::string> variables = {});

}  // namespace alea
