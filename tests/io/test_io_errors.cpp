// Malformed inputs for all three readers, each with its exact error text.
#include <catch2/catch.hpp>
#include <functional>

#include "alea/io/bugs_parser.hpp"
#include "alea/io/csv.hpp"
#include "alea/io/rdump.hpp"

using namespace alea;
using namespace alea::io;

namespace {

struct BadInput {
  const char* reader;
  const char* text;
  const char* expected;
};

void read_with(const std::string& reader, const std::string& text) {
  if (reader == "rdump") read_rdump(text, "data.R");
  else if (reader == "csv") read_csv(text, "data.csv");
  else parse_bugs(text, "model.bug");
}

}  // namespace

TEST_CASE("malformed inputs give InputError with exact line:column messages", "[io][errors]") {
  const std::vector<BadInput> cases{
      // R dump
      {"rdump", "N <- 1\ny <- c(1, 2, )", "data.R:2:14: variable 'y': expected a number, found ')'"},
      {"rdump", "y <- c(1, 2", "data.R:1:12: variable 'y': expected ',' or ')' to close 'c(' opened at 1:7, found end of input"},
      {"rdump", "x <- structure(c(1, 2, 3, 4, 5), .Dim = c(2, 3))",
       "data.R:1:41: variable 'x': .Dim = c(2, 3) needs 6 elements, but the data has 5"},
      {"rdump", "N <- 1\n  N <- 2", "data.R:2:3: variable 'N' is already defined at data.R:1:1"},
      {"rdump", "N 10", "data.R:1:3: variable 'N': expected '<-' or '=' after the name, found '10'"},
      {"rdump", "N <- 10 M <- 2", "data.R:1:9: variable 'N': unexpected 'M' after the value (expected a new line or ';')"},
      {"rdump", "y <- c(1, @)", "data.R:1:11: unknown character '@'"},
      {"rdump", "x <- 1e", "data.R:1:6: malformed number: the exponent has no digits"},
      {"rdump", "x <- 1e999", "data.R:1:6: number '1e999' is out of range"},
      {"rdump", "x <- foo(1)",
       "data.R:1:6: variable 'x': unknown function 'foo' (R data are read from numbers, NA, TRUE, FALSE, Inf, ranges "
       "a:b, c(), structure(), as.integer(), as.double(), as.numeric(), integer(n), double(n) and numeric(n))"},
      {"rdump", "x <- foo", "data.R:1:6: variable 'x': expected a number, found 'foo'"},
      {"rdump", "x <- structure(1:4, foo = 2)",
       "data.R:1:21: variable 'x': unknown attribute 'foo' in structure() (alea reads .Dim and drops R's .Dimnames, "
       ".Names, class and levels)"},
      {"rdump", "x <- structure(1:4, 5:8)",
       "data.R:1:21: variable 'x': structure() has two data arguments (attributes are named, as in .Dim = c(2, 3))"},
      {"rdump", "x <- structure(.Dim = c(2L, 2L))", "data.R:1:15: variable 'x': structure() has no data"},
      {"rdump", "x <- structure(1:4, .Dim = as.integer(c(2, 2))", 
       "data.R:1:47: variable 'x': expected ',' or ')' to close 'structure(' opened at 1:15, found end of input"},
      {"rdump", "N <- as.integer(1e10)",
       "data.R:1:17: variable 'N': as.integer() of 1e+10: outside R's integer range (NA in R)"},
      {"rdump", "N <- as.integer(c(1, 2)", "data.R:1:24: variable 'N': expected ')' to close as.integer(, found end of input"},
      {"rdump", "y <- c(1, NaN)", "data.R:1:11: variable 'y': NaN is not a data value (write NA for a missing value)"},
      {"rdump", "y <- c(1, \"a\")", "data.R:1:11: variable 'y': expected a number, found the string \"a\""},
      {"rdump", "list(a = 1, b = list(c = 2))",
       "data.R:1:17: variable 'b': a list() cannot be the value of a variable (alea reads numbers and arrays of them)"},
      {"rdump", "list(1, 2)", "data.R:1:6: expected a variable name, found '1'"},
      {"rdump", "\".RNG.seed\" <- ", "data.R:1:16: variable '.RNG.seed': expected a value, found end of input"},
      {"rdump", "x <- structure(1:4, .Dim = c(2, -2))", "data.R:1:28: variable 'x': .Dim must hold whole numbers from 0 to 1e8, found -2"},
      {"rdump", "list(N = 3, y 2)", "data.R:1:15: variable 'y': expected '=' after the name, found '2'"},
      {"rdump", "\"y <- 3", "data.R:1:1: unterminated quoted name (missing closing \")"},
      {"rdump", "x <- 1:NA", "data.R:1:7: variable 'x': a range cannot have NA as an end"},
      {"rdump", "5 <- x", "data.R:1:1: expected a variable name, found '5'"},
      // The first error in reading order, as the file is read once: a bad character
      // further on is not met before it (the tokens are made as the parser reads).
      {"rdump", "x <- c(1,,2)\ny <- 1 @", "data.R:1:10: variable 'x': expected a number, found ','"},
      {"rdump", "x <- 1\nx <- 2\ny <- \"abc", "data.R:2:1: variable 'x' is already defined at data.R:1:1"},
      // CSV
      {"csv", "", "data.csv:1:1: file is empty (expected a header row of column names)"},
      {"csv", "x,y\n1,abc\n", "data.csv:2:3: column 'y': expected a number, found 'abc'"},
      {"csv", "x,y,z\n1,2,3\n4,5\n", "data.csv:3:1: row 2 has 2 fields, but the header has 3 (no value for column 'z')"},
      {"csv", "x,y\n1,2,3\n", "data.csv:2:5: row 1 has 3 fields, but the header has 2 (past column 'y')"},
      {"csv", "x,y,x\n1,2,3\n", "data.csv:1:5: duplicate column name 'x' (first at data.csv:1:1)"},
      {"csv", "x,my var\n1,2\n",
       "data.csv:1:3: column 2: 'my var' is not a valid variable name (letters, digits, '.' and '_', starting with a "
       "letter)"},
      {"csv", "x\n\"12\n", "data.csv:2:1: unterminated quoted field"},
      {"csv", "x\n\"1\"2\n", "data.csv:2:4: unexpected character '2' after a closing quote"},
      {"csv", "x\n1.5.2\n", "data.csv:2:1: column 'x': expected a number, found '1.5.2'"},
      // BUGS
      {"bugs", "model {\n  mu ~ dnorm(0, 1)\n  for (i in 1:N) {\n    y[i] ~ dnorm(mu, tau ~\n  }\n}",
       "model.bug:4:26: expected ')' to close the call to dnorm opened at 4:17, found '~'"},
      {"bugs", "model {\n  y @ 2\n}", "model.bug:2:5: unknown token '@'"},
      {"bugs", "data {\n  N <- 2\n}\n", "model.bug:4:1: missing 'model' block"},
      {"bugs", "", "model.bug:1:1: missing 'model' block"},
      {"bugs", "model {\n  y ~ dnorm(0, 1)\n", "model.bug:3:1: expected '}' to close the model opened at 1:7, found end of input"},
      {"bugs", "model { y = 3 }", "model.bug:1:11: use '<-' for a deterministic relation; '=' is not BUGS syntax"},
      {"bugs", "model { y <- a > b > c }", "model.bug:1:20: comparisons do not chain: '>' is followed by '>'; write (a > b) && (b > c)"},
      {"bugs", "model { y <- x[1, 2 }", "model.bug:1:21: expected ']' to close the index of x opened at 1:15, found '}'"},
      {"bugs", "model { y <- (a + b }", "model.bug:1:21: expected ')' to close the '(' opened at 1:14, found '}'"},
      {"bugs", "model { y ~ 3 }", "model.bug:1:13: expected a distribution such as dnorm(...) after '~', found '3'"},
      {"bugs", "model { logit(p) ~ dbeta(1, 1) }",
       "model.bug:1:18: a link function such as logit(...) can only be used with '<-', not '~'"},
      {"bugs", "model { for (i 1:N) { y[i] ~ dnorm(0, 1) } }", "model.bug:1:16: expected 'in' after the loop variable, found '1'"},
      {"bugs", "model { y <- 2 * }", "model.bug:1:18: expected an expression, found '}'"},
      {"bugs", "model { y ~ dnorm(0, 1) T(0 5) }", "model.bug:1:29: expected ',' between the bounds of T(lo, hi), found '5'"},
      {"bugs", "model { /* never closed\n y <- 1 }", "model.bug:1:9: unterminated comment: '/*' without a closing '*/'"},
      {"bugs", "model { y <- 1e+ }", "model.bug:1:14: malformed number '1e+': the exponent has no digits"},
      {"bugs", "model { y <- 1 }\nmodel { z <- 2 }", "model.bug:2:1: second 'model' block (the first is at 1:1)"},
      {"bugs", "y ~ dnorm(0, 1)", "model.bug:1:1: expected 'model {', 'data {' or 'var' at the top level, found 'y'"},
      {"bugs", "model { y <- x + ) }", "model.bug:1:18: expected an expression, found ')'"},
  };
  for (const BadInput& c : cases) {
    INFO(c.reader << " input: " << c.text);
    try {
      read_with(c.reader, c.text);
      FAIL("no error was raised");
    } catch (const InputError& e) {
      CHECK(std::string(e.what()) == c.expected);
    }
  }
}
