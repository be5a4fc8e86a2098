// Values and partial derivatives of the deterministic ops on flat arrays. The
// elementwise functions and their derivatives are in dist/op_kernels.hpp. Min, Max,
// Abs, MaxOf, MinOf take the subgradient of the branch chosen; piecewise-constant ops
// (Step, comparisons, logic, Round, Trunc, Rank, Order) have derivative 0.
#include "gradient_ops.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "alea/dist/dist_functions.hpp"
#include "alea/dist/ops.hpp"
#include "alea/dist/op_kernels.hpp"
#include "alea/dist/record.hpp"
#include "alea/graph/value.hpp"

namespace alea::infer::detail {
namespace {

std::size_t checked_index(double i, std::size_t n) {
  if (!(i >= 0 && i < static_cast<double>(n) && i == std::floor(i)))
    throw std::out_of_range("index " + format_number(i + 1) + " is out of range 1.." + std::to_string(n));
  return static_cast<std::size_t>(i);
}

using dist::with_binary;
using dist::with_unary;

std::span<const double> span_of(ArrayView v) { return {v.data, v.n}; }

// A scalar broadcast over n elements: index 0 for every i.
std::size_t at(ArrayView v, std::size_t i) { return v.n == 1 ? 0 : i; }

DistKind dist_function_kind_or_throw(Op op, ArrayView code) {
  const auto kind = dist::dist_function_kind(op, code.data[0]);
  if (!kind) throw std::logic_error(std::string(op_info(op).name) + ": not a distribution kind with this function");
  return *kind;
}

void structure_forward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<double> out) {
  switch (op) {
    case Op::Stack: {  // inputs of one size, concatenated
      std::size_t k = 0;
      for (const ArrayView& v : in)
        for (std::size_t i = 0; i < v.n; ++i) out[k++] = v.data[i];
      return;
    }
    case Op::Index:
      if (in.size() > 3)
        throw std::invalid_argument("a random index into an array of rank 3 or more is not supported yet");
      if (in.size() == 2) {
        for (std::size_t k = 0; k < in[1].n; ++k) out[k] = in[0].data[checked_index(in[1].data[k], in[0].n)];
      } else {
        const std::size_t cols = in[0].n / rows;
        std::size_t k = 0;
        for (std::size_t jj = 0; jj < in[2].n; ++jj)
          for (std::size_t ii = 0; ii < in[1].n; ++ii)
            out[k++] = in[0].data[checked_index(in[1].data[ii], rows) + rows * checked_index(in[2].data[jj], cols)];
      }
      return;
    case Op::MatVec: dist::matmul(span_of(in[0]), span_of(in[1]), rows, in[1].n, out); return;
    case Op::MatMul: dist::matmul(span_of(in[0]), span_of(in[1]), rows, in[0].n / rows, out); return;
    case Op::Transpose:
      if (rows == 0) std::copy(in[0].data, in[0].data + in[0].n, out.begin());  // a vector
      else dist::transpose(span_of(in[0]), rows, out);
      return;
    case Op::Inverse: dist::inverse(span_of(in[0]), out); return;
    case Op::MatExp: dist::matrix_exp(span_of(in[0]), out); return;
    case Op::LogDet: out[0] = dist::logdet(span_of(in[0])); return;
    case Op::IfElse:
      for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = in[0].data[at(in[0], i)] != 0 ? in[1].data[at(in[1], i)] : in[2].data[at(in[2], i)];
      return;
    case Op::Sort: case Op::Rank: case Op::Order: {
      const std::vector<std::size_t> p = dist::order(span_of(in[0]));
      for (std::size_t k = 0; k < p.size(); ++k) {
        if (op == Op::Sort) out[k] = in[0].data[p[k]];
        if (op == Op::Order) out[k] = static_cast<double>(p[k] + 1);
        if (op == Op::Rank) out[p[k]] = static_cast<double>(k + 1);
      }
      return;
    }
    case Op::InterpLin: out[0] = dist::interp_lin(in[0].data[0], span_of(in[1]), span_of(in[2])); return;
    case Op::DistDensity: case Op::DistCdf: case Op::DistQuantile: {
      const DistKind kind = dist_function_kind_or_throw(op, in[0]);
      std::array<double, dist::kMaxScalarParams> p{};
      for (std::size_t i = 0; i < out.size(); ++i) {
        for (std::size_t k = 2; k < in.size(); ++k) p[k - 2] = in[k].data[at(in[k], i)];
        out[i] = dist::dist_function(op, kind, p.data(), in[1].data[at(in[1], i)]);
      }
      return;
    }
    default: throw std::logic_error("op_forward: unhandled structure op");
  }
}

// A broadcast scalar input gets the sum of its elements' partials.
void dist_function_backward(Op op, std::span<const ArrayView> in, std::span<const double> gout,
                            std::span<double* const> gin) {
  const DistKind kind = dist_function_kind_or_throw(op, in[0]);
  const std::size_t np = in.size() - 2;
  std::array<double, dist::kMaxScalarParams> p{}, dp{};
  for (std::size_t i = 0; i < gout.size(); ++i) {
    if (gout[i] == 0) continue;
    for (std::size_t k = 0; k < np; ++k) p[k] = in[k + 2].data[at(in[k + 2], i)];
    double dx = 0;
    dist::dist_function_partials(op, kind, p.data(), in[1].data[at(in[1], i)], dx, {dp.data(), np});
    if (gin[1]) gin[1][at(in[1], i)] += dist::times(gout[i], dx);
    for (std::size_t k = 0; k < np; ++k)
      if (gin[k + 2]) gin[k + 2][at(in[k + 2], i)] += dist::times(gout[i], dp[k]);
  }
}

void reduction_backward(Op op, std::span<const ArrayView> in, double y, double g, std::span<double* const> gin) {
  const ArrayView x = in[0];
  if (op == Op::Dot) {
    for (std::size_t i = 0; i < x.n; ++i) {
      if (gin[0]) gin[0][i] += g * in[1].data[i];
      if (gin[1]) gin[1][i] += g * x.data[i];
    }
    return;
  }
  double* gx = gin[0];
  if (!gx) return;
  const double n = static_cast<double>(x.n);
  switch (op) {
    case Op::Sum: for (std::size_t i = 0; i < x.n; ++i) gx[i] += g; return;
    case Op::Mean: for (std::size_t i = 0; i < x.n; ++i) gx[i] += g / n; return;
    case Op::Prod:
      // The product of the others, computed directly: y / x[i] fails at a zero.
      for (std::size_t i = 0; i < x.n; ++i) {
        double others = 1;
        for (std::size_t j = 0; j < x.n; ++j)
          if (j != i) others = dist::times(others, x.data[j]);
        gx[i] += dist::times(g, others);
      }
      return;
    case Op::Sd: {
      const double m = dist::reduce(Op::Mean, span_of(x));
      for (std::size_t i = 0; i < x.n; ++i) gx[i] += g * (x.data[i] - m) / ((n - 1) * y);
      return;
    }
    case Op::MaxOf: case Op::MinOf:
      // The subgradient of the first element that attains the extreme.
      for (std::size_t i = 0; i < x.n; ++i)
        if (x.data[i] == y) {
          gx[i] += g;
          return;
        }
      return;
    default: throw std::logic_error("op_backward: unhandled reduction");
  }
}

using MapC = Eigen::Map<const Eigen::MatrixXd>;
using Map = Eigen::Map<Eigen::MatrixXd>;

void structure_backward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<const double> out,
                        std::span<const double> gout, std::span<double* const> gin) {
  switch (op) {
    case Op::Stack: {
      std::size_t k = 0;
      for (std::size_t j = 0; j < in.size(); ++j) {
        if (gin[j])
          for (std::size_t i = 0; i < in[j].n; ++i) gin[j][i] += gout[k + i];
        k += in[j].n;
      }
      return;
    }
    case Op::Index:
      if (!gin[0]) return;
      if (in.size() == 2) {
        for (std::size_t k = 0; k < in[1].n; ++k) gin[0][static_cast<std::size_t>(in[1].data[k])] += gout[k];
      } else {
        std::size_t k = 0;
        for (std::size_t jj = 0; jj < in[2].n; ++jj)
          for (std::size_t ii = 0; ii < in[1].n; ++ii)
            gin[0][static_cast<std::size_t>(in[1].data[ii]) + rows * static_cast<std::size_t>(in[2].data[jj])] +=
                gout[k++];
      }
      return;
    case Op::MatVec: case Op::MatMul: {
      // C = A B: dA += G B^T, dB += A^T G (a vector B is a one-column matrix).
      const auto r = static_cast<Eigen::Index>(rows), k = static_cast<Eigen::Index>(in[0].n / rows);
      const Eigen::Index c = static_cast<Eigen::Index>(in[1].n) / k;
      const MapC a(in[0].data, r, k), b(in[1].data, k, c), g(gout.data(), r, c);
      if (gin[0]) Map(gin[0], r, k).noalias() += g * b.transpose();
      if (gin[1]) Map(gin[1], k, c).noalias() += a.transpose() * g;
      return;
    }
    case Op::Transpose:
      if (!gin[0]) return;
      if (rows == 0) {
        for (std::size_t i = 0; i < out.size(); ++i) gin[0][i] += gout[i];
      } else {
        const std::size_t cols = in[0].n / rows;
        for (std::size_t j = 0; j < cols; ++j)
          for (std::size_t i = 0; i < rows; ++i) gin[0][i + rows * j] += gout[j + cols * i];
      }
      return;
    case Op::Inverse: case Op::LogDet: {
      if (!gin[0]) return;
      const auto n = static_cast<Eigen::Index>(std::llround(std::sqrt(static_cast<double>(in[0].n))));
      if (op == Op::Inverse) {
        // Y = A^-1: dA = -Y^T G Y^T.
        const MapC y(out.data(), n, n), g(gout.data(), n, n);
        Map(gin[0], n, n).noalias() -= y.transpose() * g * y.transpose();
      } else {
        // d log det A / dA = A^-T.
        const Eigen::MatrixXd inv = MapC(in[0].data, n, n).inverse();
        Map(gin[0], n, n) += gout[0] * inv.transpose();
      }
      return;
    }
    case Op::MatExp:
      if (gin[0]) dist::matrix_exp_backward(span_of(in[0]), gout, {gin[0], in[0].n});
      return;
    case Op::IfElse:
      for (std::size_t i = 0; i < out.size(); ++i) {
        const std::size_t pick = in[0].data[at(in[0], i)] != 0 ? 1 : 2;
        if (gin[pick]) gin[pick][at(in[pick], i)] += gout[i];
      }
      return;
    case Op::Sort: {
      if (!gin[0]) return;
      const std::vector<std::size_t> p = dist::order(span_of(in[0]));
      for (std::size_t k = 0; k < p.size(); ++k) gin[0][p[k]] += gout[k];
      return;
    }
    case Op::Rank: case Op::Order: return;
    case Op::DistDensity: case Op::DistCdf: case Op::DistQuantile: dist_function_backward(op, in, gout, gin); return;
    case Op::InterpLin: {
      std::ptrdiff_t seg = -1;
      const ArrayView x = in[1], y = in[2];
      dist::interp_lin(in[0].data[0], span_of(x), span_of(y), &seg);
      if (seg < 0) {
        // Flat outside the knots: the value is y[0] or y[n-1].
        if (gin[2]) gin[2][in[0].data[0] <= x.data[0] ? 0 : y.n - 1] += gout[0];
        return;
      }
      const auto k = static_cast<std::size_t>(seg);
      const double dx = x.data[k + 1] - x.data[k], dy = y.data[k + 1] - y.data[k];
      const double w = (in[0].data[0] - x.data[k]) / dx;
      if (gin[0]) gin[0][0] += gout[0] * dy / dx;
      if (gin[1]) {
        gin[1][k] += gout[0] * dy * (w - 1) / dx;
        gin[1][k + 1] -= gout[0] * dy * w / dx;
      }
      if (gin[2]) {
        gin[2][k] += gout[0] * (1 - w);
        gin[2][k + 1] += gout[0] * w;
      }
      return;
    }
    default: throw std::logic_error("op_backward: unhandled structure op");
  }
}

}  // namespace

void op_forward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<double> out) {
  switch (op_info(op).cls) {
    case OpClass::Unary:
      with_unary(op, [&](auto f, auto) {
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = f(in[0].data[i]);
      });
      return;
    case OpClass::Binary:
      with_binary(op, [&](auto f, auto) {
        const ArrayView a = in[0], b = in[1];
        const std::size_t n = out.size();
        if (a.n == n && b.n == n) {
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a.data[i], b.data[i]);
        } else if (a.n == 1) {
          const double a0 = a.data[0];
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a0, b.data[i]);
        } else {
          const double b0 = b.data[0];
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a.data[i], b0);
        }
      });
      return;
    case OpClass::Reduction:
      if (op == Op::Dot) {
        double acc = 0;
        for (std::size_t i = 0; i < in[0].n; ++i) acc += in[0].data[i] * in[1].data[i];
        out[0] = acc;
      } else {
        out[0] = dist::reduce(op, span_of(in[0]));
      }
      return;
    case OpClass::Structure: structure_forward(op, in, rows, out); return;
    case OpClass::Leaf:
      throw std::logic_error("op_forward: leaf op");
  }
}

void op_backward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<const double> out,
                 std::span<const double> gout, std::span<double* const> gin) {
  switch (op_info(op).cls) {
    case OpClass::Unary:
      if (!gin[0]) return;
      with_unary(op, [&](auto, auto d) {
        for (std::size_t i = 0; i < out.size(); ++i) gin[0][i] += dist::times(gout[i], d(in[0].data[i], out[i]));
      });
      return;
    case OpClass::Binary:
      with_binary(op, [&](auto, auto d) {
        // A broadcast scalar input gets the sum of its partials, added once.
        const ArrayView a = in[0], b = in[1];
        double* ga = gin[0];
        double* gb = gin[1];
        const bool a_scalar = a.n == 1, b_scalar = b.n == 1;
        double sum_a = 0, sum_b = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
          double da = 0, db = 0;
          d(a_scalar ? a.data[0] : a.data[i], b_scalar ? b.data[0] : b.data[i], out[i], da, db);
          // dist::times: a zero adjoint contributes nothing, even through an infinite
          // partial (the boundary rule of docs/bugs-language.md).
          if (a_scalar) sum_a += dist::times(gout[i], da);
          else if (ga) ga[i] += dist::times(gout[i], da);
          if (b_scalar) sum_b += dist::times(gout[i], db);
          else if (gb) gb[i] += dist::times(gout[i], db);
        }
        if (ga && a_scalar) ga[0] += sum_a;
        if (gb && b_scalar) gb[0] += sum_b;
      });
      return;
    case OpClass::Reduction: reduction_backward(op, in, out[0], gout[0], gin); return;
    case OpClass::Structure: structure_backward(op, in, rows, out, gout, gin); return;
    case OpClass::Leaf:
      throw std::logic_error("op_backward: leaf op");
  }
}

std::vector<double> constant_value(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return n.constant->data();
  std::vector<Value> in;
  for (NodeId i : n.inputs) {
    const Node& c = g.node(i);
    in.push_back(Value(c.shape, constant_value(g, i), c.type));
  }
  return dist::evaluate(n.op, in).data();
}

std::optional<double> mirrored_bound(const Graph& g, NodeId scale) {
  const Node& n = g.node(scale);
  if (n.op != Op::Draw) return std::nullopt;
  if (n.dist == DistKind::HalfNormal || n.dist == DistKind::HalfCauchy) return std::numeric_limits<double>::infinity();
  if (n.dist != DistKind::Uniform || !g.is_constant_expr(n.inputs[0]) || !g.is_constant_expr(n.inputs[1]))
    return std::nullopt;
  const std::vector<double> lo = constant_value(g, n.inputs[0]), hi = constant_value(g, n.inputs[1]);
  if (lo.size() != 1 || hi.size() != 1 || lo[0] != 0 || !(hi[0] > 0) || !std::isfinite(hi[0])) return std::nullopt;
  return hi[0];
}

bool standard_partner(const Graph& g, NodeId draw) {
  const Node& d = g.node(draw);
  if (d.op != Op::Draw || d.dist != DistKind::Normal || !g.is_constant_expr(d.inputs[0]) ||
      !g.is_constant_expr(d.inputs[1]))
    return false;
  const std::vector<double> mean = constant_value(g, d.inputs[0]);
  return std::all_of(mean.begin(), mean.end(), [](double x) { return x == 0; });
}

}  // namespace alea::infer::detail
