// Internal: the range (sign and support) of an op's result from its operands'
// ranges, by interval arithmetic, and the support of each distribution.
#pragma once
#include <span>

#include "alea/graph/dist_kind.hpp"
#include "alea/graph/op.hpp"
#include "alea/rewrite/analysis.hpp"

namespace alea::rewrite::detail {

Range op_range(Op op, std::span<const Range> in);
Range draw_range(DistKind dist, std::span<const Range> params);
Range value_range(const Value& v);

}  // namespace alea::rewrite::detail
