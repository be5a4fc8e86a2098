// Syntax tree of a model in the BUGS language as JAGS reads it. Purely syntactic:
// distribution and function names are not checked here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "alea/graph/source_loc.hpp"

namespace alea::io::bugs {

struct Expr;

// One position inside `x[...]`: empty (`y[]`, `x[, j]`), an expression, or a range `a:b`.
struct Index {
  enum class Kind { Empty, Single, Range };
  Kind kind = Kind::Empty;
  std::vector<Expr> bounds;  // none, {expr}, or {lo, hi}
  SourceLoc loc;
};

// `a > b` and `a >= b` stay as written (the builder swaps them); MatMul is `%*%`.
enum class BinaryOp { Add, Sub, Mul, Div, Pow, Eq, Ne, Lt, Le, Gt, Ge, And, Or, MatMul };

// One node type for every expression keeps the tree copyable and easy to walk;
// which fields are meaningful depends on `kind` (documented per field).
struct Expr {
  enum class Kind { Number, Var, Call, Neg, Binary };
  Kind kind = Kind::Number;
  SourceLoc loc;              // the first character of the expression (the operator for Binary)
  double number = 0;          // Number: never negative, `-1` is Neg(Number 1)
  std::string name;           // Var, Call
  bool indexed = false;       // Var: brackets were written, even if empty (`y[]`)
  std::vector<Index> indices; // Var
  BinaryOp op = BinaryOp::Add;  // Binary
  std::vector<Expr> args;     // Call: arguments; Neg: {operand}; Binary: {lhs, rhs}
  // `!x` is a Call of the function named "!" (as JAGS's own parse tree has it).
};

// `T(lo, hi)` (truncation) or `I(lo, hi)` (censoring) after a distribution; either bound may be omitted.
struct Bounds {
  char kind = 'T';
  std::optional<Expr> lo, hi;
  SourceLoc loc;
};

struct Stmt {
  enum class Kind { Stochastic, Deterministic, For };
  Kind kind = Kind::Stochastic;
  SourceLoc loc;
  // Stochastic and Deterministic: the variable on the left (Kind::Var).
  Expr lhs;
  // Deterministic only: "logit" for `logit(p[i]) <- ...`; empty without a link function.
  std::string link;
  // Deterministic: the expression; Stochastic: the distribution, a Kind::Call.
  Expr rhs;
  std::optional<Bounds> bounds;  // Stochastic only
  // For: `for (var in from:to) { body }`.
  std::string loop_var;
  std::optional<Expr> from, to;
  std::vector<Stmt> body;
};

// `var x[N, 2], y;` declarations, kept for later shape checks.
struct VarDecl {
  std::string name;
  std::vector<Expr> dims;
  SourceLoc loc;
};

struct Program {
  std::vector<VarDecl> vars;
  bool has_data = false;
  std::vector<Stmt> data;  // the optional `data { }` block
  std::vector<Stmt> model;
  SourceLoc model_loc;
};

}  // namespace alea::io::bugs
