// Canonical printing of BUGS syntax trees and structural comparison.
#include <cstddef>

#include "alea/graph/value.hpp"
#include "alea/io/bugs_parser.hpp"

namespace alea::io {
namespace {

using bugs::BinaryOp;
using bugs::Expr;
using bugs::Index;
using bugs::Stmt;

// Binding strength: higher binds tighter, as in the parser (JAGS's grammar and R).
// Unary minus sits between `%*%` and `^`; `!` between `&&` and the comparisons.
constexpr int kPrecOr = 1, kPrecAnd = 2, kPrecNot = 3, kPrecCmp = 4, kPrecAdd = 5, kPrecMul = 6, kPrecSpecial = 7,
              kPrecNeg = 8, kPrecPow = 9, kPrecAtom = 10;

bool is_not(const Expr& e) { return e.kind == Expr::Kind::Call && e.name == "!"; }

int precedence(const Expr& e) {
  if (e.kind == Expr::Kind::Neg) return kPrecNeg;
  if (is_not(e)) return kPrecNot;
  if (e.kind != Expr::Kind::Binary) return kPrecAtom;
  switch (e.op) {
    case BinaryOp::Or: return kPrecOr;
    case BinaryOp::And: return kPrecAnd;
    case BinaryOp::Eq: case BinaryOp::Ne: case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt:
    case BinaryOp::Ge: return kPrecCmp;
    case BinaryOp::Add:
    case BinaryOp::Sub: return kPrecAdd;
    case BinaryOp::Mul:
    case BinaryOp::Div: return kPrecMul;
    case BinaryOp::MatMul: return kPrecSpecial;
    case BinaryOp::Pow: return kPrecPow;
  }
  return kPrecAtom;
}

const char* op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return " + ";
    case BinaryOp::Sub: return " - ";
    case BinaryOp::Mul: return " * ";
    case BinaryOp::Div: return " / ";
    case BinaryOp::Pow: return "^";
    case BinaryOp::Eq: return " == ";
    case BinaryOp::Ne: return " != ";
    case BinaryOp::Lt: return " < ";
    case BinaryOp::Le: return " <= ";
    case BinaryOp::Gt: return " > ";
    case BinaryOp::Ge: return " >= ";
    case BinaryOp::And: return " && ";
    case BinaryOp::Or: return " || ";
    case BinaryOp::MatMul: return " %*% ";
  }
  return "?";
}

std::string wrapped(const Expr& e, bool parens) { return parens ? "(" + to_string(e) + ")" : to_string(e); }

std::string index_text(const Index& idx) {
  switch (idx.kind) {
    case Index::Kind::Empty: return "";
    case Index::Kind::Single: return to_string(idx.bounds[0]);
    case Index::Kind::Range: return to_string(idx.bounds[0]) + ":" + to_string(idx.bounds[1]);
  }
  return "";
}

std::string join_args(const std::vector<Expr>& args) {
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + to_string(args[i]);
  return out;
}

std::string statements(const std::vector<Stmt>& body, int indent) {
  std::string out;
  for (const Stmt& s : body) out += to_string(s, indent);
  return out;
}

bool same_opt(const std::optional<Expr>& a, const std::optional<Expr>& b) {
  return a.has_value() == b.has_value() && (!a || same_structure(*a, *b));
}

bool same_list(const std::vector<Expr>& a, const std::vector<Expr>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_structure(a[i], b[i])) return false;
  return true;
}

bool same_body(const std::vector<Stmt>& a, const std::vector<Stmt>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!same_structure(a[i], b[i])) return false;
  return true;
}

}  // namespace

std::string to_string(const Expr& e) {
  switch (e.kind) {
    case Expr::Kind::Number: return format_number(e.number);
    case Expr::Kind::Var: {
      if (!e.indexed) return e.name;
      std::string out = e.name + "[";
      for (std::size_t i = 0; i < e.indices.size(); ++i) out += (i ? ", " : "") + index_text(e.indices[i]);
      return out + "]";
    }
    case Expr::Kind::Call:
      if (is_not(e)) return "!" + wrapped(e.args[0], precedence(e.args[0]) < kPrecNot);
      return e.name + "(" + join_args(e.args) + ")";
    case Expr::Kind::Neg: {
      const std::string inner = wrapped(e.args[0], precedence(e.args[0]) < kPrecNeg);
      // `- -a`, not `-(-a)`: the parentheses would count twice against the parser's nesting
      // limit, so a deep but accepted `- - - a` would print as text that no longer parses.
      return inner.starts_with('-') ? "- " + inner : "-" + inner;
    }
    case Expr::Kind::Binary: {
      const int p = precedence(e);
      // `^` groups to the right, the others to the left; a negated exponent needs no parentheses.
      const bool right_assoc = e.op == BinaryOp::Pow;
      // Comparisons do not chain, so an operand comparison is wrapped on either side.
      const bool lhs_parens = right_assoc || p == kPrecCmp ? precedence(e.args[0]) <= p : precedence(e.args[0]) < p;
      const bool rhs_parens = right_assoc ? precedence(e.args[1]) < kPrecNeg : precedence(e.args[1]) <= p;
      return wrapped(e.args[0], lhs_parens) + op_text(e.op) + wrapped(e.args[1], rhs_parens);
    }
  }
  return "";
}

std::string to_string(const Stmt& s, int indent) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  switch (s.kind) {
    case Stmt::Kind::For:
      return pad + "for (" + s.loop_var + " in " + to_string(*s.from) + ":" + to_string(*s.to) + ") {\n" +
             statements(s.body, indent + 1) + pad + "}\n";
    case Stmt::Kind::Deterministic: {
      const std::string lhs = s.link.empty() ? to_string(s.lhs) : s.link + "(" + to_string(s.lhs) + ")";
      return pad + lhs + " <- " + to_string(s.rhs) + "\n";
    }
    case Stmt::Kind::Stochastic: {
      std::string out = pad + to_string(s.lhs) + " ~ " + to_string(s.rhs);
      if (s.bounds) {
        out += " ";
        out += s.bounds->kind;
        out += "(" + (s.bounds->lo ? to_string(*s.bounds->lo) : "") + "," +
               (s.bounds->hi ? " " + to_string(*s.bounds->hi) : "") + ")";
      }
      return out + "\n";
    }
  }
  return "";
}

std::string to_string(const bugs::Program& p) {
  std::string out;
  if (!p.vars.empty()) {
    out += "var\n";
    for (std::size_t i = 0; i < p.vars.size(); ++i) {
      const bugs::VarDecl& v = p.vars[i];
      out += "  " + v.name + (v.dims.empty() ? "" : "[" + join_args(v.dims) + "]");
      out += i + 1 < p.vars.size() ? ",\n" : ";\n";
    }
  }
  if (p.has_data) out += "data {\n" + statements(p.data, 1) + "}\n";
  return out + "model {\n" + statements(p.model, 1) + "}\n";
}

bool same_structure(const Expr& a, const Expr& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Expr::Kind::Number: return a.number == b.number;
    case Expr::Kind::Var:
      if (a.name != b.name || a.indexed != b.indexed || a.indices.size() != b.indices.size()) return false;
      for (std::size_t i = 0; i < a.indices.size(); ++i)
        if (a.indices[i].kind != b.indices[i].kind || !same_list(a.indices[i].bounds, b.indices[i].bounds))
          return false;
      return true;
    case Expr::Kind::Call: return a.name == b.name && same_list(a.args, b.args);
    case Expr::Kind::Neg: return same_list(a.args, b.args);
    case Expr::Kind::Binary: return a.op == b.op && same_list(a.args, b.args);
  }
  return false;
}

bool same_structure(const Stmt& a, const Stmt& b) {
  if (a.kind != b.kind) return false;
  if (a.kind == Stmt::Kind::For)
    return a.loop_var == b.loop_var && same_opt(a.from, b.from) && same_opt(a.to, b.to) && same_body(a.body, b.body);
  if (a.link != b.link || !same_structure(a.lhs, b.lhs) || !same_structure(a.rhs, b.rhs)) return false;
  if (a.bounds.has_value() != b.bounds.has_value()) return false;
  return !a.bounds || (a.bounds->kind == b.bounds->kind && same_opt(a.bounds->lo, b.bounds->lo) &&
                       same_opt(a.bounds->hi, b.bounds->hi));
}

bool same_structure(const bugs::Program& a, const bugs::Program& b) {
  if (a.vars.size() != b.vars.size() || a.has_data != b.has_data) return false;
  for (std::size_t i = 0; i < a.vars.size(); ++i)
    if (a.vars[i].name != b.vars[i].name || !same_list(a.vars[i].dims, b.vars[i].dims)) return false;
  return same_body(a.data, b.data) && same_body(a.model, b.model);
}

}  // namespace alea::io
