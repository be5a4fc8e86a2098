// Tokens of R dump text, shared by the tokenizer and the R dump parser (private to src/io).
#pragma once
#include <array>
#include <deque>
#include <stdexcept>
#include <string>
#include <string_view>

#include "alea/graph/source_loc.hpp"
#include "lex_util.hpp"

namespace alea::io::rdump_detail {

enum class Tok { Name, Number, LParen, RParen, Comma, Arrow, Equals, Colon, Minus, Plus, Semi, End };

// Tokens point into the text (a data file is mostly numbers: no copy, no file name, per
// token); a quoted name with escapes points into the lexer's own copy.
struct Token {
  Tok kind = Tok::End;
  std::string_view text;  // names and strings without their quotes; numbers as written
  int line = 0, column = 0;
  bool newline_before = false;
  bool quoted = false;  // "..." or '...' or `...`: a variable name or a string
  double number = 0;
  bool integer_syntax = false;  // no decimal point or exponent, or an L suffix
};

// The tokens of a text, made as the parser looks at them: a data file is mostly
// numbers, and a file of 10^6 of them held as tokens at once took ten times its own size.
class Lexer {
 public:
  Lexer(std::string_view text, std::string file) : file_(std::move(file)), cur_(text, file_) {}
  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;

  // The token `ahead` tokens on (0: the next one, ahead < kLookahead); after the last
  // one, Tok::End. The reference stays valid until that token is consumed.
  const Token& peek(std::size_t ahead = 0) {
    if (ahead >= kLookahead) throw std::logic_error("R dump lexer: looked too far ahead");
    for (; count_ <= ahead; ++count_) ring_[(head_ + count_) % kLookahead] = scan();
    return ring_[(head_ + ahead) % kLookahead];
  }
  // Consumes the next token (Tok::End is never consumed).
  Token next() {
    const Token t = peek();
    if (t.kind != Tok::End) head_ = (head_ + 1) % kLookahead, --count_;
    return t;
  }
  void skip(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) next();
  }
  SourceLoc loc(const Token& t) const { return SourceLoc{file_, t.line, t.column}; }

 private:
  // Throws InputError for unknown characters, malformed or overflowing numbers and
  // unterminated quotes.
  Token scan();

  std::string file_;  // before cur_, which refers to it
  detail::Cursor cur_;
  bool newline_ = true;
  // Peeked, not yet consumed: ring_[head_] and the count_ - 1 after it. A token stays
  // in its slot until consumed. The parser looks at most 6 tokens ahead (at_list).
  static constexpr std::size_t kLookahead = 8;
  std::array<Token, kLookahead> ring_{};
  std::size_t head_ = 0, count_ = 0;
  std::deque<std::string> unescaped_;  // quoted names with escapes: stable addresses
};

}  // namespace alea::io::rdump_detail
