// Decimal text of doubles with 128-bit integer arithmetic: round-trip digits, or a
// given number of significant digits.
//
// A finite x = m 2^q > 0 (m a 53-bit integer) is scaled by a power of ten into
// [10^16, 10^17): X = m s, where s 2^t is 10^p to 64 significant bits, correctly
// rounded, is x 10^p as a fixed-point number, and D = round(X) a 17-digit integer. s is
// within half its last bit of 10^p, so X is within m / 2 < 2^52 units of its last bit
// of x 10^p, under 2^-10 of the half gap between x and its neighbours, which is s / 2
// in those units (x's gap is 2^q) or s / 4 below a power of two. So D is within
// 0.5 + 2^-11 of x 10^p: within 0.5005 10^(e-16) of x for x in [10^e, 10^(e+1)),
// where x's half gap is at least 2^(E-54) >= 0.555 10^(e-16) for x in [2^E, 2^(E+1)).
// 17 digits always read back.
//
// Shorter digits are tried by rounding x 10^p = D + (X - D) to 16, 15, ... digits (D's
// remainder decides, and at exactly half X's side of D); a candidate is kept
// when its distance to X is less than the half gap less X's error (it reads back to x)
// and stops the search when more than the half gap plus the error (a rounding to fewer
// digits is farther still). In between (a tie, which reads back to the even neighbour,
// or within X's error) std::to_chars writes the number. Random draws take one or two
// checks; trailing zeros are dropped without one. X carries an error, so in rare cases
// the last digit differs from std::to_chars's (both read back) or one more digit is
// written.
//
// For s significant digits, x 10^p is scaled into [10^(s-1), 10^s) the same way and
// rounded once; up to 9 digits, a product in double arithmetic does when it is not near
// a tie.
//
// The powers of ten come from long double literals, whose 64-bit significands (x87
// extended precision) are read out; on other platforms every number takes std::to_chars.
#include "alea/io/number_text.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace alea::io {

namespace {

__extension__ typedef unsigned __int128 u128;

constexpr bool kExtended = std::numeric_limits<long double>::digits == 64 && sizeof(long double) >= 10 &&
                          std::endian::native == std::endian::little;  // and words of digits are stored low byte first

// 10^k for k in [-kMaxPower, kMaxPower]: round-trip digits for |x| in [10^-47, 10^64)
// (others take std::to_chars).
constexpr int kMaxPower = 64;

// 10^k as s 2^t, s in [2^63, 2^64): the significand and exponent of the literal.
struct Power {
  std::uint64_t s = 0;
  int t = 0;
};

Power power_of(long double v) {
  Power p;
  std::uint16_t biased = 0;
  std::memcpy(&p.s, &v, sizeof p.s);  // x87: the significand's 64 bits, then sign and 15-bit exponent
  std::memcpy(&biased, reinterpret_cast<const char*>(&v) + 8, sizeof biased);
  p.t = (biased & 0x7fff) - 16383 - 63;
  return p;
}

// 10^k as a Power and as the nearest double.
struct Decade {
  Power exact;
  double nearest = 0;
};

#define ALEA_P10(k) Decade{power_of(1e##k##L), 1e##k}, Decade{power_of(1e-##k##L), 1e-##k}
// kDecades[2k] is 10^k, kDecades[2k + 1] is 10^-k.
const std::array<Decade, 2 * (kMaxPower + 1)> kDecades = {
    ALEA_P10(0), ALEA_P10(1), ALEA_P10(2), ALEA_P10(3), ALEA_P10(4), ALEA_P10(5), ALEA_P10(6), ALEA_P10(7),
    ALEA_P10(8), ALEA_P10(9), ALEA_P10(10), ALEA_P10(11), ALEA_P10(12), ALEA_P10(13), ALEA_P10(14), ALEA_P10(15),
    ALEA_P10(16), ALEA_P10(17), ALEA_P10(18), ALEA_P10(19), ALEA_P10(20), ALEA_P10(21), ALEA_P10(22), ALEA_P10(23),
    ALEA_P10(24), ALEA_P10(25), ALEA_P10(26), ALEA_P10(27), ALEA_P10(28), ALEA_P10(29), ALEA_P10(30), ALEA_P10(31),
    ALEA_P10(32), ALEA_P10(33), ALEA_P10(34), ALEA_P10(35), ALEA_P10(36), ALEA_P10(37), ALEA_P10(38), ALEA_P10(39),
    ALEA_P10(40), ALEA_P10(41), ALEA_P10(42), ALEA_P10(43), ALEA_P10(44), ALEA_P10(45), ALEA_P10(46), ALEA_P10(47),
    ALEA_P10(48), ALEA_P10(49), ALEA_P10(50), ALEA_P10(51), ALEA_P10(52), ALEA_P10(53), ALEA_P10(54), ALEA_P10(55),
    ALEA_P10(56), ALEA_P10(57), ALEA_P10(58), ALEA_P10(59), ALEA_P10(60), ALEA_P10(61), ALEA_P10(62), ALEA_P10(63),
    ALEA_P10(64)};
#undef ALEA_P10

const Decade& at_decade(int k) { return kDecades[static_cast<std::size_t>(k >= 0 ? 2 * k : -2 * k + 1)]; }
const Power& power(int k) { return at_decade(k).exact; }
double decade(int k) { return at_decade(k).nearest; }

constexpr std::array<std::uint64_t, 18> kIntPow10 = [] {
  std::array<std::uint64_t, 18> a{};
  std::uint64_t v = 1;
  for (auto& x : a) x = std::exchange(v, v * 10);
  return a;
}();

constexpr std::array<char, 200> kPairs = [] {
  std::array<char, 200> a{};
  for (int i = 0; i < 100; ++i) {
    a[static_cast<std::size_t>(2 * i)] = static_cast<char>('0' + i / 10);
    a[static_cast<std::size_t>(2 * i + 1)] = static_cast<char>('0' + i % 10);
  }
  return a;
}();

// x 10^p (x = m 2^q) as a fixed-point number X with `shift` fraction bits: X = m s,
// shift = -(q + t), 57 to 117 (X's integer part is below 2 10^17, its product m s below
// 2^118).
struct Scaled {
  u128 x = 0;
  int shift = 0;
};

Scaled scale(std::uint64_t m, int q, int p) {
  const Power& pw = power(p);
  return {static_cast<u128>(m) * pw.s, -(q + pw.t)};
}

// X rounded to an integer, an exact half to even (as printf rounds a tie).
std::uint64_t rounded(const Scaled& v) {
  const u128 half = static_cast<u128>(1) << (v.shift - 1);
  auto r = static_cast<std::uint64_t>((v.x + half) >> v.shift);
  if ((v.x & ((half << 1) - 1)) == half) r &= ~std::uint64_t{1};
  return r;
}

int trailing_zeros(std::uint64_t& d) {
  int z = 0;
  while (d % 10 == 0) {
    d /= 10;
    ++z;
  }
  return z;
}

// The eight digits of v < 10^8 as ASCII in one word, the first digit in the lowest
// byte: four lanes of two digits, then eight of one, split by multiplications by
// reciprocals that are exact in range (n / 100 = n 10486 >> 20 for n < 10^4, n / 10 =
// n 103 >> 10 for n < 100), each lane's product kept clear of its neighbours.
std::uint64_t ascii8(std::uint64_t v) {
  std::uint64_t x = (v / 10000) | ((v % 10000) << 32);
  const std::uint64_t hundreds = ((x * 10486) >> 20) & 0x0000007F0000007FULL;
  x = hundreds | ((x - hundreds * 100) << 16);
  const std::uint64_t tens = ((x * 103) >> 10) & 0x000F000F000F000FULL;
  x = tens | ((x - tens * 10) << 8);
  return x | 0x3030303030303030ULL;
}

void store8(char* out, std::uint64_t word) { std::memcpy(out, &word, sizeof word); }

// The n digits of v < 10^n (1 <= n <= 17, leading zeros written) at out[0..n), and
// scratch bytes up to out + 17: word stores straight to their place, leftmost first, so
// that each word's scratch is overwritten by the next.
void put_digits(char* out, std::uint64_t v, int n) {
  if (n <= 8) {
    store8(out, ascii8(v) >> (8 * (8 - n)));
  } else if (n <= 16) {
    store8(out, ascii8(v / 100000000) >> (8 * (16 - n)));
    store8(out + n - 8, ascii8(v % 100000000));
  } else {
    const std::uint64_t rest = v % 10000000000000000ULL;
    out[0] = static_cast<char>('0' + v / 10000000000000000ULL);
    store8(out + 1, ascii8(rest / 100000000));
    store8(out + 9, ascii8(rest % 100000000));
  }
}

// Lays out the k digits of d, the first with decimal exponent e, as %f or %e,
// whichever is shorter (%f on a tie); ax = |x|, whose integer part the digits before a
// point are (a rounding that carries into it leaves no digit after the point). Bytes
// past the end are scratch, within kNumberTextRoom.
char* lay_out(char* out, std::uint64_t d, int k, int e, double ax) {
  const int fixed = e >= 0 ? (k <= e + 1 ? e + 1 : k + 1) : k + 1 - e;
  const int abs_e = e < 0 ? -e : e;
  const int sci = k + (k > 1 ? 1 : 0) + 2 + (abs_e >= 100 ? 3 : 2);
  if (fixed <= sci) {
    // Here e <= k + 3 < 21 when e >= 0, and -e <= 4 when e < 0 (%e is shorter beyond).
    if (e >= 0 && k <= e + 1) {  // an integer: the digits, then zeros
      put_digits(out, d, k);
      std::memset(out + k, '0', 24);
      return out + e + 1;
    }
    if (e >= 0 && k <= 7) {  // digits, a point, digits: one word of digits, the point shifted in
      const std::uint64_t word = ascii8(d) >> (8 * (8 - k));
      const int point = 8 * (e + 1);  // below 56
      const std::uint64_t text = (word & ((std::uint64_t{1} << point) - 1)) | (std::uint64_t{'.'} << point) |
                                 ((word >> point) << (point + 8));
      store8(out, text);
      return out + k + 1;
    }
    if (e >= 0 && k == 8) {  // the same in a double word
      const auto word = static_cast<u128>(ascii8(d));
      const int point = 8 * (e + 1);
      const u128 text =
          (word & ((static_cast<u128>(1) << point) - 1)) | (static_cast<u128>('.') << point) | ((word >> point) << (point + 8));
      std::memcpy(out, &text, sizeof text);
      return out + k + 1;
    }
    if (e >= 0) {  // the same, in two parts; ax < 10^16 (and below 2^53: not an integer)
      const int f = k - e - 1;
      const auto whole = static_cast<std::uint64_t>(ax);
      put_digits(out, whole, e + 1);
      out[e + 1] = '.';
      put_digits(out + e + 2, d - whole * kIntPow10[static_cast<std::size_t>(f)], f);
      return out + k + 1;
    }
    std::memset(out, '0', 8);  // 0.000ddd
    out[1] = '.';
    put_digits(out + 1 - e, d, k);
    return out + k + 1 - e;
  }
  put_digits(out + 1, d, k);  // d.ddde+XX
  out[0] = out[1];
  out[1] = '.';
  out += k > 1 ? k + 1 : 1;
  *out++ = 'e';
  *out++ = e < 0 ? '-' : '+';
  if (abs_e >= 100) *out++ = static_cast<char>('0' + abs_e / 100);
  std::memcpy(out, &kPairs[static_cast<std::size_t>(2 * (abs_e % 100))], 2);
  return out + 2;
}

// NaN and infinities as R writes them.
char* write_non_finite(char* first, double x) {
  if (std::isnan(x)) return static_cast<char*>(std::memcpy(first, "NaN", 3)) + 3;
  if (x > 0) return static_cast<char*>(std::memcpy(first, "Inf", 3)) + 3;
  return static_cast<char*>(std::memcpy(first, "-Inf", 4)) + 4;
}

}  // namespace

char* write_significant(char* first, double x, int digits) {
  if (digits < 1 || digits > 17)
    throw std::invalid_argument("significant digits: " + std::to_string(digits) + ", but must be 1 to 17");
  if (!std::isfinite(x)) return write_non_finite(first, x);
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  const int two_exp = biased - 1023;
  const int e_low = (two_exp * 315653) >> 20;  // as in write_round_trip
  const auto sig = static_cast<std::size_t>(digits);
  const auto printf_g = [&] {
    return first + std::snprintf(first, kNumberTextRoom, "%.*g", digits, x);  // 0, subnormal, or beyond the table
  };
  int p = digits - 1 - e_low;
  if (!kExtended || biased == 0 || p <= -kMaxPower || p >= kMaxPower || e_low >= kMaxPower || e_low < -kMaxPower)
    return printf_g();
  const double ax = std::fabs(x);
  if (ax >= decade(e_low + 1)) --p;
  // Up to 9 digits with a power of ten that is exact in a double (|p| <= 22): y = |x| 10^p
  // rounded once, within 2^-53 y < 1.2e-7 of the product, so its nearest integer is
  // the product's unless y is within 1e-6 of a half; then (rarely) the exact path.
  if (digits <= 9 && p >= -22 && p <= 22) {
    const double y = p >= 0 ? ax * decade(p) : ax / decade(-p);
    // y rounded to an integer, a half to even, by the magic number 1.5 2^52 (y < 10^9):
    // two additions, then |y - rounded| is at most a half.
    constexpr double kMagic = 0x1.8p52;
    const double rounded_y = (y + kMagic) - kMagic;
    const auto r = static_cast<std::int64_t>(rounded_y);
    if (std::fabs(y - rounded_y) < 0.5 - 1e-6 && r >= static_cast<std::int64_t>(kIntPow10[sig - 1]) &&
        r < static_cast<std::int64_t>(kIntPow10[sig])) {
      if ((bits >> 63) != 0) *first++ = '-';
      auto d = static_cast<std::uint64_t>(r);
      const int kept = digits - trailing_zeros(d);
      return lay_out(first, d, kept, digits - 1 - p, ax);
    }
  }
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int q = two_exp - 52;
  std::uint64_t d = rounded(scale(m, q, p));
  // A decade read off by one near a power of ten, or rounded up to 10^digits (then
  // one power less gives 10^(digits - 1), the same number).
  while (d >= kIntPow10[sig] && p > -kMaxPower) d = rounded(scale(m, q, --p));
  while (d < kIntPow10[sig - 1] && p < kMaxPower) d = rounded(scale(m, q, ++p));
  if (d < kIntPow10[sig - 1] || d >= kIntPow10[sig]) return printf_g();
  if ((bits >> 63) != 0) *first++ = '-';
  const int kept = digits - trailing_zeros(d);
  return lay_out(first, d, kept, digits - 1 - p, ax);
}

char* write_round_trip(char* first, double x) {
  if (!std::isfinite(x)) return write_non_finite(first, x);
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  // x = m 2^q, 2^E <= |x| < 2^(E+1) with E = q + 52: log10 |x| is in [e, e + 2) for
  // e = floor(E log10 2) (exact for |E| < 2620), and the table of decades says which.
  const int two_exp = biased - 1023;
  const int e_low = (two_exp * 315653) >> 20;
  if (!kExtended || biased == 0 || e_low < -kMaxPower + 17 || e_low >= kMaxPower)
    return std::to_chars(first, first + kNumberTextRoom, x).ptr;  // 0, subnormal, or beyond the table
  const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | (std::uint64_t{1} << 52);
  const int q = two_exp - 52;
  const double ax = std::fabs(x);
  int p = 16 - e_low - (ax >= decade(e_low + 1) ? 1 : 0);
  Scaled v = scale(m, q, p);
  std::uint64_t d17 = rounded(v);
  if (d17 < kIntPow10[16] || d17 >= kIntPow10[17]) {  // a decade read off by one near a power of ten
    p += d17 < kIntPow10[16] ? 1 : -1;
    v = scale(m, q, p);
    d17 = rounded(v);
  }
  char* const start = first;
  if ((bits >> 63) != 0) *first++ = '-';
  const int e = 16 - p;  // the first digit's decimal exponent
  if (d17 == kIntPow10[17]) return lay_out(first, 1, 1, e + 1, ax);  // within 0.5005 of its last place: reads back

  std::uint64_t best = d17;
  int digits = 17 - trailing_zeros(best), best_e = e;
  if (digits > 1) {
    const std::uint64_t s = power(p).s;
    const bool power_of_two = m == (std::uint64_t{1} << 52);
    const u128 half_gap = s >> 1, half_gap_below = power_of_two ? s >> 2 : s >> 1;
    const u128 error = std::uint64_t{1} << 52;
    std::uint64_t truncated = d17 / kIntPow10[static_cast<std::size_t>(17 - digits)];  // D's trailing zeros dropped
    const u128 d17_fixed = static_cast<u128>(d17) << v.shift;
    for (int j = 18 - digits; j <= 16; ++j) {
      // D rounded to 17 - j digits: c 10^j in D's units.
      truncated /= 10;
      const std::uint64_t rest = d17 - truncated * kIntPow10[static_cast<std::size_t>(j)];
      // Rounded as x 10^p = D + (X - D) would be: a remainder of exactly half rounds up
      // only when X is above D (rounding D itself could go the wrong way).
      const std::uint64_t half = 5 * kIntPow10[static_cast<std::size_t>(j - 1)];
      std::uint64_t c = truncated + (rest > half || (rest == half && v.x >= d17_fixed) ? 1 : 0);
      const u128 candidate = static_cast<u128>(c * kIntPow10[static_cast<std::size_t>(j)]) << v.shift;
      const bool below = candidate < v.x;
      const u128 distance = below ? v.x - candidate : candidate - v.x;
      const u128 gap = below ? half_gap_below : half_gap;
      if (distance >= gap + error) break;
      if (distance + error > gap) return std::to_chars(start, start + kNumberTextRoom, x).ptr;
      if (c == kIntPow10[static_cast<std::size_t>(17 - j)]) {  // rounded up to 10^(e + 1): one digit
        best = 1;
        digits = 1;
        best_e = e + 1;
        break;
      }
      const int z = trailing_zeros(c);  // rounding to j + 1 .. j + z fewer digits gives the same number
      best = c;
      digits = 17 - j - z;
      j += z;
      for (int k = 0; k < z; ++k) truncated /= 10;
    }
  }
  return lay_out(first, best, digits, best_e, ax);
}

}  // namespace alea::io
