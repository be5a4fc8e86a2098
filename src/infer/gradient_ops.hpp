// Internal: value and reverse-mode partials of every deterministic op of the graph
// on flat arrays (no allocation), for the compiled log density in gradient.cpp.
#pragma once
#include <span>

#include "alea/graph/op.hpp"
#include "alea/infer/dist_gradient.hpp"

namespace alea::infer::detail {

// `rows` is the number of rows of input 0 when it is a matrix, else 0.
void op_forward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<double> out);

// Adds d(out . gout)/d in[k] into gin[k] (null: not needed). A scalar input broadcast
// over a vector output gets the sum.
void op_backward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<const double> out,
                 std::span<const double> gout, std::span<double* const> gin);

}  // namespace alea::infer::detail
