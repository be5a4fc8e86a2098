// The joint log density of a model at given values of its named random variables,
// with each variable's own term. Observed variables take their data.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "alea/model/model.hpp"

namespace alea {

struct LogDensity {
  double total = 0.0;
  std::vector<std::pair<std::string, double>> terms;  // in model order
};

// Throws std::invalid_argument for an unknown name, a missing value or a wrong
// shape (naming the variable and both shapes), and when the model has a random
// node whose density needs marginalization (an anonymous draw or an observed
// deterministic variable): the naive model cannot evaluate it; simplify first.
// A value outside the support gives -inf.
LogDensity log_density(const Model& m, const std::map<std::string, Value>& at);

}  // namespace alea
