// The rule sets. Each family lives in one file with its rules written as close to
// the maths as patterns allow: rules_algebra.cpp (pointwise identities),
// rules_closure.cpp (equalities in distribution).
#pragma once
#include <vector>

#include "alea/rewrite/rule.hpp"

namespace alea::rewrite {

// Pointwise identities: commutativity, associativity, distributivity, identities,
// exp/log, powers. Constant folding is the constant analysis, not a rule.
std::vector<Rule> algebra_rules();

// Closure of distribution families under the ops (sums of independent normals, ...).
std::vector<Rule> closure_rules();

}  // namespace alea::rewrite
