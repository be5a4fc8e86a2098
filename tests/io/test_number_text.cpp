// Number text for draw files: write_round_trip reads back to the same double, every
// time, in the layout std::to_chars uses, and with its shortest digits but in rare
// cases; write_significant rounds as printf's %.*g. Expected texts are written out by
// hand from the formats' definitions; the rest is checked against the C and C++
// libraries on a million numbers across the range.
#include <catch2/catch.hpp>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "alea/io/number_text.hpp"

using namespace alea;

namespace {

std::string round_trip(double x) {
  char buf[io::kNumberTextRoom];
  return std::string(buf, io::write_round_trip(buf, x));
}

std::string significant(double x, int digits) {
  char buf[io::kNumberTextRoom];
  return std::string(buf, io::write_significant(buf, x, digits));
}

std::string shortest(double x) {
  char buf[64];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, x).ptr);
}

// Numbers of every kind: any bit pattern, powers of ten and their neighbours, powers
// of two and theirs, short decimals, integers near 2^53, and draws' magnitudes.
double sample(std::mt19937_64& rng, int kind) {
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  switch (kind) {
    case 0: return std::bit_cast<double>(rng());
    case 1: return std::pow(10.0, 40 * u(rng));
    case 2: return std::nextafter(std::pow(10.0, static_cast<int>(rng() % 140) - 60), u(rng) > 0 ? 1e308 : 0.0);
    case 3: return std::nextafter(std::ldexp(1.0, static_cast<int>(rng() % 400) - 200), u(rng) > 0 ? 1e308 : 0.0);
    case 4: return std::round(u(rng) * 1e7) / 1000.0;
    case 5: return static_cast<double>((std::int64_t{1} << 53) - static_cast<std::int64_t>(rng() % 5000));
    default: return -2078.0 + 10 * u(rng);
  }
}

}  // namespace

TEST_CASE("write_round_trip: texts as the formats define them", "[io][number_text]") {
  CHECK(round_trip(0.1) == "0.1");
  CHECK(round_trip(2.0) == "2");
  CHECK(round_trip(-0.0) == "-0");
  CHECK(round_trip(0.0) == "0");
  CHECK(round_trip(1e-300) == "1e-300");
  CHECK(round_trip(1.5e20) == "1.5e+20");
  CHECK(round_trip(123456.0) == "123456");
  CHECK(round_trip(0.0001) == "1e-04");  // %e is one character shorter than %f
  CHECK(round_trip(0.001) == "0.001");   // a tie in length: %f
  CHECK(round_trip(1.0 / 3) == "0.3333333333333333");
  CHECK(round_trip(-2.0 / 3) == "-0.6666666666666666");
  CHECK(round_trip(-2078.1733105072913) == "-2078.1733105072913");
  CHECK(round_trip(1e23) == "1e+23");
  CHECK(round_trip(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(round_trip(std::numeric_limits<double>::infinity()) == "Inf");
  CHECK(round_trip(-std::numeric_limits<double>::infinity()) == "-Inf");
  CHECK(round_trip(std::numeric_limits<double>::denorm_min()) == "5e-324");
  CHECK(round_trip(std::numeric_limits<double>::max()) == "1.7976931348623157e+308");
}

TEST_CASE("write_round_trip reads back exactly, and is std::to_chars's shortest text but in rare cases",
          "[io][number_text]") {
  std::mt19937_64 rng(20261124);
  long n = 0, same = 0, longer = 0, misread = 0, too_long = 0;
  for (int i = 0; i < 150000; ++i) {
    for (int kind = 0; kind < 7; ++kind) {
      const double x = sample(rng, kind);
      if (std::isnan(x)) continue;
      const std::string ours = round_trip(x), theirs = shortest(x);
      ++n;
      const double back = std::strtod(ours.c_str(), nullptr);
      if (std::bit_cast<std::uint64_t>(back) != std::bit_cast<std::uint64_t>(x)) {
        if (misread++ < 5) WARN(ours << " reads back as " << back << " for " << theirs);
      }
      too_long += ours.size() > 25 || ours.size() > theirs.size() + 1;
      same += ours == theirs;
      longer += ours.size() > theirs.size();
    }
  }
  INFO(n << " numbers: " << same << " the same text, " << longer << " one character longer");
  CHECK(misread == 0);
  CHECK(too_long == 0);
  // Longer only where the rounded 17 digits hide a shorter form: a tie or a distance
  // within 2^-10 of half a gap hands the number to std::to_chars, so under 1%.
  CHECK(longer < n / 100);
  CHECK(same > n * 9 / 10);
}

TEST_CASE("write_significant rounds as printf's %.*g", "[io][number_text]") {
  CHECK(significant(-2078.1733105072913, 6) == "-2078.17");
  CHECK(significant(3.6076329330537673, 6) == "3.60763");
  CHECK(significant(2.5, 6) == "2.5");
  CHECK(significant(0.125, 2) == "0.12");  // an exact tie: to even, as printf
  CHECK(significant(0.375, 2) == "0.38");
  CHECK(significant(9.9999996, 6) == "10");  // rounded up a decade
  CHECK(significant(1.5e-7, 3) == "1.5e-07");
  CHECK(significant(123456789.0, 3) == "1.23e+08");
  CHECK(significant(-0.0, 6) == "-0");
  CHECK(significant(std::numeric_limits<double>::infinity(), 6) == "Inf");
  CHECK_THROWS_WITH(significant(1.0, 0), Catch::Contains("significant digits: 0, but must be 1 to 17"));
  CHECK_THROWS_WITH(significant(1.0, 18), Catch::Contains("18"));
  std::mt19937_64 rng(7);
  long n = 0, differ = 0;
  for (int i = 0; i < 100000; ++i) {
    for (int kind = 0; kind < 7; ++kind) {
      const double x = sample(rng, kind);
      if (std::isnan(x)) continue;
      const int digits = 1 + static_cast<int>(rng() % 17);
      char printed[64];
      std::snprintf(printed, sizeof printed, "%.*g", digits, x);
      ++n;
      // The same number; x's products with powers of ten beyond 10^27 are not exact in
      // 64 bits, so a decimal tie there may round either way (a few in 10^5).
      differ += std::strtod(significant(x, digits).c_str(), nullptr) != std::strtod(printed, nullptr);
    }
  }
  INFO(n << " numbers, " << differ << " rounded otherwise");
  CHECK(differ * 1000 < n);
}
