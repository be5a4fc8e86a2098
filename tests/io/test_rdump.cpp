// R dump reader: table of valid inputs with expected values, shapes and types.
#include <catch2/catch.hpp>

#include "alea/io/rdump.hpp"
#include "io_test_util.hpp"

using namespace alea;
using namespace alea::io;
using alea::test::NA;
using alea::test::same_value;

namespace {

constexpr ScalarType I = ScalarType::Integer;
constexpr ScalarType R = ScalarType::Real;

struct Case {
  const char* text;
  const char* name;
  Value expected;
};

}  // namespace

TEST_CASE("rdump reads scalars, vectors, ranges and arrays", "[io][rdump]") {
  const std::vector<Case> cases{
      {"N <- 10", "N", Value(Shape{}, {10}, I)},
      {"N = 10", "N", Value(Shape{}, {10}, I)},
      {"N <- 10L", "N", Value(Shape{}, {10}, I)},
      {"x <- 2.5", "x", Value(Shape{}, {2.5}, R)},
      {"x <- 1e-3", "x", Value(Shape{}, {1e-3}, R)},
      {"x <- 2E3", "x", Value(Shape{}, {2000}, R)},
      {"x <- .5", "x", Value(Shape{}, {0.5}, R)},
      {"x <- -3", "x", Value(Shape{}, {-3}, I)},
      {"x <- NA", "x", Value(Shape{}, {NA}, I)},
      {"b <- TRUE", "b", Value(Shape{}, {1}, I)},
      {"\"y\" <- c(1, 2, NA)", "y", Value(Shape{3}, {1, 2, NA}, I)},
      {"`y` <- c(1, 2.0)", "y", Value(Shape{2}, {1, 2}, R)},
      {"'y' <- c(1L, -2L, 3L)", "y", Value(Shape{3}, {1, -2, 3}, I)},
      {"y <- c(1.5, NA, -2e2)", "y", Value(Shape{3}, {1.5, NA, -200}, R)},
      {"y <- c(TRUE, FALSE, NA)", "y", Value(Shape{3}, {1, 0, NA}, I)},
      {"y <- c(7)", "y", Value(Shape{1}, {7}, I)},
      {"y <- c(NA_real_, 1L)", "y", Value(Shape{2}, {NA, 1}, R)},
      {"x <- 1:5", "x", Value(Shape{5}, {1, 2, 3, 4, 5}, I)},
      {"x <- 3:1", "x", Value(Shape{3}, {3, 2, 1}, I)},
      {"x <- -1:1", "x", Value(Shape{3}, {-1, 0, 1}, I)},
      {"x <- 1.5:3", "x", Value(Shape{2}, {1.5, 2.5}, R)},
      {"x <- c(1:3, 10)", "x", Value(Shape{4}, {1, 2, 3, 10}, I)},
      {"x <- c()", "x", Value(Shape{0}, {}, R)},
      {"x <- integer(0)", "x", Value(Shape{0}, {}, I)},
      {"x <- double(0)", "x", Value(Shape{0}, {}, R)},
      {"m <- structure(c(1, 2, 3, 4, 5, 6), .Dim = c(2, 3))", "m", Value(Shape{2, 3}, {1, 2, 3, 4, 5, 6}, I)},
      {"m <- structure(c(1, 2, 3, 4, 5, 6), .Dim = c(2L, 3L))", "m", Value(Shape{2, 3}, {1, 2, 3, 4, 5, 6}, I)},
      {"m <- structure(1:6, .Dim = c(3L, 2L))", "m", Value(Shape{3, 2}, {1, 2, 3, 4, 5, 6}, I)},
      {"m <- structure(.Data = c(0.5, NA), .Dim = 2L)", "m", Value(Shape{2}, {0.5, NA}, R)},
      {"a <- structure(1:8, dim = c(2L, 2L, 2L))", "a", Value(Shape{2, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}, I)},
      {"list(N = 3, y = c(1, 2, 3))", "y", Value(Shape{3}, {1, 2, 3}, I)},
      {"x <-\n  c(1,\n    2) # trailing comment", "x", Value(Shape{2}, {1, 2}, I)},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    const DataSet d = read_rdump(c.text, "data.R");
    REQUIRE(d.contains(c.name));
    CHECK(same_value(d.values.at(c.name), c.expected));
  }
}

TEST_CASE("rdump reads a whole file as dump() writes it, with locations", "[io][rdump]") {
  const std::string text =
      "# written by dump()\n"
      "\"N\" <-\n8L\n"
      "y <- c(28, 8, -3, 7, -1, 1, 18, 12); sigma = c(15, 10, 16, 11, 9, 11, 10, 18)\n"
      "x <- structure(c(1, 0, 0, 1), .Dim = c(2L, 2L))\n";
  const DataSet d = read_rdump(text, "schools.R");
  REQUIRE(d.size() == 4);
  CHECK(same_value(d.values.at("N"), Value(Shape{}, {8}, I)));
  CHECK(d.values.at("y").shape() == Shape{8});
  CHECK(d.values.at("x").shape() == Shape{2, 2});
  CHECK(to_string(d.where.at("N")) == "schools.R:2:1");
  CHECK(to_string(d.where.at("sigma")) == "schools.R:4:38");
  CHECK(to_string(d.where.at("x")) == "schools.R:5:1");
}

TEST_CASE("rdump reads dput-style list() with several variables", "[io][rdump]") {
  const DataSet d = read_rdump("list(N = 3L, \"y\" = c(0.1, 0.2, NA),\n     X = structure(1:4, .Dim = c(2L, 2L)))",
                               "data.R");
  REQUIRE(d.size() == 3);
  CHECK(same_value(d.values.at("y"), Value(Shape{3}, {0.1, 0.2, NA}, R)));
  CHECK(is_missing(d.values.at("y")[2]));
  CHECK(d.values.at("X").shape() == Shape{2, 2});
  CHECK(read_rdump("", "empty.R").size() == 0);
  CHECK(read_rdump("# only a comment\n\n", "empty.R").size() == 0);
}

TEST_CASE("merging data sets rejects a variable defined in two files", "[io][data]") {
  DataSet all = read_rdump("N <- 3\n", "a.R");
  merge(all, read_rdump("y <- c(1, 2, 3)\n", "b.R"));
  CHECK(all.size() == 2);
  CHECK(to_string(all.where.at("y")) == "b.R:1:1");
  CHECK_THROWS_WITH(merge(all, read_rdump("\n  N <- 4\n", "c.R")),
                    "c.R:2:3: variable 'N' is already defined at a.R:1:1");
  CHECK(all.values.at("N").scalar() == 3);
}
