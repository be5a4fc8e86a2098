// Affine maps of cauchy, laplace, logistic and uniform, and -log U ~ exponential(1).
#include <cmath>

#include "alea/rewrite/pattern.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

TEST_CASE("affine maps of a cauchy", "[rewrite][closure][location-scale]") {
  Model m;
  Expr x = m.random("x", cauchy(1.0, 2.0));
  m.let("z", -3.0 * x + 4.0);
  m.monitor({"z"});
  const auto r = fires(m, "cauchy-scale", DistKind::Cauchy, {1.0, 6.0});
  CHECK(fired(r, "cauchy-shift"));
  check_continuous(m, "cauchy-shift", DistKind::Cauchy, {1.0, 6.0});
}

TEST_CASE("affine maps of a laplace", "[rewrite][closure][location-scale]") {
  Model m;
  Expr x = m.random("x", laplace(0.5, 1.0));
  m.let("z", 2.0 * x - 1.0);
  m.monitor({"z"});
  const auto r = fires(m, "laplace-scale", DistKind::Laplace, {0.0, 2.0});
  CHECK(fired(r, "laplace-shift"));
  check_continuous(m, "laplace-shift", DistKind::Laplace, {0.0, 2.0});
}

TEST_CASE("affine maps of a logistic", "[rewrite][closure][location-scale]") {
  Model m;
  Expr x = m.random("x", logistic_dist(1.0, 2.0));
  m.let("z", -0.5 * x + 2.0);
  m.monitor({"z"});
  const auto r = fires(m, "logistic-scale", DistKind::Logistic, {1.5, 1.0});
  CHECK(fired(r, "logistic-shift"));
  check_continuous(m, "logistic-shift", DistKind::Logistic, {1.5, 1.0});
}

TEST_CASE("affine maps of a uniform", "[rewrite][closure][location-scale]") {
  SECTION("positive factor") {
    Model m;
    Expr x = m.random("x", uniform(0.0, 3.0));
    m.let("z", 2.0 * x + 1.0);
    m.monitor({"z"});
    const auto r = fires(m, "uniform-scale", DistKind::Uniform, {1.0, 7.0});
    CHECK(fired(r, "uniform-shift"));
    check_continuous(m, "uniform-shift", DistKind::Uniform, {1.0, 7.0});
  }
  SECTION("negative factor swaps the bounds") {
    Model m;
    Expr x = m.random("x", uniform(0.0, 3.0));
    m.let("z", -2.0 * x + 1.0);
    m.monitor({"z"});
    check_continuous(m, "uniform-scale-negative", DistKind::Uniform, {-5.0, 1.0});
  }
}

TEST_CASE("minus the log of a standard uniform is exponential(1)", "[rewrite][closure][location-scale]") {
  SECTION("-log U") {
    Model m;
    Expr u = m.random("u", uniform(0.0, 1.0));
    m.let("z", -log(u));
    m.monitor({"z"});
    check_continuous(m, "neg-log-uniform", DistKind::Exponential, {1.0});
  }
  SECTION("0 - log U (as -1 * log U after the algebra rules)") {
    Model m;
    Expr u = m.random("u", uniform(0.0, 1.0));
    m.let("z", 0.0 - log(u));
    m.monitor({"z"});
    check_continuous(m, "neg-log-uniform-mul", DistKind::Exponential, {1.0});
  }
  SECTION("-log U / 2 is exponential(2), through the gamma rules") {
    Model m;
    Expr u = m.random("u", uniform(0.0, 1.0));
    m.let("z", -log(u) / 2.0);
    m.monitor({"z"});
    check_continuous(m, "gamma-scale", DistKind::Exponential, {2.0});
  }
}

TEST_CASE("a pattern tells the logistic op from the logistic distribution by arity", "[rewrite][closure][pattern]") {
  using rewrite::PatternNode;
  const PatternNode op = rewrite::parse_pattern("(logistic ?x)");
  CHECK(op.kind == PatternNode::Kind::Op);
  CHECK(op.op == Op::Logistic);
  const PatternNode dist = rewrite::parse_pattern("(logistic ?m ?s)");
  CHECK(dist.kind == PatternNode::Kind::Draw);
  CHECK(dist.dist == DistKind::Logistic);
}
