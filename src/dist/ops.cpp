// Deterministic ops on values: elementwise with scalar broadcasting, reductions,
// linear algebra and indexing.
#include "alea/dist/ops.hpp"

#include "alea/dist/dist_functions.hpp"
#include "alea/dist/op_kernels.hpp"
#include "alea/dist/record.hpp"

#include <array>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace alea::dist {
namespace {

std::size_t checked_index(double i, std::int64_t n) {
  if (!(i >= 0 && i < static_cast<double>(n) && i == std::floor(i)))
    throw std::out_of_range("index " + format_number(i + 1) + " is out of range 1.." + std::to_string(n));
  return static_cast<std::size_t>(i);
}

Value index(std::span<const Value> in) {
  std::vector<std::int64_t> out_dims;
  for (std::size_t k = 1; k < in.size(); ++k)
    if (!in[k].is_scalar()) out_dims.push_back(static_cast<std::int64_t>(in[k].size()));
  const Value& x = in[0];
  const auto& dims = x.shape().dims;
  // Column-major gather: the first index varies fastest, as in the result.
  const std::size_t rank = in.size() - 1;
  std::vector<std::size_t> stride(rank, 1), pos(rank, 0);
  for (std::size_t p = 1; p < rank; ++p) stride[p] = stride[p - 1] * static_cast<std::size_t>(dims[p - 1]);
  std::size_t total = 1;
  for (std::size_t p = 0; p < rank; ++p) total *= in[p + 1].size();
  std::vector<double> out;
  out.reserve(total);
  for (std::size_t n = 0; n < total; ++n) {
    std::size_t off = 0;
    for (std::size_t p = 0; p < rank; ++p) off += checked_index(in[p + 1][pos[p]], dims[p]) * stride[p];
    out.push_back(x[off]);
    for (std::size_t p = 0; p < rank; ++p) {
      if (++pos[p] < in[p + 1].size()) break;
      pos[p] = 0;
    }
  }
  return Value(Shape(std::move(out_dims)), std::move(out), x.type());
}

// The structure and linear-algebra ops other than Index, into `out` (sized).
void structure(Op op, std::span<const Value> in, std::vector<double>& out) {
  const auto rows = [&](std::size_t k) { return static_cast<std::size_t>(in[k].shape().dims[0]); };
  switch (op) {
    case Op::Stack: {  // inputs of one shape, concatenated (column-major)
      std::size_t k = 0;
      for (const Value& v : in)
        for (double x : v.data()) out[k++] = x;
      return;
    }
    case Op::MatVec: matmul(in[0].data(), in[1].data(), rows(0), in[1].size(), out); return;
    case Op::MatMul: matmul(in[0].data(), in[1].data(), rows(0), rows(1), out); return;
    case Op::Transpose:
      if (in[0].shape().rank() == 1) out = in[0].data();
      else transpose(in[0].data(), rows(0), out);
      return;
    case Op::Inverse: inverse(in[0].data(), out); return;
    case Op::MatExp: matrix_exp(in[0].data(), out); return;
    case Op::LogDet: out[0] = logdet(in[0].data()); return;
    case Op::IfElse:
      for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = in[0].at_broadcast(i) != 0 ? in[1].at_broadcast(i) : in[2].at_broadcast(i);
      return;
    case Op::Sort: case Op::Rank: case Op::Order: {
      const std::vector<std::size_t> p = order(in[0].data());
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (op == Op::Sort) out[k] = in[0][p[k]];
        if (op == Op::Order) out[k] = static_cast<double>(p[k] + 1);
        if (op == Op::Rank) out[p[k]] = static_cast<double>(k + 1);
      }
      return;
    }
    case Op::InterpLin: out[0] = interp_lin(in[0].scalar(), in[1].data(), in[2].data()); return;
    case Op::DistDensity: case Op::DistCdf: case Op::DistQuantile: {
      const auto kind = dist_function_kind(op, in[0].scalar());
      if (!kind) throw std::invalid_argument(std::string(op_info(op).name) + ": no such function of distribution kind " +
                                             format_number(in[0].scalar()));
      std::array<double, kMaxScalarParams> p{};
      for (std::size_t i = 0; i < out.size(); ++i) {
        for (std::size_t k = 2; k < in.size(); ++k) p[k - 2] = in[k].at_broadcast(i);
        out[i] = dist_function(op, *kind, p.data(), in[1].at_broadcast(i));
      }
      return;
    }
    default: throw std::logic_error("evaluate: unhandled structure op");
  }
}

}  // namespace

Value evaluate(Op op, std::span<const Value> in) {
  std::vector<Shape> shapes;
  std::vector<ScalarType> types;
  for (const Value& v : in) {
    shapes.push_back(v.shape());
    types.push_back(v.type());
  }
  const Shape shape = result_shape(op, shapes);
  const ScalarType type = result_type(op, types);
  const OpInfo& info = op_info(op);
  std::vector<double> out;
  switch (info.cls) {
    case OpClass::Unary:
      out.reserve(in[0].size());
      with_unary(op, [&](auto f, auto) {
        for (double x : in[0].data()) out.push_back(f(x));
      });
      break;
    case OpClass::Binary: {
      const auto n = static_cast<std::size_t>(shape.size());
      out.resize(n);
      with_binary(op, [&](auto f, auto) {
        for (std::size_t i = 0; i < n; ++i) out[i] = f(in[0].at_broadcast(i), in[1].at_broadcast(i));
      });
      break;
    }
    case OpClass::Reduction:
      if (op == Op::Dot) {
        out.push_back(std::inner_product(in[0].data().begin(), in[0].data().end(), in[1].data().begin(), 0.0));
      } else {
        out.push_back(reduce(op, in[0].data()));
      }
      break;
    case OpClass::Structure:
      if (op == Op::Index) return index(in);
      out.resize(static_cast<std::size_t>(shape.size()));
      structure(op, in, out);
      break;
    case OpClass::Leaf: throw std::logic_error("evaluate: leaf op");
  }
  return Value(shape, std::move(out), type);
}

}  // namespace alea::dist
