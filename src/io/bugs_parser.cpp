// Recursive-descent parser for BUGS models. Precedence follows JAGS's grammar (and R),
// lowest first: `||` < `&&` < `!` < comparisons (which do not chain) < `+ -` < `* /`
// < `%*%` < unary minus < `^` (right-associative), so `-2^2` is -(2^2), `a^-b` works
// and `!a == b` is !(a == b). All binary operators but `^` are left-associative.
#include "alea/io/bugs_parser.hpp"

#include <algorithm>
#include <optional>

#include "bugs_lexer.hpp"
#include "lex_util.hpp"

namespace alea::io {
namespace {

using bugs::Expr;
using bugs::Index;
using bugs::Stmt;
using bugs_detail::Tok;
using bugs_detail::Token;
using detail::at_line_col;

// Deeply nested input would otherwise overflow the stack.
constexpr int kMaxDepth = 200;

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : toks_(std::move(toks)) {}

  bugs::Program parse_program() {
    bugs::Program prog;
    bool has_model = false;
    SourceLoc data_loc;
    while (peek().kind != Tok::End) {
      const Token& t = peek();
      if (t.kind == Tok::Semi) {
        next();
      } else if (is_ident("var") && peek(1).kind == Tok::Ident) {
        next();
        parse_var_decls(prog);
      } else if (is_ident("data") && peek(1).kind == Tok::LBrace) {
        if (prog.has_data) fail(t, "second 'data' block (the first is at " + at_line_col(data_loc) + ")");
        next();
        prog.has_data = true;
        data_loc = t.loc;
        prog.data = parse_block("data");
      } else if (is_ident("model") && peek(1).kind == Tok::LBrace) {
        if (has_model) fail(t, "second 'model' block (the first is at " + at_line_col(prog.model_loc) + ")");
        next();
        has_model = true;
        prog.model_loc = t.loc;
        prog.model = parse_block("model");
      } else {
        fail(t, "expected 'model {', 'data {' or 'var' at the top level, found " + describe(t));
      }
    }
    if (!has_model) fail(peek(), "missing 'model' block");
    return prog;
  }

 private:
  // Limits recursion depth for the lifetime of one recursive call.
  struct DepthGuard {
    DepthGuard(Parser& p, const Token& at) : parser(p) {
      if (++parser.depth_ > kMaxDepth) parser.fail(at, "nested too deeply");
    }
    ~DepthGuard() { --parser.depth_; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    Parser& parser;
  };

  const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < toks_.size() - 1) ++pos_;
    return t;
  }
  bool is_ident(const char* word, std::size_t ahead = 0) const {
    return peek(ahead).kind == Tok::Ident && peek(ahead).text == word;
  }
  static std::string describe(const Token& t) { return detail::quoted_or_end(t.text); }
  [[noreturn]] void fail(const Token& at, const std::string& message) const { throw InputError(at.loc, message); }
  const Token& expect(Tok kind, const std::string& what) {
    if (peek().kind != kind) fail(peek(), "expected " + what + ", found " + describe(peek()));
    return next();
  }

  void parse_var_decls(bugs::Program& prog) {
    for (;;) {
      const Token& name = expect(Tok::Ident, "a variable name");
      bugs::VarDecl decl{name.text, {}, name.loc};
      if (peek().kind == Tok::LBracket) {
        const Token& open = next();
        for (;;) {
          decl.dims.push_back(parse_expr());
          if (peek().kind == Tok::RBracket) break;
          if (peek().kind != Tok::Comma)
            fail(peek(), "expected ']' to close the dimensions of " + name.text + " opened at " +
                             at_line_col(open.loc) + ", found " + describe(peek()));
          next();
        }
        next();
      }
      prog.vars.push_back(std::move(decl));
      if (peek().kind != Tok::Comma) break;
      next();
    }
    if (peek().kind == Tok::Semi) next();
  }

  std::vector<Stmt> parse_block(const std::string& what) {
    const Token& open = expect(Tok::LBrace, "'{'");
    std::vector<Stmt> body;
    parse_statements(body, open, what);
    return body;
  }

  // Statements up to and including the '}' matching `open`.
  void parse_statements(std::vector<Stmt>& body, const Token& open, const std::string& what) {
    for (;;) {
      if (peek().kind == Tok::Semi) {
        next();
      } else if (peek().kind == Tok::RBrace) {
        next();
        return;
      } else if (peek().kind == Tok::End) {
        fail(peek(), "expected '}' to close the " + what + " opened at " + at_line_col(open.loc) +
                         ", found end of input");
      } else {
        body.push_back(parse_statement());
      }
    }
  }

  Stmt parse_statement() {
    const Token& first = peek();
    DepthGuard guard(*this, first);
    Stmt s;
    s.loc = first.loc;
    if (is_ident("for") && peek(1).kind == Tok::LParen) return parse_for();
    if (first.kind != Tok::Ident)
      fail(first, "expected a relation ('name ~ ...' or 'name <- ...') or 'for', found " + describe(first));
    if (peek(1).kind == Tok::LParen) {
      s.link = next().text;
      const Token& open = next();
      s.lhs = parse_variable();
      if (peek().kind != Tok::RParen)
        fail(peek(), "expected ')' to close the link function " + s.link + " opened at " + at_line_col(open.loc) +
                         ", found " + describe(peek()));
      next();
    } else {
      s.lhs = parse_variable();
    }
    const Token& op = peek();
    if (op.kind == Tok::Tilde) {
      if (!s.link.empty())
        fail(op, "a link function such as " + s.link + "(...) can only be used with '<-', not '~'");
      next();
      s.kind = Stmt::Kind::Stochastic;
      if (peek().kind != Tok::Ident || peek(1).kind != Tok::LParen)
        fail(peek(), "expected a distribution such as dnorm(...) after '~', found " + describe(peek()));
      s.rhs = parse_primary();
      if ((is_ident("T") || is_ident("I")) && peek(1).kind == Tok::LParen) s.bounds = parse_bounds();
    } else if (op.kind == Tok::Arrow) {
      next();
      s.kind = Stmt::Kind::Deterministic;
      s.rhs = parse_expr();
    } else if (op.kind == Tok::Equals) {
      fail(op, "use '<-' for a deterministic relation; '=' is not BUGS syntax");
    } else {
      fail(op, "expected '~' or '<-' after " + s.lhs.name + ", found " + describe(op));
    }
    return s;
  }

  Stmt parse_for() {
    Stmt s;
    s.kind = Stmt::Kind::For;
    s.loc = next().loc;
    const Token& open = next();
    s.loop_var = expect(Tok::Ident, "the loop variable after 'for ('").text;
    if (!is_ident("in")) fail(peek(), "expected 'in' after the loop variable, found " + describe(peek()));
    next();
    s.from = parse_expr();
    expect(Tok::Colon, "':' in the loop range");
    s.to = parse_expr();
    if (peek().kind != Tok::RParen)
      fail(peek(), "expected ')' to close the 'for (' opened at " + at_line_col(open.loc) + ", found " +
                       describe(peek()));
    next();
    if (peek().kind == Tok::LBrace) {
      const Token& brace = next();
      parse_statements(s.body, brace, "loop body");
    } else {
      s.body.push_back(parse_statement());
    }
    return s;
  }

  bugs::Bounds parse_bounds() {
    bugs::Bounds b;
    const Token& kw = next();
    b.kind = kw.text[0];
    b.loc = kw.loc;
    const Token& open = next();
    if (peek().kind != Tok::Comma) b.lo = parse_expr();
    if (peek().kind != Tok::Comma)
      fail(peek(), "expected ',' between the bounds of " + kw.text + "(lo, hi), found " + describe(peek()));
    next();
    if (peek().kind != Tok::RParen) b.hi = parse_expr();
    if (peek().kind != Tok::RParen)
      fail(peek(), "expected ')' to close " + kw.text + "( opened at " + at_line_col(open.loc) + ", found " +
                       describe(peek()));
    next();
    return b;
  }

  Expr parse_variable() {
    const Token& name = expect(Tok::Ident, "a variable name");
    Expr e;
    e.kind = Expr::Kind::Var;
    e.loc = name.loc;
    e.name = name.text;
    if (peek().kind == Tok::LBracket) parse_indices(e);
    return e;
  }

  void parse_indices(Expr& var) {
    const Token& open = next();
    var.indexed = true;
    for (;;) {
      Index idx;
      idx.loc = peek().loc;
      if (peek().kind != Tok::Comma && peek().kind != Tok::RBracket) {
        idx.kind = Index::Kind::Single;
        idx.bounds.push_back(parse_expr());
        if (peek().kind == Tok::Colon) {
          next();
          idx.kind = Index::Kind::Range;
          idx.bounds.push_back(parse_expr());
        }
      }
      var.indices.push_back(std::move(idx));
      if (peek().kind == Tok::RBracket) break;
      if (peek().kind != Tok::Comma)
        fail(peek(), "expected ']' to close the index of " + var.name + " opened at " + at_line_col(open.loc) +
                         ", found " + describe(peek()));
      next();
    }
    next();
  }

  Expr parse_expr() {
    Expr lhs = parse_and();
    while (peek().kind == Tok::OrOr) {
      const Token& op = next();
      lhs = binary(op, bugs::BinaryOp::Or, std::move(lhs), parse_and());
    }
    return lhs;
  }

  Expr parse_and() {
    Expr lhs = parse_not();
    while (peek().kind == Tok::AndAnd) {
      const Token& op = next();
      lhs = binary(op, bugs::BinaryOp::And, std::move(lhs), parse_not());
    }
    return lhs;
  }

  Expr parse_not() {
    const Token& t = peek();
    DepthGuard guard(*this, t);
    if (t.kind != Tok::Bang) return parse_comparison();
    next();
    Expr e;
    e.kind = Expr::Kind::Call;
    e.name = "!";
    e.loc = t.loc;
    e.args.push_back(parse_not());
    return e;
  }

  static std::optional<bugs::BinaryOp> comparison(Tok t) {
    switch (t) {
      case Tok::EqEq: return bugs::BinaryOp::Eq;
      case Tok::NotEq: return bugs::BinaryOp::Ne;
      case Tok::Less: return bugs::BinaryOp::Lt;
      case Tok::LessEq: return bugs::BinaryOp::Le;
      case Tok::Greater: return bugs::BinaryOp::Gt;
      case Tok::GreaterEq: return bugs::BinaryOp::Ge;
      default: return std::nullopt;
    }
  }

  Expr parse_comparison() {
    Expr lhs = parse_sum();
    const auto cmp = comparison(peek().kind);
    if (!cmp) return lhs;
    const Token& op = next();
    Expr e = binary(op, *cmp, std::move(lhs), parse_sum());
    if (comparison(peek().kind))
      fail(peek(), "comparisons do not chain: '" + op.text + "' is followed by '" + peek().text +
                       "'; write (a " + op.text + " b) && (b " + peek().text + " c)");
    return e;
  }

  Expr parse_sum() {
    Expr lhs = parse_term();
    while (peek().kind == Tok::Plus || peek().kind == Tok::Minus) {
      const Token& op = next();
      lhs = binary(op, op.kind == Tok::Plus ? bugs::BinaryOp::Add : bugs::BinaryOp::Sub, std::move(lhs),
                   parse_term());
    }
    return lhs;
  }

  Expr parse_term() {
    Expr lhs = parse_special();
    while (peek().kind == Tok::Star || peek().kind == Tok::Slash) {
      const Token& op = next();
      lhs = binary(op, op.kind == Tok::Star ? bugs::BinaryOp::Mul : bugs::BinaryOp::Div, std::move(lhs),
                   parse_special());
    }
    return lhs;
  }

  // `%name%` operators; JAGS defines `%*%` only.
  Expr parse_special() {
    Expr lhs = parse_unary();
    while (peek().kind == Tok::Special) {
      const Token& op = next();
      if (op.text != "%*%") fail(op, "unknown operator '" + op.text + "'; the only %...% operator is '%*%'");
      lhs = binary(op, bugs::BinaryOp::MatMul, std::move(lhs), parse_unary());
    }
    return lhs;
  }

  Expr parse_unary() {
    const Token& t = peek();
    DepthGuard guard(*this, t);
    if (t.kind == Tok::Bang) return parse_not();
    if (t.kind != Tok::Minus) return parse_power();
    next();
    Expr e;
    e.kind = Expr::Kind::Neg;
    e.loc = t.loc;
    e.args.push_back(parse_unary());
    return e;
  }

  Expr parse_power() {
    Expr base = parse_primary();
    if (peek().kind != Tok::Caret) return base;
    const Token& op = next();
    return binary(op, bugs::BinaryOp::Pow, std::move(base), parse_unary());
  }

  static Expr binary(const Token& op, bugs::BinaryOp kind, Expr lhs, Expr rhs) {
    Expr e;
    e.kind = Expr::Kind::Binary;
    e.loc = op.loc;
    e.op = kind;
    e.args.push_back(std::move(lhs));
    e.args.push_back(std::move(rhs));
    return e;
  }

  Expr parse_primary() {
    const Token& t = peek();
    Expr e;
    e.loc = t.loc;
    if (t.kind == Tok::Number) {
      next();
      e.kind = Expr::Kind::Number;
      e.number = t.number;
    } else if (t.kind == Tok::Ident && peek(1).kind == Tok::LParen) {
      next();
      e.kind = Expr::Kind::Call;
      e.name = t.text;
      const Token& open = next();
      if (peek().kind == Tok::RParen) {
        next();
        return e;
      }
      for (;;) {
        e.args.push_back(parse_expr());
        if (peek().kind == Tok::RParen) break;
        if (peek().kind != Tok::Comma)
          fail(peek(), "expected ')' to close the call to " + e.name + " opened at " + at_line_col(open.loc) +
                           ", found " + describe(peek()));
        next();
      }
      next();
    } else if (t.kind == Tok::Ident) {
      return parse_variable();
    } else if (t.kind == Tok::LParen) {
      DepthGuard guard(*this, t);
      next();
      e = parse_expr();
      if (peek().kind != Tok::RParen)
        fail(peek(), "expected ')' to close the '(' opened at " + at_line_col(t.loc) + ", found " +
                         describe(peek()));
      next();
    } else {
      fail(t, "expected an expression, found " + describe(t));
    }
    return e;
  }

  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

bugs::Program parse_bugs(std::string_view text, const std::string& filename) {
  return Parser(bugs_detail::lex_bugs(text, filename)).parse_program();
}

}  // namespace alea::io
