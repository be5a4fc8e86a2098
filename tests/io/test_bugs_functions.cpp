// The operators and functions of BUGS expressions: JAGS's precedence, the value of
// every function on data, shape errors with their location, the boundary rule for
// products, and the docs' table kept in step with the code's.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <functional>
#include <sstream>
#include <unordered_map>

#include "alea/dist/ops.hpp"
#include "alea/io/bugs_functions.hpp"
#include "alea/io/bugs_parser.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

io::bugs::Expr expr_of(const std::string& text) {
  const io::bugs::Program p = io::parse_bugs("model { z <- " + text + " }", "e.bug");
  REQUIRE(p.model.size() == 1);
  return p.model[0].rhs;
}

// Two spellings parse to the same tree.
bool same(const std::string& a, const std::string& b) { return io::same_structure(expr_of(a), expr_of(b)); }

std::string parse_error(const std::string& text) {
  try {
    io::parse_bugs(text, "e.bug");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// The value of a node that depends on data only.
Value value_of(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return *n.constant;
  std::vector<Value> in;
  for (NodeId i : n.inputs) in.push_back(value_of(g, i));
  return dist::evaluate(n.op, in);
}

// The value of `expr` in a model whose data are x = (3, 1, 2), A = [[4, 1], [2, 3]]
// (column-major 4, 2, 1, 3), v = (0.5, -1), k = 2, and the knots kx, ky.
Value eval(const std::string& expr) {
  const Value a(Shape::matrix(2, 2), {4, 2, 1, 3}, ScalarType::Real);
  Model m = load("model { z <- " + expr + " }",
                 data({{"x", Value{3, 1, 2}}, {"A", a}, {"v", Value{0.5, -1}}, {"k", Value(2)},
                       {"kx", Value{0, 1, 3}}, {"ky", Value{0, 2, -2}}}));
  return value_of(m.graph(), m["z"].id());
}
double scalar(const std::string& expr) { return eval(expr).scalar(); }

}  // namespace

TEST_CASE("operators: JAGS's precedence and associativity", "[io][bugs][operators]") {
  CHECK(same("a || b && c", "a || (b && c)"));
  CHECK(same("a || b || c", "(a || b) || c"));
  CHECK(same("a && !b || c", "(a && (!b)) || c"));
  CHECK(same("!a == b", "!(a == b)"));
  CHECK(same("!a + 1 < b", "!((a + 1) < b)"));
  CHECK(same("a + b < c * d", "(a + b) < (c * d)"));
  CHECK(same("a == b && c != d", "(a == b) && (c != d)"));
  CHECK(same("a * b %*% c", "a * (b %*% c)"));
  CHECK(same("a %*% b %*% c", "(a %*% b) %*% c"));
  CHECK(same("-a %*% b", "(-a) %*% b"));
  CHECK(same("a %*% b^2", "a %*% (b^2)"));
  CHECK(same("-2^2", "-(2^2)"));
  CHECK(same("a < -b", "a < (-b)"));
  CHECK_FALSE(same("a < b + c", "(a < b) + c"));
  // Round trip through the canonical printer keeps every tree.
  for (const char* text : {"a || b && c", "!(a || b)", "(a < b) == c", "!a == b", "(!a) + b", "a %*% (b %*% c)",
                           "-(a == b)", "x[i] >= 2 && x[i] <= 3", "!!a"}) {
    INFO(text);
    CHECK(io::same_structure(expr_of(io::to_string(expr_of(text))), expr_of(text)));
  }
}

TEST_CASE("operators: errors name the operator and its place", "[io][bugs][operators]") {
  CHECK(parse_error("model { z <- a < b < c }") ==
        "e.bug:1:20: comparisons do not chain: '<' is followed by '<'; write (a < b) && (b < c)");
  CHECK(parse_error("model { z <- a %o% b }") ==
        "e.bug:1:16: unknown operator '%o%'; the only %...% operator is '%*%'");
  CHECK(parse_error("model { z <- a & b }") == "e.bug:1:16: unknown operator '&'; BUGS writes '&&'");
  CHECK(parse_error("model { z <- a %*\n b }") == "e.bug:1:16: unterminated operator '%*': expected a closing '%'");
}

TEST_CASE("comparisons and logic are 0/1 integers", "[io][bugs][operators]") {
  CHECK(scalar("k == 2") == 1);
  CHECK(scalar("k != 2") == 0);
  CHECK(scalar("k < 2") == 0);
  CHECK(scalar("k <= 2") == 1);
  CHECK(scalar("k > 1.5") == 1);
  CHECK(scalar("k >= 3") == 0);
  CHECK(scalar("k > 1 && k < 3") == 1);
  CHECK(scalar("k > 2 || k < 1") == 0);
  CHECK(scalar("!k") == 0);
  CHECK(scalar("!(k - 2)") == 1);
  CHECK(eval("k == 2").type() == ScalarType::Integer);
  CHECK(eval("x > 1.5").data() == std::vector<double>{1, 0, 1});
  CHECK(eval("x > 1.5 && x < 2.5").data() == std::vector<double>{0, 0, 1});
  CHECK(scalar("ifelse(k > 1, 10, 20)") == 10);
  CHECK(eval("ifelse(x > 1.5, x, -x)").data() == std::vector<double>{3, -1, 2});
}

TEST_CASE("JAGS's scalar functions on data", "[io][bugs][functions]") {
  const double x = 0.3;
  const std::vector<std::pair<std::string, double>> cases = {
      {"abs(-0.3)", 0.3},          {"arccos(0.3)", std::acos(x)},   {"arccosh(1.3)", std::acosh(1.3)},
      {"arcsin(0.3)", std::asin(x)}, {"arcsinh(0.3)", std::asinh(x)}, {"arctan(0.3)", std::atan(x)},
      {"arctanh(0.3)", std::atanh(x)}, {"cos(0.3)", std::cos(x)},      {"cosh(0.3)", std::cosh(x)},
      {"cloglog(0.3)", std::log(-std::log(0.7))}, {"equals(0.3, 0.3)", 1}, {"exp(0.3)", std::exp(x)},
      {"icloglog(0.3)", 1 - std::exp(-std::exp(x))}, {"ilogit(0.3)", 1 / (1 + std::exp(-x))},
      {"log(0.3)", std::log(x)},   {"logfact(4)", std::log(24.0)},  {"loggam(4.5)", std::lgamma(4.5)},
      {"logit(0.3)", std::log(x / 0.7)}, {"phi(0)", 0.5},          {"pow(2, 0.5)", std::sqrt(2.0)},
      {"probit(0.5)", 0},          {"round(2.5)", 3},               {"round(-2.5)", -3},
      {"sin(0.3)", std::sin(x)},   {"sinh(0.3)", std::sinh(x)},     {"sqrt(0.3)", std::sqrt(x)},
      {"step(0)", 1},              {"step(-0.1)", 0},               {"tan(0.3)", std::tan(x)},
      {"tanh(0.3)", std::tanh(x)}, {"trunc(-2.7)", -2}};
  for (const auto& [text, want] : cases) {
    INFO(text);
    CHECK(scalar(text) == Approx(want).epsilon(1e-12).margin(1e-15));
  }
}

TEST_CASE("JAGS's vector and matrix functions on data", "[io][bugs][functions]") {
  CHECK(scalar("sum(x)") == 6);
  CHECK(scalar("mean(x)") == 2);
  CHECK(scalar("prod(x)") == 6);
  CHECK(scalar("sd(x)") == Approx(1));
  CHECK(scalar("max(x)") == 3);
  CHECK(scalar("min(x)") == 1);
  CHECK(scalar("max(x, 7, v)") == 7);
  CHECK(scalar("min(x, v)") == -1);
  CHECK(scalar("max(1, 2)") == 2);
  CHECK(scalar("inprod(x, x)") == 14);
  CHECK(scalar("inprod(A, A)") == 30);
  CHECK(eval("sort(x)").data() == std::vector<double>{1, 2, 3});
  CHECK(eval("rank(x)").data() == std::vector<double>{3, 1, 2});
  CHECK(eval("order(x)").data() == std::vector<double>{2, 3, 1});
  CHECK(eval("rank(x)").type() == ScalarType::Integer);
  CHECK(scalar("length(x)") == 3);
  CHECK(scalar("length(A)") == 4);
  CHECK(eval("dim(A)").data() == std::vector<double>{2, 2});
  // det A = 4 * 3 - 1 * 2 = 10; A^-1 = [[3, -1], [-2, 4]] / 10.
  CHECK(scalar("logdet(A)") == Approx(std::log(10.0)));
  const Value inv = eval("inverse(A)");
  CHECK(inv.shape() == Shape::matrix(2, 2));
  const std::vector<double> want_inv{0.3, -0.2, -0.1, 0.4};
  for (std::size_t i = 0; i < 4; ++i) CHECK(inv[i] == Approx(want_inv[i]));
  CHECK(eval("t(A)").data() == std::vector<double>{4, 1, 2, 3});
  CHECK(eval("t(v)").shape() == Shape::matrix(1, 2));
  // Matrix products as R: A v, v A, v v, A A, t(v) A.
  CHECK(eval("A %*% v").data() == std::vector<double>{4 * 0.5 - 1, 2 * 0.5 - 3});
  CHECK(eval("v %*% A").data() == std::vector<double>{0.5 * 4 - 2, 0.5 * 1 - 3});
  CHECK(scalar("v %*% v") == 1.25);
  CHECK(eval("A %*% A").data() == std::vector<double>{18, 14, 7, 11});
  CHECK(eval("t(v) %*% A").shape() == Shape::matrix(1, 2));
  // A vector is a column when a row does not conform: v %*% t(v) is the outer product.
  CHECK(eval("v %*% t(v)").data() == std::vector<double>{0.25, -0.5, -0.5, 1});
  CHECK(eval("t(t(v)) %*% v").data() == std::vector<double>{0.25, -0.5, -0.5, 1});
  // exp of a diagonal matrix is the exp of its diagonal; exp(B) of B = [[0, 1], [0, 0]] is I + B.
  CHECK(eval("mexp(A - A)").data() == std::vector<double>{1, 0, 0, 1});
  const Value e = eval("mexp(t(A) - A)");  // [[0, 1], [-1, 0]]: a rotation by 1 radian
  CHECK(e[0] == Approx(std::cos(1.0)));
  CHECK(e[1] == Approx(-std::sin(1.0)));
  CHECK(e[2] == Approx(std::sin(1.0)));
  const Value id = eval("A %*% inverse(A)");
  for (std::size_t i = 0; i < 4; ++i) CHECK(id[i] == Approx(i == 0 || i == 3 ? 1.0 : 0.0).margin(1e-12));
  // interp.lin through (0, 0), (1, 2), (3, -2), flat outside.
  CHECK(scalar("interp.lin(0.5, kx, ky)") == 1);
  CHECK(scalar("interp.lin(2, kx, ky)") == 0);
  CHECK(scalar("interp.lin(-1, kx, ky)") == 0);
  CHECK(scalar("interp.lin(9, kx, ky)") == -2);
}

TEST_CASE("boundary arithmetic: a zero factor makes a product 0", "[io][bugs][boundary]") {
  // JAGS's rule (docs/bugs-language.md): (n - r) * log(1 - r / n) at r = n is 0, not NaN.
  Model m = load("model { z <- (n - r) * log(1 - r / n)\n w <- prod(c0) }",
                 data({{"n", Value(5)}, {"r", Value(5)}, {"c0", Value{0, std::log(0.0)}}}));
  CHECK(value_of(m.graph(), m["z"].id()).scalar() == 0);
  CHECK(value_of(m.graph(), m["w"].id()).scalar() == 0);
  CHECK(scalar("0 * log(0)") == 0);
  CHECK(std::isnan(scalar("0 / 0")));  // only products follow the rule
}

TEST_CASE("functions: wrong shapes and unknown names are errors at the call", "[io][bugs][functions]") {
  const auto err = [](const std::string& expr) {
    return error_of("model { z <- " + expr + " }", data({{"x", Value{3, 1, 2}}, {"k", Value(2)}}));
  };
  CHECK(err("logdet(x)") == "model.bug:1:14: logdet: needs a square matrix (operands: vector[3])");
  CHECK(err("sort(k)") == "model.bug:1:14: sort: needs a vector (operands: scalar)");
  CHECK(err("t(x) %*% x[1:2]") == "model.bug:1:19: %*%: non-conformable operands (shapes matrix[1,3] and vector[2])");
  CHECK(err("x %*% x[1:2]") == "model.bug:1:16: %*%: non-conformable operands (shapes vector[3] and vector[2])");
  CHECK(err("interp.lin(k, x, k)").starts_with("model.bug:1:14: interp.lin: needs a scalar and two vectors"));
  CHECK(err("ifelse(k, x)") == "model.bug:1:14: ifelse takes 3 arguments, got 2");
  CHECK(err("mexp(x)") == "model.bug:1:14: mexp: needs a square matrix (operands: vector[3])");
  CHECK(err("arcsinn(k)") == "model.bug:1:14: unknown function 'arcsinn'; did you mean 'arcsin'?");
  CHECK(err("inprod(x, k)") == "model.bug:1:14: inprod needs two arrays of the same shape (got vector[3] and scalar)");
}

TEST_CASE("docs/bugs-language.md holds the table of functions the code has", "[io][bugs][docs]") {
  std::ifstream in(std::string(ALEA_SOURCE_DIR) + "/docs/bugs-language.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  INFO("regenerate the table in docs/bugs-language.md from io::bugs_function_table():\n" << io::bugs_function_table());
  CHECK(text.str().find(io::bugs_function_table()) != std::string::npos);
}
