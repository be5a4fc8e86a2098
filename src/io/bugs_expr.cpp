// BUGS functions and operators as graph ops: one table row per function (its
// arguments, result, whether it has a gradient, and how it is built), read by the
// builder, by the vectorizer's elementwise test and by the docs' table.
#include <Eigen/Dense>
#include <algorithm>
#include <functional>

#include "alea/io/bugs_functions.hpp"
#include "bugs_build.hpp"

namespace alea::io::detail {
namespace {

using Args = std::vector<Expr>;
using Build = std::function<Expr(Model&, const bugs::Expr&, const Args&)>;

struct Function {
  std::string_view name;
  std::string_view args;    // as the docs write them
  std::string_view result;  // as the docs write it
  std::string_view gradient;  // "yes", "zero" (piecewise constant) or "none" (a constant)
  bool elementwise;         // applies to each element alone (a loop of it can be one vector op)
  int arity;                // -1: one or more
  Build build;
};

Build op(Op o) {
  return [o](Model&, const bugs::Expr&, const Args& a) { return apply(o, std::vector<Arg>(a.begin(), a.end())); };
}

// JAGS's max(x1, x2, ...) and min: the extreme of every element of every argument.
Build extreme(Op pairwise, Op reduction) {
  return [=](Model&, const bugs::Expr&, const Args& a) {
    Expr acc = a[0].shape().is_scalar() ? a[0] : apply(reduction, {a[0]});
    for (std::size_t k = 1; k < a.size(); ++k)
      acc = apply(pairwise, {acc, a[k].shape().is_scalar() ? a[k] : apply(reduction, {a[k]})});
    return acc;
  };
}

Expr inprod(Model&, const bugs::Expr& call, const Args& a) {
  if (a[0].shape() != a[1].shape())
    throw InputError(call.loc, "inprod needs two arrays of the same shape (got " + to_string(a[0].shape()) +
                                   " and " + to_string(a[1].shape()) + ")");
  if (a[0].shape().rank() == 1) return apply(Op::Dot, {a[0], a[1]});
  return apply(Op::Sum, {a[0] * a[1]});
}

Expr inverse(Model&, const bugs::Expr&, const Args& a) {
  if (a[0].shape().rank() < 2) return apply(Op::Div, {1.0, a[0]});
  return apply(Op::Inverse, {a[0]});
}

Expr length(Model& m, const bugs::Expr&, const Args& a) {
  return m.constant(Value::integer(static_cast<double>(a[0].shape().size())));
}

Expr dim(Model& m, const bugs::Expr&, const Args& a) {
  std::vector<double> d;
  for (std::int64_t k : a[0].shape().dims) d.push_back(static_cast<double>(k));
  if (d.empty()) d.push_back(1);
  return m.constant(Value::integers(d));
}

const std::vector<Function>& functions() {
  using enum Op;
  static const std::vector<Function> t = {
      // JAGS's scalar functions (bugs module), elementwise over arrays
      {"abs", "x", "\\|x\\|", "yes", true, 1, op(Abs)},
      {"arccos", "x", "arccos x", "yes", true, 1, op(ArcCos)},
      {"arccosh", "x", "arccosh x", "yes", true, 1, op(ArcCosh)},
      {"arcsin", "x", "arcsin x", "yes", true, 1, op(ArcSin)},
      {"arcsinh", "x", "arcsinh x", "yes", true, 1, op(ArcSinh)},
      {"arctan", "x", "arctan x", "yes", true, 1, op(ArcTan)},
      {"arctanh", "x", "arctanh x", "yes", true, 1, op(ArcTanh)},
      {"cloglog", "p", "log(-log(1 - p))", "yes", true, 1, op(CLogLog)},
      {"cos", "x", "cos x", "yes", true, 1, op(Cos)},
      {"cosh", "x", "cosh x", "yes", true, 1, op(Cosh)},
      {"equals", "x, y", "1 if x == y else 0", "zero", true, 2, op(Equals)},
      {"exp", "x", "e^x", "yes", true, 1, op(Exp)},
      {"icloglog", "x", "1 - exp(-exp(x))", "yes", true, 1, op(ICLogLog)},
      {"ifelse", "c, a, b", "a where c != 0, else b", "yes", true, 3, op(IfElse)},
      {"ilogit", "x", "1 / (1 + exp(-x))", "yes", true, 1, op(Logistic)},
      {"log", "x", "log x", "yes", true, 1, op(Log)},
      {"logfact", "x", "log x!", "yes", true, 1, op(LogFact)},
      {"loggam", "x", "log Gamma(x)", "yes", true, 1, op(LogGamma)},
      {"logit", "p", "log(p / (1 - p))", "yes", true, 1, op(Logit)},
      {"phi", "x", "standard normal CDF", "yes", true, 1, op(Phi)},
      {"pow", "x, y", "x^y", "yes", true, 2, op(Pow)},
      {"probit", "p", "standard normal quantile", "yes", true, 1, op(Probit)},
      {"round", "x", "nearest integer, halves away from 0", "zero", true, 1, op(Round)},
      {"sin", "x", "sin x", "yes", true, 1, op(Sin)},
      {"sinh", "x", "sinh x", "yes", true, 1, op(Sinh)},
      {"sqrt", "x", "square root", "yes", true, 1, op(Sqrt)},
      {"step", "x", "1 if x >= 0 else 0", "zero", true, 1, op(Step)},
      {"tan", "x", "tan x", "yes", true, 1, op(Tan)},
      {"tanh", "x", "tanh x", "yes", true, 1, op(Tanh)},
      {"trunc", "x", "integer part", "zero", true, 1, op(Trunc)},
      // scalar functions of arrays
      {"inprod", "a, b", "sum of a * b (same shapes)", "yes", false, 2, inprod},
      {"interp.lin", "e, x, y", "y at e, linear between the points (x, y); x increasing", "yes", false, 3,
       op(InterpLin)},
      {"logdet", "A", "log det A (square, positive determinant)", "yes", false, 1, op(LogDet)},
      {"max", "x1, x2, ...", "largest element of all arguments", "yes", false, -1, extreme(Max, MaxOf)},
      {"mean", "x", "mean of the elements", "yes", false, 1, op(Mean)},
      {"min", "x1, x2, ...", "smallest element of all arguments", "yes", false, -1, extreme(Min, MinOf)},
      {"prod", "x", "product of the elements", "yes", false, 1, op(Prod)},
      {"sd", "x", "sample standard deviation (n - 1)", "yes", false, 1, op(Sd)},
      {"sum", "x", "sum of the elements", "yes", false, 1, op(Sum)},
      {"length", "x", "number of elements (a constant)", "none", false, 1, length},
      {"dim", "x", "dimensions (a constant vector)", "none", false, 1, dim},
      // array-valued functions
      {"inverse", "A", "A^-1 (square); 1 / x for a scalar", "yes", true, 1, inverse},
      {"mexp", "A", "matrix exponential (square)", "yes", false, 1, op(MatExp)},
      {"t", "A", "transpose (a vector becomes a row matrix[1, n])", "yes", false, 1, op(Transpose)},
      {"sort", "v", "v in increasing order", "yes", false, 1, op(Sort)},
      {"rank", "v", "ranks of v's elements, 1-based (ties in order)", "zero", false, 1, op(Rank)},
      {"order", "v", "the permutation that sorts v, 1-based", "zero", false, 1, op(Order)},
      // alea's own
      {"dot", "a, b", "inprod of two vectors", "yes", false, 2, op(Dot)},
      {"expm1", "x", "e^x - 1", "yes", true, 1, op(Expm1)},
      {"log1p", "x", "log(1 + x)", "yes", true, 1, op(Log1p)},
      {"logistic", "x", "ilogit(x)", "yes", true, 1, op(Logistic)},
      {"neg", "x", "-x", "yes", true, 1, op(Neg)},
      {"square", "x", "x^2", "yes", true, 1, op(Square)},
      // `!x` is parsed as a call of "!"
      {"!", "x", "1 if x == 0 else 0", "zero", true, 1, op(Not)},
  };
  return t;
}

// The operators, for the docs (the parser and binary() below implement them).
struct Operator {
  std::string_view text, result, gradient;
};
const std::vector<Operator> kOperators = {
    {"a + b, a - b, a * b, a / b", "elementwise, with scalar broadcasting", "yes"},
    {"a ^ b", "a to the power b (right-associative)", "yes"},
    {"-a", "negation", "yes"},
    {"a %*% b", "matrix product: matrix-matrix, matrix-vector, vector-matrix, vector-vector (inner product)", "yes"},
    {"a == b, a != b, a < b, a <= b, a > b, a >= b", "1 or 0 (integer), elementwise; do not chain", "zero"},
    {"a && b, a \\|\\| b, !a", "1 or 0 (integer), elementwise; nonzero is true", "zero"},
};

const Function* find_function(const std::string& name) {
  for (const Function& f : functions())
    if (f.name == name) return &f;
  return nullptr;
}


// `%*%` as R has it: a vector operand is a row or a column, whichever conforms (a
// row first on the left, a column first on the right); vector %*% vector is the
// inner product. A vector result stays a vector.
Expr matrix_product(const bugs::Expr& e, const Expr& a, const Expr& b) {
  const Shape &sa = a.shape(), &sb = b.shape();
  const auto column = [](const Expr& v) { return apply(Op::Transpose, {apply(Op::Transpose, {v})}); };
  if (sa.rank() == 2 && sb.rank() == 2 && sa.dims[1] == sb.dims[0]) return apply(Op::MatMul, {a, b});
  if (sa.rank() == 2 && sb.rank() == 1) {
    if (sa.dims[1] == sb.dims[0]) return apply(Op::MatVec, {a, b});
    if (sa.dims[1] == 1) return apply(Op::MatMul, {a, apply(Op::Transpose, {b})});
  }
  if (sa.rank() == 1 && sb.rank() == 2) {
    if (sa.dims[0] == sb.dims[0]) return apply(Op::MatVec, {apply(Op::Transpose, {b}), a});
    if (sb.dims[0] == 1) return apply(Op::MatMul, {column(a), b});
  }
  if (sa.rank() == 1 && sa == sb) return apply(Op::Dot, {a, b});
  if (sa.is_scalar() && sb.is_scalar()) return a * b;
  throw InputError(e.loc, "%*%: non-conformable operands (shapes " + to_string(sa) + " and " + to_string(sb) + ")");
}

}  // namespace

bool is_elementwise_function(const std::string& name) {
  const Function* f = find_function(name);
  return f ? f->elementwise : is_dist_function_name(name);
}

Expr call_function(Model& m, const bugs::Expr& call, const std::vector<Expr>& args) {
  if (const Function* f = find_function(call.name)) {
    if (f->arity >= 0 && args.size() != static_cast<std::size_t>(f->arity))
      throw InputError(call.loc, call.name + " takes " + std::to_string(f->arity) +
                                     (f->arity == 1 ? " argument" : " arguments") + ", got " +
                                     std::to_string(args.size()));
    if (args.empty()) throw InputError(call.loc, call.name + " takes at least one argument");
    try {
      return f->build(m, call, args);
    } catch (const std::invalid_argument& e) {
      throw InputError(call.loc, e.what());
    }
  }
  if (auto e = call_dist_function(m, call, args)) return *e;
  std::vector<std::string> known;
  for (const Function& f : functions()) known.emplace_back(f.name);
  const std::string near = suggest(call.name, known);
  throw InputError(call.loc, "unknown function '" + call.name + "'" +
                                 (near.empty() ? "" : "; did you mean '" + near + "'?"));
}

Expr binary(const bugs::Expr& e, const Expr& a, const Expr& b) {
  using bugs::BinaryOp;
  try {
    switch (e.op) {
      case BinaryOp::Add: return a + b;
      case BinaryOp::Sub: return a - b;
      case BinaryOp::Mul: return a * b;
      case BinaryOp::Div: return a / b;
      case BinaryOp::Pow: {
        // x^2 is Square: the rewriter knows more about it than about a general power.
        const bugs::Expr& r = e.args[1];
        if (r.kind == bugs::Expr::Kind::Number && r.number == 2) return square(a);
        return apply(Op::Pow, {a, b});
      }
      case BinaryOp::Eq: return apply(Op::Equals, {a, b});
      case BinaryOp::Ne: return apply(Op::NotEqual, {a, b});
      case BinaryOp::Lt: return apply(Op::Less, {a, b});
      case BinaryOp::Le: return apply(Op::LessEqual, {a, b});
      case BinaryOp::Gt: return apply(Op::Less, {b, a});
      case BinaryOp::Ge: return apply(Op::LessEqual, {b, a});
      case BinaryOp::And: return apply(Op::And, {a, b});
      case BinaryOp::Or: return apply(Op::Or, {a, b});
      case BinaryOp::MatMul: return matrix_product(e, a, b);
    }
  } catch (const std::invalid_argument& ex) {
    throw InputError(e.loc, ex.what());
  }
  return a;
}

}  // namespace alea::io::detail

namespace alea::io {

std::string bugs_function_table() {
  std::string out = "| function | arguments | result | gradient |\n|---|---|---|---|\n";
  for (const detail::Function& f : detail::functions()) {
    if (f.name == "!") continue;  // listed with the operators
    out += "| `" + std::string(f.name) + "` | " + std::string(f.args) + " | " + std::string(f.result) + " | " +
           std::string(f.gradient) + " |\n";
  }
  out += "\n| operator | result | gradient |\n|---|---|---|\n";
  for (const detail::Operator& o : detail::kOperators)
    out += "| `" + std::string(o.text) + "` | " + std::string(o.result) + " | " + std::string(o.gradient) + " |\n";
  return out;
}

std::string bugs_dist_function_table() { return detail::dist_function_table(); }

}  // namespace alea::io
