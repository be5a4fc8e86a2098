// Character-level helpers shared by the R dump, CSV and BUGS readers: a cursor
// that tracks line and column, and number scanning with R's rules.
#pragma once
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "alea/graph/source_loc.hpp"

namespace alea::io::detail {

// Byte-based position in the text; columns count bytes from 1 (tabs count as one).
class Cursor {
 public:
  Cursor(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  char get() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    return c;
  }
  std::size_t pos() const { return pos_; }
  std::string_view rest() const { return text_.substr(pos_); }
  std::string_view slice(std::size_t from) const { return text_.substr(from, pos_ - from); }
  SourceLoc loc() const { return SourceLoc{file_, line_, col_}; }
  int line() const { return line_; }
  int column() const { return col_; }
  const std::string& file() const { return file_; }

 private:
  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int col_ = 1;
};

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '.' || c == '_'; }

struct NumberScan {
  std::size_t length = 0;      // 0: no number starts here
  bool has_point_or_exp = false;
  bool bad_exponent = false;   // "1e" or "1e+" without digits
};

// Scans digits[.digits][(e|E)[+-]digits] or .digits[...] at the start of s.
inline NumberScan scan_number(std::string_view s) {
  NumberScan r;
  std::size_t i = 0;
  while (i < s.size() && is_digit(s[i])) ++i;
  const std::size_t int_digits = i;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (int_digits == 0 && j == i + 1) return r;  // a lone '.'
    i = j;
    r.has_point_or_exp = true;
  } else if (int_digits == 0) {
    return r;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t digits_from = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    r.has_point_or_exp = true;
    if (j == digits_from) r.bad_exponent = true;
    i = j;
  }
  r.length = i;
  return r;
}

// The value of text accepted by scan_number; nullopt when it overflows a double.
inline std::optional<double> to_double(std::string_view text) {
  double x = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return x;
}

// "'x'" for a token, "end of input" at the end.
inline std::string quoted_or_end(std::string_view token) {
  if (token.empty()) return "end of input";
  return "'" + std::string(token) + "'";
}

// "'@'" for a printable character, "(byte 7)" otherwise, so messages stay readable.
inline std::string describe_char(char c) {
  if (c >= 0x21 && c < 0x7f) return "'" + std::string(1, c) + "'";
  return "(byte " + std::to_string(static_cast<unsigned char>(c)) + ")";
}

inline std::string at_line_col(const SourceLoc& loc) {
  return std::to_string(loc.line) + ":" + std::to_string(loc.column);
}

}  // namespace alea::io::detail
