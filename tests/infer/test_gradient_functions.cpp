// Gradients through JAGS's functions (trigonometric and hyperbolic, ifelse and the
// comparisons, reductions, sort, interp.lin, transpose, matrix product, and the
// inverse, log determinant and exponential of a random matrix) against central
// finite differences, and the boundary rule for products in the compiled density.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/infer/gradient.hpp"
#include "alea/io/bugs_model.hpp"
#include "gradient_test_util.hpp"

using namespace alea;
using test::check_gradient;
using test::point;

namespace {

Expr op(Op o, std::vector<Arg> args) {
  return apply(o, std::move(args));
}

Model functions_model() {
  Model m;
  Expr a = m.random("a", normal(0.0, 1.0));
  Expr b = m.random("b", gamma(2.0, 1.0));
  Expr c = m.random("c", beta(2.0, 2.0));
  Expr v = m.random("v", normal(0.0, 1.0), Shape::vector(3));
  Expr w = m.random("w", normal(0.0, 1.0), Shape::vector(3));
  Expr f1 = op(Op::Tan, {0.3 * a}) + op(Op::ArcSin, {0.5 * c}) + op(Op::ArcCos, {0.5 * c}) +
            op(Op::ArcTan, {a}) + op(Op::Sinh, {a}) + op(Op::Cosh, {a}) + op(Op::Tanh, {a}) +
            op(Op::ArcSinh, {a}) + op(Op::ArcCosh, {1.0 + b}) + op(Op::ArcTanh, {0.5 * c});
  // Piecewise-constant ops add nothing to the gradient but must not break it.
  Expr f2 = op(Op::IfElse, {op(Op::Less, {0.0, a}), a * b, square(a)}) + op(Op::Not, {a}) * b +
            op(Op::And, {a, b}) * c + op(Op::Or, {a, 0.0}) + op(Op::LessEqual, {a, b}) * a +
            op(Op::NotEqual, {a, b}) * b;
  Expr f3 = op(Op::Prod, {v}) + op(Op::Sd, {v}) + op(Op::MaxOf, {v}) + op(Op::MinOf, {w}) +
            dot(op(Op::Sort, {v}), Value{1.0, 2.0, 3.0}) + dot(op(Op::Rank, {w}), w) +
            sum(op(Op::Order, {v}));
  Expr f4 = op(Op::InterpLin, {a, Value{-2.0, 0.5, 2.0}, v}) +
            op(Op::InterpLin, {b + 3.0, Value{0.0, 1.0, 9.0}, w});
  // A random square matrix, not symmetric: M = v w' + D, built from t() and %*%.
  Value d(Shape::matrix(3, 3), {3, 0.2, 0.1, -0.3, 2.5, 0.4, 0.2, 0.1, 4}, ScalarType::Real);
  Expr col = op(Op::Transpose, {op(Op::Transpose, {v})});  // matrix[3, 1]
  Expr mat = op(Op::MatMul, {col, op(Op::Transpose, {w})}) + d;
  Value weights(Shape::matrix(3, 3), {1, -2, 0.5, 0.3, 1.5, -1, 2, 0.7, -0.4}, ScalarType::Real);
  Expr f5 = op(Op::LogDet, {mat}) + sum(op(Op::Inverse, {mat}) * weights) +
            sum(op(Op::Transpose, {mat}) * weights) + sum(op(Op::MatExp, {0.3 * mat}) * weights);
  m.random("y", normal(stack({f1, f2, f3, f4, f5}), 1.0));
  m.observe("y", Value({0.5, 2.0, 4.0, -1.0, 1.5}));
  return m;
}

}  // namespace

TEST_CASE("gradients through JAGS's functions match finite differences", "[infer][gradient][functions]") {
  Model m = functions_model();
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == 9);
  for (double scale : {0.3, 0.9}) check_gradient(f, point(f.dimension(), scale));
}

TEST_CASE("gradient through BUGS operators: %*%, t, inverse, comparisons", "[infer][gradient][functions]") {
  // The BUGS front end builds the same ops: a vector-matrix product and a comparison.
  io::DataSet data;
  data.values["D"] = Value(Shape::matrix(2, 2), {2, 0.5, 0.5, 3}, ScalarType::Real);
  data.where["D"] = SourceLoc{"data.R", 1, 1};
  data.values["y"] = Value{0.3, -0.4};
  data.where["y"] = SourceLoc{"data.R", 1, 1};
  Model m = io::load_bugs_model(R"(model {
    for (i in 1:2) { v[i] ~ dnorm(0, 1) }
    mu <- inverse(D) %*% v + (v[1] > v[2]) * v - v %*% D + t(D) %*% v
    for (i in 1:2) { y[i] ~ dnorm(mu[i], 1) }
  })",
                                "model.bug", data);
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == 2);
  check_gradient(f, {0.7, -0.2});
  check_gradient(f, {-0.4, 0.9});
}

TEST_CASE("boundary rule in the compiled density: (n - r) * log(1 - r / n) is 0 at r = n",
          "[infer][gradient][boundary]") {
  io::DataSet data;
  for (const char* name : {"n", "r", "y"}) data.where[name] = SourceLoc{"data.R", 1, 1};
  data.values["n"] = Value(4);
  data.values["r"] = Value(4);
  data.values["y"] = Value(0.5);
  Model m = io::load_bugs_model(R"(model {
    a ~ dnorm(0, 1)
    mu <- a + (n - r) * log(1 - r / n)
    y ~ dnorm(mu, 1)
  })",
                                "model.bug", data);
  infer::LogDensityFunction f(m);
  std::vector<double> grad(1);
  const double lp = f.value_and_gradient(std::vector<double>{0.2}, grad);
  const double log_2pi = std::log(2 * M_PI);
  CHECK(lp == Approx(-0.5 * log_2pi - 0.5 * 0.04 - 0.5 * log_2pi - 0.5 * 0.09));
  CHECK(grad[0] == Approx(-0.2 + 0.3));
}
