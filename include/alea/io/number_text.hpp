// Decimal text of doubles, written fast: draw files hold a number per cell, and
// std::to_chars's shortest form costs about 45 ns a number, more than drawing it.
#pragma once

namespace alea::io {

// Room write_round_trip and write_significant need: at most 25 characters of text (a
// sign, 17 digits, a point, leading or trailing zeros, an exponent), and scratch bytes
// past its end.
inline constexpr int kNumberTextRoom = 48;

// Writes x at `first` (in [first, first + kNumberTextRoom), which must be writable) and
// returns the end of the text. The digits always read back (strtod, std::from_chars,
// R, Python) to exactly x, and are the shortest such digits except in rare cases where
// one more digit is written; the layout is std::to_chars's (fixed or scientific,
// whichever is shorter, fixed on a tie), so "0.1", "2", "-0", "1e-300", "1.5e+20".
// Non-finite values are written as R writes them: "NaN", "Inf", "-Inf".
char* write_round_trip(char* first, double x);

// Writes x rounded to `digits` significant digits (1 to 17; as printf's %.*g would,
// but for rounding in the last digit within 2^-64 of x of a tie), trailing zeros
// dropped, with write_round_trip's layout and non-finite values: "3.67375",
// "-2078.17", "1.5e-07". Throws std::invalid_argument for digits outside 1..17.
char* write_significant(char* first, double x, int digits);

}  // namespace alea::io
