// Truncation to [lo, hi] (BUGS's T(lo, hi)) of a scalar distribution that has a
// distribution function in its record (Cdf, record.hpp).
//
// Why a kind per truncated family rather than one Truncated kind: a graph node carries
// one DistKind and its parameters are graph values, so one generic kind would have to
// carry the base kind as a parameter (a constant that gradients, the range analysis and
// the rewriter would each have to know is not a number). A kind per family, made by one
// template (src/dist/truncated.cpp), keeps every layer as it is: the parameters are the
// base's followed by lo and hi, and the support spec states that the support is
// [lo, hi] (lo and hi at most the base's own ends), so the sampler's transform and the
// range analysis follow from it. The families are one list, ALEA_TRUNCATABLE
// (graph/dist_kind.hpp), which the enum, the name table (parameters: the base's, then
// lo and hi), the registry and truncated.cpp expand: adding a family whose record has
// a Cdf is one line there. A discrete base (a count) is truncated to the integers in
// [lo, hi], its mass F(floor(hi)) - F(ceil(lo) - 1).
#pragma once
#include <optional>

#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

// The truncated kind of a base kind, nullopt when it has none (no distribution function).
std::optional<DistKind> truncated_kind(DistKind base);
// The base kind of a truncated kind (nullopt for any other kind).
std::optional<DistKind> truncation_base(DistKind truncated);

}  // namespace alea::dist
