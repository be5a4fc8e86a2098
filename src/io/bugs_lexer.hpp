// Tokens of the BUGS language, shared by the lexer and the parser (private to src/io).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "alea/graph/source_loc.hpp"

namespace alea::io::bugs_detail {

enum class Tok {
  Ident, Number, LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Semi, Colon,
  Tilde, Arrow, Equals, Plus, Minus, Star, Slash, Caret, End,
  // comparisons and logic (JAGS's base module), `!`, and `%name%` operators (only `%*%` exists)
  EqEq, NotEq, Less, LessEq, Greater, GreaterEq, AndAnd, OrOr, Bang, Special
};

struct Token {
  Tok kind = Tok::End;
  std::string text;  // as written; empty at the end of input
  SourceLoc loc;
  double number = 0;
};

// Whole-text tokenization; the last token is always Tok::End. Throws InputError
// for unknown characters, malformed numbers and unterminated comments.
std::vector<Token> lex_bugs(std::string_view text, const std::string& file);

}  // namespace alea::io::bugs_detail
