// The operations of the model graph: constants, random draws and deterministic
// functions, with the shape and type rules of each.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "alea/graph/shape.hpp"

namespace alea {

enum class Op : std::uint8_t {
  Constant,  // a literal or a data value
  Draw,      // a primitive random draw (a site); inputs are the distribution's parameters
  Composite, // a closed composite op (graph/composite.hpp): a site whose body is expanded later
  // elementwise, with scalar broadcasting
  Add, Sub, Mul, Div, Pow, Min, Max,
  Neg, Exp, Log, Log1p, Expm1, Sqrt, Square, Abs, Logistic, Logit, Step,
  // JAGS's functions: phi = standard normal CDF, probit = its inverse, cloglog(p) =
  // log(-log(1 - p)), icloglog its inverse, loggam = log Gamma, logfact(x) = log x!
  Phi, Probit, CLogLog, ICLogLog, LogGamma, LogFact, Sin, Cos, Round, Trunc,
  Equals,
  // reductions and linear algebra
  Sum, Mean, Dot, MatVec,
  // structure
  Index,  // inputs: (x, i) or (x, i, j); 0-based integer indices, scalar or vector (gather)
  Stack,  // inputs: n values of one shape S -> shape S ++ [n] (n scalars: a vector[n]; n columns: a matrix)
  // The rest of JAGS's scalar functions (elementwise)
  Tan, ArcSin, ArcCos, ArcTan, Sinh, Cosh, Tanh, ArcSinh, ArcCosh, ArcTanh,
  // comparisons and logic: 0/1 integers (x > y is Less(y, x)); Not(x) is x == 0
  Not, NotEqual, Less, LessEqual, And, Or,
  IfElse,  // (condition, then, else), elementwise with broadcasting: a nonzero condition picks `then`
  // reductions over all elements: product, sample standard deviation, largest, smallest
  Prod, Sd, MaxOf, MinOf,
  // linear algebra on column-major matrices and vectors; Sort/Rank/Order as R's (1-based)
  LogDet, Transpose, MatMul, Inverse, Sort, Rank, Order,
  InterpLin,  // (e, x, y): piecewise linear through the points (x[k], y[k]), x increasing, flat outside
  MatExp,     // the matrix exponential of a square matrix (JAGS's mexp)
  // A distribution's density (mass), distribution function and quantile function as
  // functions (JAGS's dnorm(x, mu, tau), pnorm, qnorm): inputs (kind, x, params...),
  // where kind is the integer constant DistKind and params are in alea's
  // parameterization, elementwise with broadcasting (dist/dist_functions.hpp). The kind
  // is an input, not a field of the node, so that hash-consing, the e-graph and every
  // evaluator that sees only (op, input values) need nothing new.
  DistDensity, DistCdf, DistQuantile,
};

inline constexpr int kOpCount = static_cast<int>(Op::DistQuantile) + 1;

enum class OpClass : std::uint8_t { Leaf, Unary, Binary, Reduction, Structure };

struct OpInfo {
  Op op;
  std::string_view name;  // the function name in alea's printed models, e.g. "log1p"
  OpClass cls;
  int arity;  // -1 for variadic
};

const OpInfo& op_info(Op op);
std::optional<Op> op_by_name(std::string_view name);

// Shape and scalar type of an op's result from its inputs' (not Constant or Draw).
// Throws std::invalid_argument naming the op and the shapes when they do not fit.
Shape result_shape(Op op, std::span<const Shape> inputs);
ScalarType result_type(Op op, std::span<const ScalarType> inputs);

}  // namespace alea
