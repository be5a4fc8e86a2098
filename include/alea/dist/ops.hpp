// Evaluation of the deterministic ops of the model graph on values.
#pragma once
#include <span>

#include "alea/graph/op.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist {

// The value of a deterministic op. Domain errors of elementary functions follow
// IEEE (log(-1) is NaN, log(0) is -inf); an index out of range throws
// std::out_of_range naming the index and the length.
Value evaluate(Op op, std::span<const Value> inputs);

}  // namespace alea::dist
