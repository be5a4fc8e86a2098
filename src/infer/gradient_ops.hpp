// Internal: value and reverse-mode partials of every deterministic op of the graph
// on flat arrays (no allocation), for the compiled log density in gradient.cpp.
#pragma once
#include <span>

#include <optional>
#include <vector>

#include "alea/graph/graph.hpp"
#include "alea/graph/op.hpp"
#include "alea/infer/dist_gradient.hpp"

namespace alea::infer::detail {

// The value of a function of constants alone (graph.is_constant_expr(id)): the cut
// points of a dinterval, the bounds of a uniform.
std::vector<double> constant_value(const Graph& g, NodeId id);

// What makes a signed scale and its partners (gradient.hpp's SignedScale), one test
// for find_signed_scales and for the density that takes them. The half-width U of a
// scale's mirrored support: uniform(0, U) with constant bounds, or infinity for a
// half-normal or half-Cauchy (priors whose mirror image p(|s|) is smooth at 0: flat or
// even; a gamma or an exponential would put a pole or a kink there); nullopt for any
// other draw.
std::optional<double> mirrored_bound(const Graph& g, NodeId scale);
// A normal(0, c) draw: its mean a constant zero, c constant.
bool standard_partner(const Graph& g, NodeId draw);

// `rows` is the number of rows of input 0 when it is a matrix, else 0.
void op_forward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<double> out);

// Adds d(out . gout)/d in[k] into gin[k] (null: not needed). A scalar input broadcast
// over a vector output gets the sum.
void op_backward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<const double> out,
                 std::span<const double> gout, std::span<double* const> gin);

}  // namespace alea::infer::detail
