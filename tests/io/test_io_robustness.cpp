// Crude robustness: every prefix and random byte mutations of valid inputs must
// either parse or throw InputError, never crash or throw anything else.
#include <catch2/catch.hpp>
#include <functional>
#include <random>

#include "alea/io/bugs_parser.hpp"
#include "alea/io/csv.hpp"
#include "alea/io/rdump.hpp"
#include "bugs_models.hpp"

using namespace alea;
using namespace alea::io;

namespace {

using Reader = std::function<void(const std::string&)>;

// Returns false when the reader threw something other than InputError.
bool parses_or_input_error(const Reader& read, const std::string& text) {
  try {
    read(text);
  } catch (const InputError&) {
  } catch (...) {
    return false;
  }
  return true;
}

void torture(const Reader& read, const std::string& valid, std::mt19937& rng) {
  REQUIRE_NOTHROW(read(valid));
  for (std::size_t n = 0; n <= valid.size(); ++n) {
    const std::string prefix = valid.substr(0, n);
    INFO("prefix: " << prefix);
    REQUIRE(parses_or_input_error(read, prefix));
  }
  // A std::string literal so that the embedded NUL byte is kept.
  const std::string alphabet = std::string("()[]{},;:~<-=+*/^#.\"'`eELNA0123456789 \n\t\r@\xff") + '\0';
  std::uniform_int_distribution<std::size_t> pick_char(0, alphabet.size() - 1);
  for (int trial = 0; trial < 400; ++trial) {
    std::string text = valid;
    const int edits = 1 + trial % 4;
    for (int k = 0; k < edits && !text.empty(); ++k) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(rng);
      const char c = trial % 2 ? alphabet[pick_char(rng)] : static_cast<char>(rng() & 0xff);
      switch (rng() % 3) {
        case 0: text[at] = c; break;
        case 1: text.insert(at, 1, c); break;
        default: text.erase(at, 1); break;
      }
    }
    INFO("mutated: " << text);
    REQUIRE(parses_or_input_error(read, text));
  }
}

}  // namespace

TEST_CASE("readers survive prefixes and random mutations of valid input", "[io][robustness]") {
  std::mt19937 rng(20240601);
  const Reader rdump = [](const std::string& t) { read_rdump(t, "f.R"); };
  const Reader csv = [](const std::string& t) { read_csv(t, "f.csv"); };
  const Reader bugs = [](const std::string& t) { parse_bugs(t, "f.bug"); };
  torture(rdump,
          "# data\nN <- 8L\ny = c(28, -3, NA, 1.5e2)\n\"x\" <- structure(1:6, .Dim = c(2L, 3L))\n"
          "list(a = TRUE, b = integer(0), r = 3:1)\n",
          rng);
  torture(csv, "\"\",x,tau.y\n\"1\",1,2.5\n\"2\",NA,\"3\"\n\"3\",-4,1e-3\n", rng);
  torture(bugs, test::kEightSchools, rng);
  torture(bugs, test::kRegression, rng);
  torture(bugs, test::kLogistic, rng);
}

// Found by tests/fuzz/fuzz_bugs: `- - ... - x` within the parser's nesting limit printed as
// `-(-(...(-x)))`, which the parser counts twice as deep and rejected ("nested too deeply").
TEST_CASE("canonical BUGS text of deeply negated expressions parses back", "[io][robustness][fuzz]") {
  for (std::size_t n = 1; n <= 260; n += 7) {
    const std::string text = "model {\n  y <- " + std::string(n, '-') + "x\n}\n";
    INFO("minus signs: " << n);
    bugs::Program p;
    try {
      p = parse_bugs(text, "neg.bug");
    } catch (const InputError&) {
      continue;  // too deep for the parser in the first place
    }
    const std::string printed = to_string(p);
    INFO(printed);
    bugs::Program again;
    REQUIRE_NOTHROW(again = parse_bugs(printed, "printed.bug"));
    CHECK(same_structure(again, p));
  }
}

// Found with tests/fuzz/fuzz_rdump (out of memory): each range was limited to 1e8 elements, but
// 43 bytes of ranges just under the limit asked for 2.4 GB. The limit now holds per file.
TEST_CASE("R dump ranges cannot add up to more than 1e8 elements", "[io][robustness][fuzz]") {
  CHECK_THROWS_AS(read_rdump("x <- c(1:99999999, 1:99999999, 1:99999999)\n", "big.R"), InputError);
  CHECK_THROWS_AS(read_rdump("x <- 1:60000000\ny <- integer(60000000)\n", "big.R"), InputError);
  CHECK(read_rdump("x <- c(1:3, 5:4)\ny <- integer(2)\n", "small.R").values.at("x").size() == 5);
}
