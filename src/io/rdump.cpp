// R dump reader: a small tokenizer and a recursive-descent parser over the
// subset of R that dump() and dput() write for numeric data.
#include "alea/io/rdump.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lex_util.hpp"

namespace alea::io {
namespace {

using detail::Cursor;

// Ranges and integer(n) can ask for huge vectors in a few bytes of text.
constexpr double kMaxElements = 1e8;

enum class Tok { Name, Number, LParen, RParen, Comma, Arrow, Equals, Colon, Minus, Plus, Semi, End };

// Tokens point into the text (a data file is mostly numbers: no copy, no file name, per
// token); a quoted name with escapes points into Tokens::unescaped.
struct Token {
  Tok kind = Tok::End;
  std::string_view text;  // names without their quotes; numbers as written
  int line = 0, column = 0;
  bool newline_before = false;
  double number = 0;
  bool integer_syntax = false;  // no decimal point or exponent, or an L suffix
};

struct Tokens {
  std::vector<Token> list;
  std::deque<std::string> unescaped;  // stable addresses
  std::string file;
  SourceLoc loc(const Token& t) const { return SourceLoc{file, t.line, t.column}; }
};

Tokens tokenize(std::string_view text, const std::string& file) {
  Cursor cur(text, file);
  Tokens tokens;
  tokens.file = file;
  std::vector<Token>& out = tokens.list;
  out.reserve(text.size() / 3 + 8);  // a number and its separator take 3 characters or more
  bool newline = true;
  for (;;) {
    while (!cur.at_end()) {
      const char c = cur.peek();
      if (c == '\n') {
        newline = true;
        cur.get();
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        cur.get();
      } else if (c == '#') {
        while (!cur.at_end() && cur.peek() != '\n') cur.get();
      } else {
        break;
      }
    }
    Token t;
    t.line = cur.line(), t.column = cur.column();
    const auto at = [&] { return tokens.loc(t); };  // for messages only
    t.newline_before = newline;
    newline = false;
    if (cur.at_end()) {
      out.push_back(t);
      return tokens;
    }
    const std::size_t start = cur.pos();
    const char c = cur.peek();
    const detail::NumberScan num = detail::scan_number(cur.rest());
    if (num.length > 0) {
      if (num.bad_exponent) throw InputError(at(), "malformed number: the exponent has no digits");
      for (std::size_t i = 0; i < num.length; ++i) cur.get();
      const std::string_view digits = cur.slice(start);
      const auto value = detail::to_double(digits);
      if (!value) throw InputError(at(), "number '" + std::string(digits) + "' is out of range");
      t.kind = Tok::Number;
      t.number = *value;
      t.integer_syntax = !num.has_point_or_exp;
      if (cur.peek() == 'L') {
        cur.get();
        t.integer_syntax = std::floor(*value) == *value;
      }
      t.text = cur.slice(start);
    } else if (detail::is_alpha(c) || c == '.') {
      while (detail::is_name_char(cur.peek())) cur.get();
      t.kind = Tok::Name;
      t.text = cur.slice(start);
    } else if (c == '"' || c == '\'' || c == '`') {
      cur.get();
      std::string name;
      while (!cur.at_end() && cur.peek() != c && cur.peek() != '\n') {
        if (cur.get() == '\\' && !cur.at_end() && cur.peek() != '\n') name += cur.get();
        else name += text[cur.pos() - 1];
      }
      if (cur.peek() != c) throw InputError(at(), std::string("unterminated quoted name (missing closing ") + c + ")");
      cur.get();
      t.kind = Tok::Name;
      t.text = tokens.unescaped.emplace_back(std::move(name));
    } else {
      cur.get();
      switch (c) {
        case '(': t.kind = Tok::LParen; break;
        case ')': t.kind = Tok::RParen; break;
        case ',': t.kind = Tok::Comma; break;
        case '=': t.kind = Tok::Equals; break;
        case ':': t.kind = Tok::Colon; break;
        case '-': t.kind = Tok::Minus; break;
        case '+': t.kind = Tok::Plus; break;
        case ';': t.kind = Tok::Semi; break;
        case '<':
          if (cur.peek() == '-') {
            cur.get();
            t.kind = Tok::Arrow;
            break;
          }
          [[fallthrough]];
        default:
          throw InputError(at(), "unknown character " + detail::describe_char(c));
      }
      t.text = cur.slice(start);
    }
    out.push_back(t);
  }
}

// A value while it is being read: its shape is only known at the end.
struct Parsed {
  std::vector<double> data;
  bool integer = true;
  bool scalar = false;
  std::optional<std::vector<std::int64_t>> dims;
};

class Parser {
 public:
  explicit Parser(Tokens toks) : tokens_(std::move(toks)), toks_(tokens_.list) {}

  DataSet parse_file() {
    while (peek().kind != Tok::End) {
      if (peek().kind == Tok::Semi) {
        ++pos_;
        continue;
      }
      if (peek().kind == Tok::Name && peek().text == "list" && peek(1).kind == Tok::LParen) parse_list();
      else parse_assignment();
      const Token& next = peek();
      if (next.kind != Tok::End && next.kind != Tok::Semi && !next.newline_before)
        fail(next, "unexpected " + describe(next) + " after the value (expected a new line or ';')");
      var_.clear();
    }
    return std::move(out_);
  }

 private:
  const Token& peek(std::size_t ahead = 0) const { return toks_[std::min(pos_ + ahead, toks_.size() - 1)]; }
  const Token& next() {
    const Token& t = peek();
    if (pos_ < toks_.size() - 1) ++pos_;
    return t;
  }
  static std::string describe(const Token& t) { return detail::quoted_or_end(t.text); }

  [[noreturn]] void fail(const Token& at, const std::string& message) const {
    throw InputError(tokens_.loc(at), var_.empty() ? message : "variable '" + var_ + "': " + message);
  }
  const Token& expect(Tok kind, const std::string& what) {
    if (peek().kind != kind) fail(peek(), "expected " + what + ", found " + describe(peek()));
    return next();
  }

  void parse_list() {
    next();
    const Token& open = next();
    if (peek().kind == Tok::RParen) {
      next();
      return;
    }
    for (;;) {
      const Token& name = expect(Tok::Name, "a variable name");
      var_ = name.text;
      expect(Tok::Equals, "'=' after the name");
      define(name, parse_value());
      var_.clear();
      if (peek().kind == Tok::RParen) break;
      if (peek().kind != Tok::Comma)
        fail(peek(), "expected ',' or ')' to close 'list(' opened at " + detail::at_line_col(tokens_.loc(open)) +
                         ", found " + describe(peek()));
      next();
    }
    next();
  }

  void parse_assignment() {
    const Token& name = expect(Tok::Name, "a variable name");
    var_ = name.text;
    if (peek().kind != Tok::Arrow && peek().kind != Tok::Equals)
      fail(peek(), "expected '<-' or '=' after the name, found " + describe(peek()));
    next();
    define(name, parse_value());
  }

  void define(const Token& name, Parsed p) {
    const std::string var(name.text);
    if (auto it = out_.where.find(var); it != out_.where.end())
      throw InputError(tokens_.loc(name), "variable '" + var + "' is already defined at " + to_string(it->second));
    const ScalarType type = p.integer ? ScalarType::Integer : ScalarType::Real;
    Shape shape;
    if (p.dims) shape = p.dims->size() == 1 ? Shape::vector((*p.dims)[0]) : Shape(*p.dims);
    else if (!p.scalar) shape = Shape::vector(static_cast<std::int64_t>(p.data.size()));
    out_.values.emplace(var, Value(std::move(shape), std::move(p.data), type));
    out_.where.emplace(var, tokens_.loc(name));
  }

  bool at_call(const char* fn) const {
    return peek().kind == Tok::Name && peek().text == fn && peek(1).kind == Tok::LParen;
  }

  Parsed parse_value() {
    if (++depth_ > 50) fail(peek(), "values nested too deeply");
    Parsed p;
    if (at_call("c")) {
      next();
      const Token& open = next();
      if (peek().kind != Tok::RParen) {
        for (;;) {
          Parsed elem = parse_value();
          if (elem.dims) fail(open, "structure() inside c() is not supported");
          p.data.insert(p.data.end(), elem.data.begin(), elem.data.end());
          p.integer = p.integer && elem.integer;
          if (peek().kind == Tok::RParen) break;
          if (peek().kind != Tok::Comma)
            fail(peek(), "expected ',' or ')' to close 'c(' opened at " + detail::at_line_col(tokens_.loc(open)) +
                             ", found " + describe(peek()));
          next();
        }
      } else {
        p.integer = false;
      }
      next();
    } else if (at_call("structure")) {
      p = parse_structure();
    } else if (at_call("integer") || at_call("double") || at_call("numeric")) {
      const bool integer = next().text == "integer";
      next();
      const Token& count = peek();
      const double n = parse_scalar(p);
      if (!(n >= 0) || std::floor(n) != n || n > kMaxElements)
        fail(count, "the length must be a whole number from 0 to 1e8, found " + describe(count));
      charge(count, n);
      p.data.assign(static_cast<std::size_t>(n), 0.0);
      p.integer = integer;
      expect(Tok::RParen, "')'");
    } else {
      const double from = parse_scalar(p);
      if (peek().kind == Tok::Colon) {
        const Token& colon = next();
        Parsed end;
        const double to = parse_scalar(end);
        if (std::isnan(from) || std::isnan(to)) fail(colon, "a range cannot have NA as an end");
        if (std::fabs(to - from) >= kMaxElements) fail(colon, "range has more than 1e8 elements");
        const auto n = static_cast<std::size_t>(std::floor(std::fabs(to - from))) + 1;
        charge(colon, static_cast<double>(n));
        const double step = to >= from ? 1.0 : -1.0;
        p.data.clear();
        p.data.reserve(n);
        for (std::size_t i = 0; i < n; ++i) p.data.push_back(from + step * static_cast<double>(i));
        p.integer = std::floor(from) == from;
      } else {
        p.scalar = true;
      }
    }
    --depth_;
    return p;
  }

  // One number, NA, TRUE or FALSE with an optional sign; appended to p.
  double parse_scalar(Parsed& p) {
    const Token& first = peek();
    bool negative = false;
    if (first.kind == Tok::Minus || first.kind == Tok::Plus) {
      negative = next().kind == Tok::Minus;
      if (peek().kind != Tok::Number) fail(peek(), "expected a number, found " + describe(peek()));
    }
    const Token& t = next();
    double x = 0;
    if (t.kind == Tok::Number) {
      x = negative ? -t.number : t.number;
      p.integer = p.integer && t.integer_syntax;
    } else if (t.kind == Tok::Name && (t.text == "NA" || t.text == "NA_integer_" || t.text == "NA_real_")) {
      x = std::numeric_limits<double>::quiet_NaN();
      p.integer = p.integer && t.text != "NA_real_";
    } else if (t.kind == Tok::Name && (t.text == "TRUE" || t.text == "FALSE")) {
      x = t.text == "TRUE" ? 1.0 : 0.0;
    } else {
      fail(t, "expected a number, found " + describe(t));
    }
    p.data.push_back(x);
    return x;
  }

  Parsed parse_structure() {
    next();
    const Token& open = next();
    if (peek().kind == Tok::Name && peek().text == ".Data" && peek(1).kind == Tok::Equals) pos_ += 2;
    Parsed p = parse_value();
    if (p.dims) fail(open, "nested structure() is not supported");
    while (peek().kind == Tok::Comma) {
      next();
      const Token& attr = expect(Tok::Name, "an attribute name such as .Dim");
      if (attr.text != ".Dim" && attr.text != "dim")
        fail(attr, "unsupported attribute '" + std::string(attr.text) + "' in structure() (only .Dim is read)");
      expect(Tok::Equals, "'=' after " + std::string(attr.text));
      const Token& dims_at = peek();
      const Parsed dims = parse_value();
      check_dims(dims_at, dims, p);
    }
    if (peek().kind != Tok::RParen)
      fail(peek(), "expected ',' or ')' to close 'structure(' opened at " + detail::at_line_col(tokens_.loc(open)) +
                       ", found " + describe(peek()));
    next();
    return p;
  }

  void check_dims(const Token& at, const Parsed& dims, Parsed& p) const {
    if (dims.data.empty()) fail(at, ".Dim is empty");
    std::string text = "c(";
    double product = 1;
    std::vector<std::int64_t> out;
    for (const double d : dims.data) {
      if (!(d >= 0) || std::floor(d) != d || d > kMaxElements)
        fail(at, ".Dim must hold whole numbers from 0 to 1e8, found " + format_number(d));
      product *= d;
      text += (out.empty() ? "" : ", ") + format_number(d);
      out.push_back(static_cast<std::int64_t>(d));
    }
    text += ")";
    if (product != static_cast<double>(p.data.size()))
      fail(at, ".Dim = " + text + " needs " + format_number(product) + " elements, but the data has " +
                   std::to_string(p.data.size()));
    p.dims = std::move(out);
    p.scalar = false;
  }

  Tokens tokens_;
  const std::vector<Token>& toks_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  // Elements made by ranges and integer(n) so far: the 1e8 limit holds for the whole file, since
  // many ranges just under it (`c(1:99999999, 1:99999999, ...)`) exhausted memory.
  double generated_ = 0;

  void charge(const Token& at, double n) {
    generated_ += n;
    if (generated_ > kMaxElements) fail(at, "ranges and integer(n) in this file make more than 1e8 elements");
  }
  std::string var_;  // the variable being read, for messages
  DataSet out_;
};

}  // namespace

DataSet read_rdump(std::string_view text, const std::string& filename) {
  return Parser(tokenize(text, filename)).parse_file();
}

}  // namespace alea::io
