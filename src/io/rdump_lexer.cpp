// R dump tokenizer: numbers with R's rules, names, quoted names and strings, and the
// punctuation dump() and dput() write. Comments (# to the end of the line) are skipped.
#include "rdump_lexer.hpp"

#include <cmath>

namespace alea::io::rdump_detail {

Token Lexer::scan() {
  detail::Cursor& cur = cur_;
  while (!cur.at_end()) {
    const char c = cur.peek();
    if (c == '\n') {
      newline_ = true;
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
  const auto at = [&] { return loc(t); };  // for messages only
  t.newline_before = newline_;
  newline_ = false;
  if (cur.at_end()) return t;
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
    const std::size_t from = cur.pos();
    bool escaped = false;
    while (!cur.at_end() && cur.peek() != c && cur.peek() != '\n') {
      if (cur.get() == '\\' && !cur.at_end() && cur.peek() != '\n') {
        escaped = true;
        cur.get();
      }
    }
    if (cur.peek() != c)
      throw InputError(at(), std::string("unterminated quoted name (missing closing ") + c + ")");
    const std::string_view raw = cur.slice(from);
    cur.get();
    t.kind = Tok::Name;
    t.quoted = true;
    if (!escaped) {
      t.text = raw;
    } else {
      // A backslash keeps the next character as it is (\" is ", \\ is \); names and the
      // strings alea skips need no more of R's escapes than that.
      std::string name;
      for (std::size_t i = 0; i < raw.size(); ++i) name += raw[i] == '\\' ? raw[++i] : raw[i];
      t.text = unescaped_.emplace_back(std::move(name));
    }
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
  return t;
}
}  // namespace alea::io::rdump_detail
