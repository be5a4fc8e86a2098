// CSV reader: columns become vector variables; NA, quoting, types and row names.
#include <catch2/catch.hpp>

#include "alea/io/csv.hpp"
#include "io_test_util.hpp"

using namespace alea;
using namespace alea::io;
using alea::test::NA;
using alea::test::same_value;

TEST_CASE("csv reads columns with types and missing values", "[io][csv]") {
  const DataSet d = read_csv("x,y,z,flag\n1,2.5,NA,TRUE\n2,,\"3\",FALSE\n-3, 1e2 ,4,NA\n", "d.csv");
  REQUIRE(d.size() == 4);
  CHECK(same_value(d.values.at("x"), Value(Shape{3}, {1, 2, -3}, ScalarType::Integer)));
  CHECK(same_value(d.values.at("y"), Value(Shape{3}, {2.5, NA, 100}, ScalarType::Real)));
  CHECK(same_value(d.values.at("z"), Value(Shape{3}, {NA, 3, 4}, ScalarType::Integer)));
  CHECK(same_value(d.values.at("flag"), Value(Shape{3}, {1, 0, NA}, ScalarType::Integer)));
  CHECK(to_string(d.where.at("y")) == "d.csv:1:3");
}

TEST_CASE("csv handles quoting, CRLF, missing final newline and R row names", "[io][csv]") {
  const DataSet a = read_csv("\"a\",\"tau.y\"\r\n1,\"0.5\"\r\n2,0.25", "d.csv");
  CHECK(same_value(a.values.at("tau.y"), Value(Shape{2}, {0.5, 0.25}, ScalarType::Real)));
  const DataSet b = read_csv("\"\",\"x\"\n\"1\",4\n\"2\",5\n", "w.csv");
  REQUIRE(b.size() == 1);
  CHECK(same_value(b.values.at("x"), Value(Shape{2}, {4, 5}, ScalarType::Integer)));
  const DataSet c = read_csv("n\n", "h.csv");
  CHECK(c.values.at("n").shape() == Shape{0});
  const DataSet e = read_csv("y\n1\n\n3\n\n\n", "blank.csv");
  CHECK(same_value(e.values.at("y"), Value(Shape{3}, {1, NA, 3}, ScalarType::Integer)));
}
