// R dump reader on data as R's dump() and dput() and JAGS's data and inits files write
// them: coercions, attributes, lists, special values, and the column-major fill of arrays
// as the BUGS builder reads it.
#include <catch2/catch.hpp>

#include "alea/io/rdump.hpp"
#include "bugs_model_util.hpp"
#include "io_test_util.hpp"

using namespace alea;
using namespace alea::io;
using alea::test::NA;
using alea::test::same_value;

namespace {

constexpr ScalarType I = ScalarType::Integer;
constexpr ScalarType R = ScalarType::Real;
constexpr double kInf = INFINITY;

struct Case {
  const char* text;
  const char* name;
  Value expected;
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO(c.text);
    const DataSet d = read_rdump(c.text, "data.R");
    REQUIRE(d.contains(c.name));
    CHECK(same_value(d.values.at(c.name), c.expected));
  }
}

}  // namespace

TEST_CASE("rdump reads as.integer, as.double and as.numeric as R evaluates them", "[io][rdump]") {
  check_cases({
      {"m <- structure(c(1, 2, 3, 4, 5, 6), .Dim = as.integer(c(2, 3)))", "m",
       Value(Shape{2, 3}, {1, 2, 3, 4, 5, 6}, I)},
      {"x <- as.integer(c(1.9, -1.9, NA))", "x", Value(Shape{3}, {1, -1, NA}, I)},  // truncates toward 0
      {"x <- as.integer(3)", "x", Value(Shape{}, {3}, I)},
      {"x <- as.integer(c(TRUE, FALSE))", "x", Value(Shape{2}, {1, 0}, I)},
      {"x <- as.double(1:3)", "x", Value(Shape{3}, {1, 2, 3}, R)},
      {"x <- as.numeric(c(1L, NA))", "x", Value(Shape{2}, {1, NA}, R)},
      // R's as.* drop dim: a plain vector
      {"x <- as.integer(structure(c(1, 2, 3, 4), .Dim = c(2L, 2L)))", "x", Value(Shape{4}, {1, 2, 3, 4}, I)},
      {"m <- structure(as.integer(c(1, 2, 3, 4)), .Dim = c(2, 2))", "m", Value(Shape{2, 2}, {1, 2, 3, 4}, I)},
  });
}

TEST_CASE("rdump reads c() of mixed and nested values, dropping dims and names as R's c() does",
          "[io][rdump]") {
  check_cases({
      {"x <- c(1, 2.5, 3L)", "x", Value(Shape{3}, {1, 2.5, 3}, R)},
      {"x <- c(1L, 3:5)", "x", Value(Shape{4}, {1, 3, 4, 5}, I)},
      {"x <- c(c(1, 2), c(3, c(4)))", "x", Value(Shape{4}, {1, 2, 3, 4}, I)},
      {"x <- c(structure(1:4, .Dim = c(2L, 2L)), 5L)", "x", Value(Shape{5}, {1, 2, 3, 4, 5}, I)},
      {"x <- c(a = 1, \"b\" = 2.5)", "x", Value(Shape{2}, {1, 2.5}, R)},
      {"x <- c(1, # first\n  2) # second", "x", Value(Shape{2}, {1, 2}, I)},
  });
}

TEST_CASE("rdump reads NA, Inf, TRUE and FALSE anywhere, and signed values and ranges", "[io][rdump]") {
  check_cases({
      {"x <- c(-Inf, Inf, 1)", "x", Value(Shape{3}, {-kInf, kInf, 1}, R)},
      {"x <- Inf", "x", Value(Shape{}, {kInf}, R)},
      {"x <- +2", "x", Value(Shape{}, {2}, I)},
      {"x <- c(NA_integer_, 2L)", "x", Value(Shape{2}, {NA, 2}, I)},
      {"x <- c(NA_real_, 2L)", "x", Value(Shape{2}, {NA, 2}, R)},
      {"x <- -NA", "x", Value(Shape{}, {NA}, I)},
      {"x <- c(TRUE, NA, F, T, -TRUE)", "x", Value(Shape{5}, {1, NA, 0, 1, -1}, I)},
      {"x <- -3:3", "x", Value(Shape{7}, {-3, -2, -1, 0, 1, 2, 3}, I)},
      {"x <- 2:-1", "x", Value(Shape{4}, {2, 1, 0, -1}, I)},
      {"x <- structure(c(NA, 1, NA, 2), .Dim = c(2L, 2L))", "x", Value(Shape{2, 2}, {NA, 1, NA, 2}, I)},
      {"x <- list(a = c(1, NA))", "a", Value(Shape{2}, {1, NA}, I)},
  });
}

TEST_CASE("rdump drops R's standard attributes and reads .Data in any position", "[io][rdump]") {
  check_cases({
      {"b <- structure(c(0.5, 0.25, 1, 2), .Dim = c(2L, 2L), .Dimnames = list(c(\"theta[1]\", "
       "\"theta[2]\"),\n"
       "  c(\"Mean\", \"SD\")))",
       "b", Value(Shape{2, 2}, {0.5, 0.25, 1, 2}, R)},
      {"b <- structure(1:4, dim = c(2L, 2L), dimnames = list(NULL, c(\"a\", \"b\")))", "b",
       Value(Shape{2, 2}, {1, 2, 3, 4}, I)},
      {"v <- structure(c(1.5, 0.2), .Names = c(\"Mean\", \"SD\"))", "v", Value(Shape{2}, {1.5, 0.2}, R)},
      {"f <- structure(c(2L, 1L, 2L), .Label = c(\"a\", \"b\"), class = \"factor\")", "f",
       Value(Shape{3}, {2, 1, 2}, I)},
      {"m <- structure(.Dim = c(2L, 1L), .Data = c(1, 2))", "m", Value(Shape{2, 1}, {1, 2}, I)},
      {"m <- structure(structure(1:6, .Dim = c(2L, 3L)), .Dimnames = list(NULL, NULL))", "m",
       Value(Shape{2, 3}, {1, 2, 3, 4, 5, 6}, I)},
      {"m <- structure(structure(1:6, .Dim = c(2L, 3L)), .Dim = c(3L, 2L))", "m",
       Value(Shape{3, 2}, {1, 2, 3, 4, 5, 6}, I)},
      {"v <- structure(1:6, .Dim = 6L)", "v", Value(Shape{6}, {1, 2, 3, 4, 5, 6}, I)},
  });
}

TEST_CASE("rdump reads list() files: members are variables, over several lines, with structure() members",
          "[io][rdump]") {
  const DataSet d = read_rdump(
      "# inits for chain 1\n"
      "list(\n"
      "  mu = -0.5,\n"
      "  \"tau\" = 1,  # precision\n"
      "  b = structure(.Data = c(1, 0, 0, 1),\n"
      "                .Dim = as.integer(c(2, 2)))\n"
      ")\n",
      "inits.R");
  REQUIRE(d.size() == 3);
  CHECK(same_value(d.values.at("mu"), Value(Shape{}, {-0.5}, R)));
  CHECK(same_value(d.values.at("b"), Value(Shape{2, 2}, {1, 0, 0, 1}, I)));
  CHECK(to_string(d.where.at("tau")) == "inits.R:4:3");
  CHECK(to_string(d.where.at("b")) == "inits.R:5:3");

  // `inits <- list(...)` names the list itself: its members are the variables.
  const DataSet named = read_rdump("inits <-\nlist(a = 1,\n     b = c(1, 2))\nN = 3", "inits.R");
  CHECK(named.size() == 3);
  CHECK_FALSE(named.contains("inits"));
  CHECK(named.values.at("b").shape() == Shape{2});

  // A data frame as dput() writes it: its columns are the variables.
  const DataSet frame = read_rdump(
      "structure(list(x = c(1.5, 2), y = c(3L, 4L)), class = \"data.frame\", row.names = c(NA, -2L))",
      "df.R");
  CHECK(frame.size() == 2);
  CHECK(same_value(frame.values.at("y"), Value(Shape{2}, {3, 4}, I)));
}

TEST_CASE("rdump drops JAGS's random number generator settings in inits files", "[io][rdump]") {
  const DataSet d = read_rdump(
      "\".RNG.name\" <- \"base::Mersenne-Twister\"\n\".RNG.seed\" <-\n  314\nx <- 1\n"
      "list(.RNG.state = c(1L, 2L), y = 2)\n",
      "inits.R");
  CHECK(d.size() == 2);
  CHECK(d.contains("x"));
  CHECK(d.contains("y"));
}

// Fails if the reader filled arrays row-major or the builder indexed them otherwise.
TEST_CASE("rdump arrays fill column-major, element [i,j,k] where the BUGS builder reads it", "[io][rdump]") {
  // In R, array(1:24, c(2, 3, 4))[i, j, k] is i + 2 (j - 1) + 6 (k - 1).
  const DataSet a = read_rdump("a <- structure(1:24, .Dim = as.integer(c(2, 3, 4)))\nw <- 0\n", "a.R");
  for (int i = 1; i <= 2; ++i)
    for (int j = 1; j <= 3; ++j)
      for (int k = 1; k <= 4; ++k) {
        const std::string at = std::to_string(i) + ", " + std::to_string(j) + ", " + std::to_string(k);
        INFO("a[" << at << "]");
        const Model m = test::load("model { w ~ dnorm(a[" + at + "], 1) }", a);
        const double want = test::dnorm_tau(0, i + 2 * (j - 1) + 6 * (k - 1), 1);
        CHECK(log_density(m, {}).total == Approx(want).epsilon(1e-12));
      }
  const Model slices = test::load("model { w ~ dnorm(sum(a[, 2, 3]) + 100 * sum(a[2, 1:2, ]), 1) }", a);
  double slice_sums = 15 + 16;  // a[1, 2, 3] + a[2, 2, 3]
  for (int j = 1; j <= 2; ++j)
    for (int k = 1; k <= 4; ++k) slice_sums += 100 * (2 + 2 * (j - 1) + 6 * (k - 1));
  CHECK(log_density(slices, {}).total == Approx(test::dnorm_tau(0, slice_sums, 1)).epsilon(1e-12));
  // The same for a matrix, through a loop over its rows as the classic examples write it.
  const DataSet y =
      read_rdump("Y <- structure(c(1, 2, 3, 10, 20, 30), .Dim = c(3L, 2L))\nz <- c(0, 0, 0)\n", "y.R");
  const Model m = test::load("model { for (i in 1:3) { z[i] ~ dnorm(Y[i, 2] - 10 * Y[i, 1], 1) } }", y);
  CHECK(log_density(m, {}).total == Approx(3 * test::dnorm_tau(0, 0, 1)).epsilon(1e-12));
}
