// BUGS parser: structure of real models, precedence, and print/parse round trips.
#include <catch2/catch.hpp>

#include "alea/io/bugs_parser.hpp"
#include "bugs_models.hpp"

using namespace alea;
using namespace alea::io;
using bugs::Expr;
using bugs::Index;
using bugs::Stmt;

namespace {

Expr expr_of(const std::string& text) {
  const bugs::Program p = parse_bugs("model { z <- " + text + " }", "e.bug");
  REQUIRE(p.model.size() == 1);
  return p.model[0].rhs;
}

}  // namespace

TEST_CASE("eight schools: loops, stochastic and deterministic relations, T(0,)", "[io][bugs]") {
  const bugs::Program p = parse_bugs(test::kEightSchools, "schools.bug");
  CHECK_FALSE(p.has_data);
  CHECK(to_string(p.model_loc) == "schools.bug:2:1");
  REQUIRE(p.model.size() == 3);
  const Stmt& loop = p.model[0];
  REQUIRE(loop.kind == Stmt::Kind::For);
  CHECK(loop.loop_var == "j");
  CHECK(to_string(*loop.from) == "1");
  CHECK(to_string(*loop.to) == "J");
  REQUIRE(loop.body.size() == 3);
  CHECK(loop.body[0].kind == Stmt::Kind::Stochastic);
  CHECK(loop.body[0].rhs.kind == Expr::Kind::Call);
  CHECK(loop.body[0].rhs.name == "dnorm");
  CHECK(loop.body[1].kind == Stmt::Kind::Deterministic);
  CHECK(to_string(loop.body[1].rhs) == "mu + tau * eta[j]");
  CHECK(to_string(loop.body[2].rhs) == "dnorm(theta[j], pow(sigma[j], -2))");
  CHECK(to_string(loop.body[2].loc) == "schools.bug:6:5");
  CHECK(p.model[1].rhs.args[1].number == 1.0e-4);
  const Stmt& tau = p.model[2];
  REQUIRE(tau.bounds);
  CHECK(tau.bounds->kind == 'T');
  CHECK(tau.bounds->lo);
  CHECK_FALSE(tau.bounds->hi);
  CHECK(to_string(tau) == "tau ~ dt(0, 0.04, 1) T(0,)\n");
}

TEST_CASE("regression: data block, comments, semicolons, dotted names", "[io][bugs]") {
  const bugs::Program p = parse_bugs(test::kRegression, "reg.bug");
  REQUIRE(p.has_data);
  REQUIRE(p.data.size() == 1);
  const Expr& mean_call = p.data[0].body[0].rhs.args[1];
  CHECK(mean_call.name == "mean");
  REQUIRE(mean_call.args[0].indexed);
  REQUIRE(mean_call.args[0].indices.size() == 1);
  CHECK(mean_call.args[0].indices[0].kind == Index::Kind::Empty);
  REQUIRE(p.model.size() == 5);
  CHECK(p.model[0].body.size() == 2);
  CHECK(p.model[0].body[1].rhs.args[1].name == "tau.y");
  CHECK(p.model[2].lhs.name == "beta");
  CHECK(p.model[3].lhs.name == "sigma_y");
  CHECK(to_string(p.model[4].rhs) == "1 / sigma_y^2");
}

TEST_CASE("logistic: link functions, matrix indexing, ranges, I(), var and loops without braces", "[io][bugs]") {
  const bugs::Program p = parse_bugs(test::kLogistic, "logit.bug");
  REQUIRE(p.vars.size() == 2);
  CHECK(p.vars[1].name == "x");
  CHECK(p.vars[1].dims.size() == 2);
  REQUIRE(p.model.size() == 6);
  const Stmt& link = p.model[0].body[0];
  CHECK(link.link == "logit");
  CHECK(to_string(link.lhs) == "p[i]");
  const Expr& x_row = link.rhs.args[1].args[1];
  REQUIRE(x_row.indices.size() == 2);
  CHECK(x_row.indices[0].kind == Index::Kind::Single);
  CHECK(x_row.indices[1].kind == Index::Kind::Empty);
  const Stmt& prior = p.model[1].body[0];
  REQUIRE(prior.bounds);
  CHECK(prior.bounds->kind == 'I');
  CHECK(to_string(*prior.bounds->lo) == "-10");
  const Stmt& nested = p.model[3];
  REQUIRE(nested.body.size() == 1);
  REQUIRE(nested.body[0].kind == Stmt::Kind::For);
  CHECK(to_string(nested.body[0].body[0].lhs) == "M[i, j]");
  const Stmt& mvn = p.model[4];
  CHECK(mvn.lhs.indices[0].kind == Index::Kind::Range);
  CHECK(to_string(mvn.lhs) == "z[1:N]");
  CHECK(to_string(mvn.rhs) == "dmnorm(m[1:N], Omega[, ])");
  CHECK(p.model[5].link == "log");
}

TEST_CASE("precedence follows R: unary minus below ^, ^ right-associative", "[io][bugs]") {
  const Expr e = expr_of("a + b * c ^ -d");
  REQUIRE(e.kind == Expr::Kind::Binary);
  CHECK(e.op == bugs::BinaryOp::Add);
  const Expr& mul = e.args[1];
  CHECK(mul.op == bugs::BinaryOp::Mul);
  const Expr& pow = mul.args[1];
  CHECK(pow.op == bugs::BinaryOp::Pow);
  CHECK(pow.args[1].kind == Expr::Kind::Neg);
  CHECK(to_string(e) == "a + b * c^-d");

  const Expr m = expr_of("-2^2");
  REQUIRE(m.kind == Expr::Kind::Neg);
  CHECK(m.args[0].op == bugs::BinaryOp::Pow);

  const std::vector<std::pair<const char*, const char*>> canonical{
      {"a - b - c", "a - b - c"},       {"a - (b - c)", "a - (b - c)"},   {"(a - b) - c", "a - b - c"},
      {"a / b * c", "a / b * c"},       {"a / (b * c)", "a / (b * c)"},   {"a ^ b ^ c", "a^b^c"},
      {"(a ^ b) ^ c", "(a^b)^c"},       {"(-2) ^ 2", "(-2)^2"},           {"-a * b", "-a * b"},
      {"-(a * b)", "-(a * b)"},         {"a * -b", "a * -b"},             {"- -a", "- -a"},  
      {"a ** 2", "a^2"},                {"(a + b) * c", "(a + b) * c"},   {"f()", "f()"},
      {"x[i + 1, j:k]", "x[i + 1, j:k]"}, {"2.5e-7 * 1e21", "2.5e-07 * 1e+21"}, {"-(a + b)^2", "-(a + b)^2"},
  };
  for (const auto& [text, printed] : canonical) {
    INFO(text);
    const Expr parsed = expr_of(text);
    CHECK(to_string(parsed) == printed);
    CHECK(same_structure(expr_of(to_string(parsed)), parsed));
  }
  CHECK_FALSE(same_structure(expr_of("a - (b - c)"), expr_of("a - b - c")));
}

TEST_CASE("printing a program and parsing it again gives the same tree", "[io][bugs]") {
  for (const char* text : {test::kEightSchools, test::kRegression, test::kLogistic}) {
    const bugs::Program first = parse_bugs(text, "m.bug");
    const std::string printed = to_string(first);
    INFO(printed);
    const bugs::Program second = parse_bugs(printed, "printed.bug");
    CHECK(same_structure(first, second));
    CHECK(to_string(second) == printed);
  }
  const bugs::Program p = parse_bugs(test::kEightSchools, "m.bug");
  CHECK(to_string(p) ==
        "model {\n"
        "  for (j in 1:J) {\n"
        "    eta[j] ~ dnorm(0, 1)\n"
        "    theta[j] <- mu + tau * eta[j]\n"
        "    y[j] ~ dnorm(theta[j], pow(sigma[j], -2))\n"
        "  }\n"
        "  mu ~ dnorm(0, 1e-04)\n"
        "  tau ~ dt(0, 0.04, 1) T(0,)\n"
        "}\n");
}
