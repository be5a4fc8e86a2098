// Deterministic ops on values: elementwise with scalar broadcasting, reductions,
// linear algebra and indexing.
#include "alea/dist/ops.hpp"

#include "alea/dist/link_functions.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace alea::dist {
namespace {

double logistic(double x) {
  // Stable on both tails: exp never overflows.
  return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

double unary(Op op, double x) {
  switch (op) {
    case Op::Neg: return -x;
    case Op::Exp: return std::exp(x);
    case Op::Log: return std::log(x);
    case Op::Log1p: return std::log1p(x);
    case Op::Expm1: return std::expm1(x);
    case Op::Sqrt: return std::sqrt(x);
    case Op::Square: return x * x;
    case Op::Abs: return std::abs(x);
    case Op::Logistic: return logistic(x);
    case Op::Logit: return std::log(x) - std::log1p(-x);
    case Op::Step: return x >= 0 ? 1.0 : 0.0;
    case Op::Phi: return jags::phi(x);
    case Op::Probit: return jags::probit(x);
    case Op::CLogLog: return jags::cloglog(x);
    case Op::ICLogLog: return jags::icloglog(x);
    case Op::LogGamma: return std::lgamma(x);
    case Op::LogFact: return std::lgamma(x + 1);
    case Op::Sin: return std::sin(x);
    case Op::Cos: return std::cos(x);
    case Op::Round: return std::round(x);
    case Op::Trunc: return std::trunc(x);
    default: throw std::logic_error("not a unary op");
  }
}

double binary(Op op, double a, double b) {
  switch (op) {
    case Op::Add: return a + b;
    case Op::Sub: return a - b;
    case Op::Mul: return a * b;
    case Op::Div: return a / b;
    case Op::Pow: return std::pow(a, b);
    case Op::Min: return std::fmin(a, b);
    case Op::Max: return std::fmax(a, b);
    case Op::Equals: return a == b ? 1.0 : 0.0;
    default: throw std::logic_error("not a binary op");
  }
}

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
  std::vector<double> out;
  if (in.size() == 2) {
    for (double i : in[1].data()) out.push_back(x[checked_index(i, x.shape().dims[0])]);
  } else if (in.size() == 3) {
    const auto rows = x.shape().dims[0], cols = x.shape().dims[1];
    // Column-major result: the row index varies fastest.
    for (double j : in[2].data())
      for (double i : in[1].data())
        out.push_back(x[checked_index(i, rows) + static_cast<std::size_t>(rows) * checked_index(j, cols)]);
  } else {
    // Rank 3 and more, column-major as above: the first index list varies fastest.
    const std::size_t rank = in.size() - 1;
    std::vector<std::size_t> pos(rank, 0);
    bool done = false;  // an empty index list selects nothing
    for (std::size_t k = 0; k < rank; ++k) done = done || in[k + 1].size() == 0;
    while (!done) {
      std::size_t flat = 0, stride = 1;
      for (std::size_t k = 0; k < rank; ++k) {
        const auto n = x.shape().dims[k];
        flat += stride * checked_index(in[k + 1][pos[k]], n);
        stride *= static_cast<std::size_t>(n);
      }
      out.push_back(x[flat]);
      std::size_t k = 0;
      while (k < rank && ++pos[k] == in[k + 1].size()) pos[k++] = 0;
      done = k == rank;
    }
  }
  return Value(Shape(std::move(out_dims)), std::move(out), x.type());
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
      for (double x : in[0].data()) out.push_back(unary(op, x));
      break;
    case OpClass::Binary: {
      const auto n = static_cast<std::size_t>(shape.size());
      out.resize(n);
      for (std::size_t i = 0; i < n; ++i) out[i] = binary(op, in[0].at_broadcast(i), in[1].at_broadcast(i));
      break;
    }
    case OpClass::Reduction: {
      double acc = 0;
      if (op == Op::Dot) {
        for (std::size_t i = 0; i < in[0].size(); ++i) acc += in[0][i] * in[1][i];
      } else {
        for (double x : in[0].data()) acc += x;
        if (op == Op::Mean) acc /= static_cast<double>(in[0].size());
      }
      out.push_back(acc);
      break;
    }
    case OpClass::Structure:
      if (op == Op::Index) return index(in);
      if (op == Op::Stack) {
        for (const Value& v : in) out.push_back(v[0]);
      } else {  // MatVec, column-major
        const auto rows = static_cast<std::size_t>(in[0].shape().dims[0]);
        const auto cols = static_cast<std::size_t>(in[0].shape().dims[1]);
        out.assign(rows, 0.0);
        for (std::size_t j = 0; j < cols; ++j)
          for (std::size_t i = 0; i < rows; ++i) out[i] += in[0][i + rows * j] * in[1][j];
      }
      break;
    case OpClass::Leaf: throw std::logic_error("evaluate: leaf op");
  }
  return Value(shape, std::move(out), type);
}

}  // namespace alea::dist
