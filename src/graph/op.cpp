// Op names and the shape and type rules.
#include "alea/graph/op.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace alea {
namespace {

using enum OpClass;
const std::array<OpInfo, kOpCount> kOps{{
    {Op::Constant, "constant", Leaf, 0},  {Op::Draw, "draw", Leaf, -1},
    {Op::Composite, "composite", Leaf, -1},
    {Op::Add, "+", Binary, 2},            {Op::Sub, "-", Binary, 2},
    {Op::Mul, "*", Binary, 2},            {Op::Div, "/", Binary, 2},
    {Op::Pow, "pow", Binary, 2},          {Op::Min, "min", Binary, 2},
    {Op::Max, "max", Binary, 2},          {Op::Neg, "neg", Unary, 1},
    {Op::Exp, "exp", Unary, 1},           {Op::Log, "log", Unary, 1},
    {Op::Log1p, "log1p", Unary, 1},       {Op::Expm1, "expm1", Unary, 1},
    {Op::Sqrt, "sqrt", Unary, 1},         {Op::Square, "square", Unary, 1},
    {Op::Abs, "abs", Unary, 1},           {Op::Logistic, "logistic", Unary, 1},
    {Op::Logit, "logit", Unary, 1},       {Op::Step, "step", Unary, 1},
    {Op::Phi, "phi", Unary, 1},           {Op::Probit, "probit", Unary, 1},
    {Op::CLogLog, "cloglog", Unary, 1},   {Op::ICLogLog, "icloglog", Unary, 1},
    {Op::LogGamma, "loggam", Unary, 1},   {Op::LogFact, "logfact", Unary, 1},
    {Op::Sin, "sin", Unary, 1},           {Op::Cos, "cos", Unary, 1},
    {Op::Round, "round", Unary, 1},       {Op::Trunc, "trunc", Unary, 1},
    {Op::Equals, "equals", Binary, 2},    {Op::Sum, "sum", Reduction, 1},
    {Op::Mean, "mean", Reduction, 1},     {Op::Dot, "dot", Reduction, 2},
    {Op::MatVec, "matvec", Structure, 2}, {Op::Index, "index", Structure, -1},
    {Op::Stack, "stack", Structure, -1},
    {Op::Tan, "tan", Unary, 1},           {Op::ArcSin, "arcsin", Unary, 1},
    {Op::ArcCos, "arccos", Unary, 1},     {Op::ArcTan, "arctan", Unary, 1},
    {Op::Sinh, "sinh", Unary, 1},         {Op::Cosh, "cosh", Unary, 1},
    {Op::Tanh, "tanh", Unary, 1},         {Op::ArcSinh, "arcsinh", Unary, 1},
    {Op::ArcCosh, "arccosh", Unary, 1},   {Op::ArcTanh, "arctanh", Unary, 1},
    {Op::Not, "!", Unary, 1},             {Op::NotEqual, "!=", Binary, 2},
    {Op::Less, "<", Binary, 2},           {Op::LessEqual, "<=", Binary, 2},
    {Op::And, "&&", Binary, 2},           {Op::Or, "||", Binary, 2},
    {Op::IfElse, "ifelse", Structure, 3}, {Op::Prod, "prod", Reduction, 1},
    {Op::Sd, "sd", Reduction, 1},         {Op::MaxOf, "max", Reduction, 1},
    {Op::MinOf, "min", Reduction, 1},     {Op::LogDet, "logdet", Structure, 1},
    {Op::Transpose, "t", Structure, 1},   {Op::MatMul, "%*%", Structure, 2},
    {Op::Inverse, "inverse", Structure, 1}, {Op::Sort, "sort", Structure, 1},
    {Op::Rank, "rank", Structure, 1},     {Op::Order, "order", Structure, 1},
    {Op::InterpLin, "interp.lin", Structure, 3}, {Op::MatExp, "mexp", Structure, 1},
    {Op::DistDensity, "density", Structure, -1}, {Op::DistCdf, "cdf", Structure, -1},
    {Op::DistQuantile, "quantile", Structure, -1},
}};

std::invalid_argument shape_error(Op op, std::span<const Shape> in, const std::string& why) {
  std::string msg = std::string(op_info(op).name) + ": " + why + " (operands:";
  for (const Shape& s : in) msg += " " + to_string(s);
  return std::invalid_argument(msg + ")");
}

Shape index_shape(std::span<const Shape> in) {
  const Shape& x = in[0];
  const std::size_t nidx = in.size() - 1;
  if (nidx != x.rank())
    throw shape_error(Op::Index, in, "a value of rank " + std::to_string(x.rank()) + " takes " +
                                         std::to_string(x.rank()) + " indices, got " + std::to_string(nidx));
  std::vector<std::int64_t> dims;
  for (std::size_t k = 1; k < in.size(); ++k) {
    if (in[k].rank() > 1) throw shape_error(Op::Index, in, "an index must be a scalar or a vector");
    if (in[k].rank() == 1) dims.push_back(in[k].dims[0]);
  }
  return Shape(std::move(dims));
}

}  // namespace

const OpInfo& op_info(Op op) { return kOps[static_cast<std::size_t>(op)]; }

std::optional<Op> op_by_name(std::string_view name) {
  for (const OpInfo& o : kOps)
    if (o.name == name && o.cls != Leaf) return o.op;
  return std::nullopt;
}

Shape result_shape(Op op, std::span<const Shape> in) {
  const OpInfo& info = op_info(op);
  if (info.arity >= 0 && static_cast<int>(in.size()) != info.arity)
    throw shape_error(op, in, "takes " + std::to_string(info.arity) + " operands");
  switch (info.cls) {
    case Leaf: throw std::logic_error("result_shape of a leaf op");
    case Unary: return in[0];
    case Binary: return broadcast(in[0], in[1], std::string(info.name));
    case Reduction:
      if (op == Op::Dot && (in[0].rank() != 1 || in[0] != in[1]))
        throw shape_error(op, in, "needs two vectors of the same length");
      if ((op == Op::Mean || op == Op::MaxOf || op == Op::MinOf) && in[0].size() == 0)
        throw shape_error(op, in, "of an empty vector");
      if (op == Op::Sd && in[0].size() < 2) throw shape_error(op, in, "needs at least 2 elements");
      return Shape::scalar();
    case Structure: break;
  }
  switch (op) {
    case Op::MatVec:
      if (in[0].rank() != 2 || in[1].rank() != 1 || in[0].dims[1] != in[1].dims[0])
        throw shape_error(op, in, "needs a matrix[r,c] and a vector[c]");
      return Shape::vector(in[0].dims[0]);
    case Op::Index: return index_shape(in);
    case Op::Stack: {
      // Along a new last axis: k scalars make a vector[k]; k vectors[n] the columns of
      // a matrix[n,k] (column-major, so the data are the inputs' data in order).
      for (const Shape& s : in)
        if (s != in[0]) throw shape_error(op, in, "stacks values of one shape only");
      if (in.empty()) return Shape::vector(0);
      std::vector<std::int64_t> dims = in[0].dims;
      dims.push_back(static_cast<std::int64_t>(in.size()));
      return Shape(std::move(dims));
    }
    case Op::IfElse: return broadcast(broadcast(in[0], in[1], "ifelse"), in[2], "ifelse");
    case Op::LogDet:
    case Op::Inverse:
    case Op::MatExp:
      if (in[0].rank() != 2 || in[0].dims[0] != in[0].dims[1]) throw shape_error(op, in, "needs a square matrix");
      return op == Op::LogDet ? Shape::scalar() : in[0];
    case Op::Transpose:
      // R's t() of a vector is a row: a matrix[1, n].
      if (in[0].rank() == 1) return Shape::matrix(1, in[0].dims[0]);
      if (in[0].rank() != 2) throw shape_error(op, in, "needs a matrix or a vector");
      return Shape::matrix(in[0].dims[1], in[0].dims[0]);
    case Op::MatMul:
      if (in[0].rank() != 2 || in[1].rank() != 2 || in[0].dims[1] != in[1].dims[0])
        throw shape_error(op, in, "needs a matrix[r,k] and a matrix[k,c]");
      return Shape::matrix(in[0].dims[0], in[1].dims[1]);
    case Op::Sort: case Op::Rank: case Op::Order:
      if (in[0].rank() != 1) throw shape_error(op, in, "needs a vector");
      return in[0];
    case Op::InterpLin:
      if (!in[0].is_scalar() || in[1].rank() != 1 || in[1] != in[2] || in[1].size() < 2)
        throw shape_error(op, in, "needs a scalar and two vectors of the same length (at least 2)");
      return Shape::scalar();
    case Op::DistDensity: case Op::DistCdf: case Op::DistQuantile: {
      if (in.size() < 2 || !in[0].is_scalar())
        throw shape_error(op, in, "needs a distribution kind, a value and the distribution's parameters");
      Shape s = in[1];
      for (std::size_t k = 2; k < in.size(); ++k) s = broadcast(s, in[k], std::string(info.name));
      return s;
    }
    default: throw std::logic_error("result_shape: unhandled op");
  }
}

ScalarType result_type(Op op, std::span<const ScalarType> in) {
  switch (op) {
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Min: case Op::Max: case Op::Neg:
    case Op::Square: case Op::Abs: case Op::Sum: case Op::Dot: case Op::MatVec: case Op::Index:
    case Op::Stack: case Op::Prod: case Op::MaxOf: case Op::MinOf: case Op::Transpose: case Op::MatMul:
    case Op::Sort: {
      // An index's type is its value's, whatever the indices are.
      const std::size_t last = op == Op::Index ? 1 : in.size();
      for (std::size_t k = 0; k < last; ++k)
        if (in[k] == ScalarType::Real) return ScalarType::Real;
      return ScalarType::Integer;
    }
    case Op::IfElse:
      return in[1] == ScalarType::Integer && in[2] == ScalarType::Integer ? ScalarType::Integer : ScalarType::Real;
    case Op::Step: case Op::Equals: case Op::Not: case Op::NotEqual: case Op::Less: case Op::LessEqual:
    case Op::And: case Op::Or: case Op::Rank: case Op::Order: return ScalarType::Integer;
    default: return ScalarType::Real;
  }
}

}  // namespace alea
