// Tokens of R dump text, shared by the tokenizer and the R dump parser (private to src/io).
#pragma once
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "alea/graph/source_loc.hpp"

namespace alea::io::rdump_detail {

enum class Tok { Name, Number, LParen, RParen, Comma, Arrow, Equals, Colon, Minus, Plus, Semi, End };

// Tokens point into the text (a data file is mostly numbers: no copy, no file name, per
// token); a quoted name with escapes points into Tokens::unescaped.
struct Token {
  Tok kind = Tok::End;
  std::string_view text;  // names and strings without their quotes; numbers as written
  int line = 0, column = 0;
  bool newline_before = false;
  bool quoted = false;  // "..." or '...' or `...`: a variable name or a string
  double number = 0;
  bool integer_syntax = false;  // no decimal point or exponent, or an L suffix
};

struct Tokens {
  std::vector<Token> list;            // the last one is always Tok::End
  std::deque<std::string> unescaped;  // stable addresses
  std::string file;
  SourceLoc loc(const Token& t) const { return SourceLoc{file, t.line, t.column}; }
};

// Throws InputError for unknown characters, malformed or overflowing numbers and
// unterminated quotes.
Tokens tokenize_rdump(std::string_view text, const std::string& file);

}  // namespace alea::io::rdump_detail
