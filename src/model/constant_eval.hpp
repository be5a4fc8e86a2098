// Internal: the value of a node that depends on constants only.
#pragma once
#include "alea/graph/graph.hpp"

namespace alea::detail {

// Throws std::logic_error when a draw is reachable from `id`.
Value constant_value(const Graph& g, NodeId id);

}  // namespace alea::detail
