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
    } else if (c == '<' || c == '>' || c == '!' || (c == '=' && cur.peek(1) == '=')) {
      cur.get();
      if (cur.peek() == '=') cur.get();
      throw InputError(t.loc, "comparison operator '" + std::string(cur.slice(start)) +
                                  "' is not part of BUGS expressions; use step() or equals()");
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
