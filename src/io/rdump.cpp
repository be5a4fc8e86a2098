// R dump reader: a recursive-descent parser over the subset of R that dump() and dput()
// write for numeric data, and that JAGS's data and inits files use.
#include "alea/io/rdump.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lex_util.hpp"
#include "rdump_lexer.hpp"

namespace alea::io {
namespace {

using rdump_detail::Tok;
using rdump_detail::Token;
using rdump_detail::Lexer;

// Ranges and integer(n) can ask for huge vectors in a few bytes of text.
constexpr double kMaxElements = 1e8;
// R's integers are 32-bit; as.integer() of anything beyond is NA in R (with a warning).
constexpr double kMaxInteger = 2147483647;

// What a value is besides its elements, which parse_value appends to the caller's vector
// (so that the numbers of a long c(...) are copied once).
struct Info {
  bool integer = true;             // every element integer-typed (see read_rdump)
  bool scalar = false;             // a bare number, not a vector of length 1
  std::vector<std::int64_t> dims;  // from .Dim; empty when there is none
};

// Attributes R itself sets that dput() writes and alea has no use for (names of elements,
// rows and columns; a class; a factor's levels; a time series' times): read and dropped.
bool is_skipped_attribute(std::string_view name) {
  static constexpr std::string_view kSkipped[] = {".Names", "names",   ".Dimnames", "dimnames",
                                                  "class",  ".Label",  "levels",    ".Tsp",
                                                  "tsp",    "comment", "row.names"};
  return std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped);
}

// JAGS's inits files may set its random number generator (.RNG.name, .RNG.seed,
// .RNG.state); alea has its own (--seed), so these are read and dropped.
bool is_jags_rng_setting(std::string_view name) {
  return name.substr(0, 5) == ".RNG.";
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : lex_(text, file) {}

  DataSet parse_file() {
    while (peek().kind != Tok::End) {
      if (peek().kind == Tok::Semi) {
        next();
        continue;
      }
      parse_statement();
      const Token& next = peek();
      if (next.kind != Tok::End && next.kind != Tok::Semi && !next.newline_before)
        fail(next, "unexpected " + describe(next) + " after the value (expected a new line or ';')");
      var_.clear();
    }
    return std::move(out_);
  }

 private:
  // A token peeked is valid until it is consumed; one kept longer is a copy (next()).
  const Token& peek(std::size_t ahead = 0) { return lex_.peek(ahead); }
  Token next() { return lex_.next(); }
  static std::string describe(const Token& t) {
    if (t.quoted) return "the string \"" + std::string(t.text) + "\"";
    return detail::quoted_or_end(t.text);
  }

  [[noreturn]] void fail(const Token& at, const std::string& message) const {
    throw InputError(lex_.loc(at), var_.empty() ? message : "variable '" + var_ + "': " + message);
  }
  Token expect(Tok kind, const std::string& what) {
    if (peek().kind != kind) fail(peek(), "expected " + what + ", found " + describe(peek()));
    return next();
  }
  bool at_call(std::string_view fn, std::size_t ahead = 0) {
    const Token& t = peek(ahead);
    return t.kind == Tok::Name && !t.quoted && t.text == fn && peek(ahead + 1).kind == Tok::LParen;
  }
  bool at_named_argument() { return peek().kind == Tok::Name && peek(1).kind == Tok::Equals; }
  // list(...), or structure(list(...), ...) as dput() writes a data frame.
  bool at_list() {
    if (at_call("list")) return true;
    if (!at_call("structure")) return false;
    const bool data_named =
        peek(2).kind == Tok::Name && peek(2).text == ".Data" && peek(3).kind == Tok::Equals;
    return at_call("list", data_named ? 4 : 2);
  }

  // `name <- value`, `name = value`, or a list whose members are the variables (dput's
  // `list(a = 1, b = 2)`, JAGS's inits files; `inits <- list(...)` names the list itself).
  void parse_statement() {
    if (at_list()) return parse_members();
    const Token name = expect(Tok::Name, "a variable name");
    var_ = name.text;
    if (peek().kind != Tok::Arrow && peek().kind != Tok::Equals)
      fail(peek(), "expected '<-' or '=' after the name, found " + describe(peek()));
    next();
    if (at_list()) {
      var_.clear();
      return parse_members();
    }
    if (is_jags_rng_setting(name.text)) return skip_value(true);
    define_from_value(name);
  }

  void parse_members() {
    if (!at_call("structure")) return parse_list();
    next();
    const Token open = next();
    if (at_named_argument()) lex_.skip(2);  // .Data =
    parse_list();
    while (peek().kind == Tok::Comma) {  // a data frame's class and row.names
      next();
      if (at_named_argument()) lex_.skip(2);
      skip_value(false);
    }
    close(open, "structure(");
  }

  void parse_list() {
    next();
    const Token open = next();
    if (peek().kind == Tok::RParen) {
      next();
      return;
    }
    for (;;) {
      const Token name = expect(Tok::Name, "a variable name");
      var_ = name.text;
      expect(Tok::Equals, "'=' after the name");
      if (is_jags_rng_setting(name.text))
        skip_value(false);
      else
        define_from_value(name);
      var_.clear();
      if (peek().kind == Tok::RParen) break;
      expect_comma(open, "list(");
    }
    next();
  }

  void expect_comma(const Token& open, const char* what) {
    if (peek().kind != Tok::Comma)
      fail(peek(), std::string("expected ',' or ')' to close '") + what + "' opened at " +
                       detail::at_line_col(lex_.loc(open)) + ", found " + describe(peek()));
    next();
  }
  void close(const Token& open, const char* what) {
    if (peek().kind != Tok::RParen) expect_comma(open, what);  // throws with the message above
    next();
  }

  void define_from_value(const Token& name) {
    std::vector<double> data;
    const Info info = parse_value(data);
    const std::string var(name.text);
    if (auto it = out_.where.find(var); it != out_.where.end())
      throw InputError(lex_.loc(name),
                       "variable '" + var + "' is already defined at " + to_string(it->second));
    const ScalarType type = info.integer ? ScalarType::Integer : ScalarType::Real;
    Shape shape;
    if (info.dims.size() == 1)
      shape = Shape::vector(info.dims[0]);
    else if (!info.dims.empty())
      shape = Shape(info.dims);
    else if (!info.scalar)
      shape = Shape::vector(static_cast<std::int64_t>(data.size()));
    out_.values.emplace(var, Value(std::move(shape), std::move(data), type));
    out_.where.emplace(var, lex_.loc(name));
  }

  // Appends the elements of one value to out.
  Info parse_value(std::vector<double>& out) {
    if (++depth_ > 50) fail(peek(), "values nested too deeply");
    Info info;
    const Token& t = peek();
    if (t.kind == Tok::Name && !t.quoted && peek(1).kind == Tok::LParen)
      info = parse_call(out);
    else
      info = parse_scalar_or_range(out);
    --depth_;
    return info;
  }

  Info parse_call(std::vector<double>& out) {
    const Token fn = next();
    const Token open = next();
    const std::string_view name = fn.text;
    if (name == "c") return parse_c(open, out);
    if (name == "structure") return parse_structure(open, out);
    if (name == "integer" || name == "double" || name == "numeric")
      return parse_zeros(name == "integer", out);
    if (name == "as.integer" || name == "as.double" || name == "as.numeric") return parse_coercion(fn, out);
    if (name == "list")
      fail(fn, "a list() cannot be the value of a variable (alea reads numbers and arrays of them)");
    fail(fn, "unknown function '" + std::string(name) +
                 "' (R data are read from numbers, NA, TRUE, FALSE, Inf, ranges a:b, c(), structure(), "
                 "as.integer(), as.double(), as.numeric(), integer(n), double(n) and numeric(n))");
  }

  // c(...): the elements of its arguments in order, each argument's dim dropped as R does.
  // Element names (c(a = 1, b = 2), as dput() writes a named vector) are dropped too.
  Info parse_c(const Token& open, std::vector<double>& out) {
    Info info;
    if (peek().kind == Tok::RParen) {
      next();
      info.integer = false;
      return info;
    }
    for (;;) {
      if (at_named_argument()) lex_.skip(2);
      info.integer = parse_value(out).integer && info.integer;
      if (peek().kind == Tok::RParen) break;
      expect_comma(open, "c(");
    }
    next();
    return info;
  }

  // structure(DATA, .Dim = ..., other attributes): R lets the data be named .Data and
  // come after the attributes.
  Info parse_structure(const Token& open, std::vector<double>& out) {
    const std::size_t start = out.size();
    Info info;
    bool have_data = false;
    std::optional<Token> dims_at;
    std::vector<double> dims;
    for (bool first = true;; first = false) {
      if (!first) {
        if (peek().kind == Tok::RParen) break;
        expect_comma(open, "structure(");
      }
      const Token arg = peek();
      if (at_named_argument() && arg.text != ".Data") {
        lex_.skip(2);
        if (arg.text == ".Dim" || arg.text == "dim") {
          dims_at = peek();
          dims.clear();
          parse_value(dims);
        } else if (is_skipped_attribute(arg.text)) {
          skip_value(false);
        } else {
          fail(arg,
               "unknown attribute '" + std::string(arg.text) +
                   "' in structure() (alea reads .Dim and drops R's .Dimnames, .Names, class and levels)");
        }
        continue;
      }
      if (have_data)
        fail(arg, "structure() has two data arguments (attributes are named, as in .Dim = c(2, 3))");
      if (at_named_argument()) lex_.skip(2);
      info = parse_value(out);
      have_data = true;
    }
    if (!have_data) fail(open, "structure() has no data");
    next();
    if (dims_at) info.dims = check_dims(*dims_at, dims, out.size() - start);
    if (!info.dims.empty()) info.scalar = false;
    return info;
  }

  std::vector<std::int64_t> check_dims(const Token& at, const std::vector<double>& dims,
                                       std::size_t n) const {
    if (dims.empty()) fail(at, ".Dim is empty");
    std::string text = "c(";
    double product = 1;
    std::vector<std::int64_t> out;
    for (const double d : dims) {
      if (!(d >= 0) || std::floor(d) != d || d > kMaxElements)
        fail(at, ".Dim must hold whole numbers from 0 to 1e8, found " + format_number(d));
      product *= d;
      text += (out.empty() ? "" : ", ") + format_number(d);
      out.push_back(static_cast<std::int64_t>(d));
    }
    text += ")";
    if (product != static_cast<double>(n))
      fail(at, ".Dim = " + text + " needs " + format_number(product) + " elements, but the data has " +
                   std::to_string(n));
    return out;
  }

  // integer(n), double(n), numeric(n): n zeros.
  Info parse_zeros(bool integer, std::vector<double>& out) {
    const Token count = peek();
    Info info;
    std::vector<double> arg;
    parse_value(arg);
    const double n = arg.size() == 1 ? arg[0] : -1;
    if (!(n >= 0) || std::floor(n) != n || n > kMaxElements)
      fail(count, "the length must be a whole number from 0 to 1e8, found " + describe(count));
    charge(count, n);
    out.insert(out.end(), static_cast<std::size_t>(n), 0.0);
    info.integer = integer;
    expect(Tok::RParen, "')'");
    return info;
  }

  // as.integer(x) truncates toward zero as R does; as.double and as.numeric make x real.
  // Both drop x's dim, as R does.
  Info parse_coercion(const Token& fn, std::vector<double>& out) {
    const std::size_t start = out.size();
    const Token arg = peek();
    Info info = parse_value(out);
    info.dims.clear();
    info.integer = fn.text == "as.integer";
    if (info.integer) {
      for (std::size_t i = start; i < out.size(); ++i) {
        if (std::isnan(out[i])) continue;
        if (!(std::fabs(out[i]) <= kMaxInteger))
          fail(arg, "as.integer() of " + format_number(out[i]) + ": outside R's integer range (NA in R)");
        out[i] = std::trunc(out[i]);
      }
    }
    expect(Tok::RParen, "')' to close " + std::string(fn.text) + "(");
    return info;
  }

  // A number, NA, TRUE, FALSE or Inf, or a range a:b of two of them.
  Info parse_scalar_or_range(std::vector<double>& out) {
    Info info;
    const double from = parse_scalar(out, info);
    if (peek().kind != Tok::Colon) {
      info.scalar = true;
      return info;
    }
    const Token colon = next();
    Info end;
    const double to = parse_scalar(out, end);
    out.resize(out.size() - 2);
    if (std::isnan(from) || std::isnan(to)) fail(colon, "a range cannot have NA as an end");
    if (!(std::fabs(to - from) < kMaxElements)) fail(colon, "range has more than 1e8 elements");
    const auto n = static_cast<std::size_t>(std::floor(std::fabs(to - from))) + 1;
    charge(colon, static_cast<double>(n));
    const double step = to >= from ? 1.0 : -1.0;
    out.reserve(out.size() + n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(from + step * static_cast<double>(i));
    info.integer = std::floor(from) == from && std::fabs(from) <= kMaxInteger;
    return info;
  }

  // One number, NA, TRUE, FALSE or Inf with an optional sign; appended to out.
  double parse_scalar(std::vector<double>& out, Info& info) {
    bool negative = false;
    if (peek().kind == Tok::Minus || peek().kind == Tok::Plus) negative = next().kind == Tok::Minus;
    const Token t = next();
    double x = 0;
    if (t.kind == Tok::Number) {
      x = t.number;
      info.integer = info.integer && t.integer_syntax;
    } else if (t.kind == Tok::Name && !t.quoted) {
      const std::string_view s = t.text;
      if (s == "NA" || s == "NA_integer_" || s == "NA_real_") {
        x = std::numeric_limits<double>::quiet_NaN();
        info.integer = info.integer && s != "NA_real_";
      } else if (s == "TRUE" || s == "T" || s == "FALSE" || s == "F") {
        x = s[0] == 'T' ? 1.0 : 0.0;
      } else if (s == "Inf") {
        x = std::numeric_limits<double>::infinity();
        info.integer = false;
      } else if (s == "NaN") {
        fail(t, "NaN is not a data value (write NA for a missing value)");
      } else {
        fail(t, "expected a number, found " + describe(t));
      }
    } else {
      fail(t, "expected a number, found " + describe(t));
    }
    if (negative && !std::isnan(x)) x = -x;  // -NA is NA and -TRUE is -1, as in R
    out.push_back(x);
    return x;
  }

  // Steps over one value alea does not read (an attribute, a JAGS RNG setting): to the
  // ',' or ')' that ends it, or at the top level to the next line or ';'.
  void skip_value(bool top_level) {
    const Token& first = peek();
    if (first.kind == Tok::Comma || first.kind == Tok::RParen || first.kind == Tok::End)
      fail(first, "expected a value, found " + describe(first));
    int depth = 0;
    for (bool at_first = true;; at_first = false) {
      const Token& t = peek();
      if (t.kind == Tok::End) return;
      if (depth == 0 && !at_first) {
        if (t.kind == Tok::Comma || t.kind == Tok::RParen) return;
        if (top_level && (t.kind == Tok::Semi || t.newline_before)) return;
      }
      if (t.kind == Tok::LParen) ++depth;
      if (t.kind == Tok::RParen) --depth;
      next();
    }
  }

  Lexer lex_;
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
  return Parser(text, filename).parse_file();
}

}  // namespace alea::io
