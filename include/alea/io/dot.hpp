// Graphviz DOT of a model: named variables as labelled nodes (stochastic as
// ellipses, deterministic as boxes, observed shaded), anonymous draws as small
// ellipses, deterministic intermediate expressions folded into their users' edges.
#pragma once
#include <string>

#include "alea/model/model.hpp"

namespace alea::io {

std::string to_dot(const Model& m, const std::string& title = "model");

}  // namespace alea::io
