// BUGS lexer: identifiers with dots and underscores, numbers, operators, and
// `#` and `/* */` comments; newlines carry no meaning.
#include "bugs_lexer.hpp"

#include "lex_util.hpp"

namespace alea::io::bugs_detail {
namespace {

using detail::Cursor;

// Skips blanks and comments; an unterminated `/*` is an error at its opening.
void skip_space(Cursor& cur) {
  while (!cur.at_end()) {
    const char c = cur.peek();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      cur.get();
    } else if (c == '#') {
      while (!cur.at_end() && cur.peek() != '\n') cur.get();
    } else if (c == '/' && cur.peek(1) == '*') {
      const SourceLoc open = cur.loc();
      cur.get();
      cur.get();
      while (!(cur.peek() == '*' && cur.peek(1) == '/')) {
        if (cur.at_end()) throw InputError(open, "unterminated comment: '/*' without a closing '*/'");
        cur.get();
      }
      cur.get();
      cur.get();
    } else {
      return;
    }
  }
}

Tok single_char_token(char c) {
  switch (c) {
    case '(': return Tok::LParen;
    case ')': return Tok::RParen;
    case '[': return Tok::LBracket;
    case ']': return Tok::RBracket;
    case '{': return Tok::LBrace;
    case '}': return Tok::RBrace;
    case ',': return Tok::Comma;
    case ';': return Tok::Semi;
    case ':': return Tok::Colon;
    case '~': return Tok::Tilde;
    case '=': return Tok::Equals;
    case '+': return Tok::Plus;
    case '-': return Tok::Minus;
    case '*': return Tok::Star;
    case '/': return Tok::Slash;
    case '^': return Tok::Caret;
    default: return Tok::End;
  }
}

// Comparison and logical operators, longest match first; Tok::End when none starts here.
// A single '&' or '|' is R's elementwise form, which JAGS does not have.
Tok operator_token(Cursor& cur) {
  struct Spelling {
    const char* text;
    Tok kind;
  };
  static constexpr Spelling kOps[] = {{"==", Tok::EqEq}, {"!=", Tok::NotEq}, {"<=", Tok::LessEq}, {">=", Tok::GreaterEq},
                                      {"&&", Tok::AndAnd}, {"||", Tok::OrOr}, {"<", Tok::Less}, {">", Tok::Greater},
                                      {"!", Tok::Bang}};
  for (const Spelling& s : kOps) {
    const std::string_view text(s.text);
    bool match = true;
    for (std::size_t k = 0; k < text.size(); ++k) match = match && cur.peek(k) == text[k];
    if (!match) continue;
    for (std::size_t k = 0; k < text.size(); ++k) cur.get();
    return s.kind;
  }
  const char c = cur.peek();
  if (c == '&' || c == '|')
    throw InputError(cur.loc(), std::string("unknown operator '") + c + "'; BUGS writes '" + c + c + "'");
  return Tok::End;
}

}  // namespace

std::vector<Token> lex_bugs(std::string_view text, const std::string& file) {
  Cursor cur(text, file);
  std::vector<Token> out;
  for (;;) {
    skip_space(cur);
    Token t;
    t.loc = cur.loc();
    if (cur.at_end()) {
      out.push_back(std::move(t));
      return out;
    }
    const std::size_t start = cur.pos();
    const char c = cur.peek();
    const detail::NumberScan num = detail::scan_number(cur.rest());
    if (num.length > 0) {
      for (std::size_t i = 0; i < num.length; ++i) cur.get();
      const std::string_view written = cur.slice(start);
      if (num.bad_exponent)
        throw InputError(t.loc, "malformed number '" + std::string(written) + "': the exponent has no digits");
      const auto value = detail::to_double(written);
      if (!value) throw InputError(t.loc, "number '" + std::string(written) + "' is out of range");
      t.kind = Tok::Number;
      t.number = *value;
    } else if (detail::is_alpha(c)) {
      while (detail::is_name_char(cur.peek())) cur.get();
      t.kind = Tok::Ident;
    } else if (c == '<' && cur.peek(1) == '-') {
      cur.get();
      cur.get();
      t.kind = Tok::Arrow;
    } else if (c == '*' && cur.peek(1) == '*') {
      cur.get();
      cur.get();
      t.kind = Tok::Caret;
    } else if (auto op = operator_token(cur); op != Tok::End) {
      t.kind = op;
    } else if (c == '%') {
      cur.get();
      while (!cur.at_end() && cur.peek() != '%' && cur.peek() != '\n') cur.get();
      if (cur.peek() != '%')
        throw InputError(t.loc, "unterminated operator '" + std::string(cur.slice(start)) + "': expected a closing '%'");
      cur.get();
      t.kind = Tok::Special;
    } else if (single_char_token(c) != Tok::End) {
      cur.get();
      t.kind = single_char_token(c);
    } else {
      throw InputError(t.loc, "unknown token " + detail::describe_char(c));
    }
    t.text = std::string(cur.slice(start));
    out.push_back(std::move(t));
  }
}

}  // namespace alea::io::bugs_detail
