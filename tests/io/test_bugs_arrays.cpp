// build_model on arrays of rank 2 and 3 defined element by element: layout (column-major,
// as R and JAGS), blocks of multivariate nodes, slices as arguments, ragged arrays,
// random indices at any position, partly observed arrays (NA), recurrences through a
// second array, and the size guard. Log densities are checked against sums by hand.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "alea/dist/ops.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::dnorm_tau;
using alea::test::error_of;
using alea::test::load;

namespace {

double lp(const Model& m, const std::map<std::string, Value>& at) { return log_density(m, at).total; }

Value matrix(std::int64_t rows, std::int64_t cols, std::vector<double> column_major) {
  return Value(Shape{rows, cols}, std::move(column_major), ScalarType::Real);
}

const double kNA = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST_CASE("an observed matrix defined element by element in nested loops", "[io][bugs_arrays]") {
  // y[i, j]: column-major data, element (i, j) at i + I * (j - 1).
  const Value y = matrix(3, 2, {1.0, 2.5, -0.5, 0.3, 1.7, 2.2});
  Model m = load(R"(model {
    for (i in 1:I) {
      for (j in 1:J) { y[i, j] ~ dnorm(mu[i] + c[j], 2) }
      mu[i] ~ dnorm(0, 0.1)
    }
  })", data({{"I", Value(3)}, {"J", Value(2)}, {"y", y}, {"c", Value{0.0, 10.0}}}));
  CHECK(m.role("y") == Role::Observed);
  CHECK(m["y"].shape() == Shape{3, 2});
  const std::vector<double> mu{0.4, -1.2, 2.0};
  double want = 0;
  for (int i = 0; i < 3; ++i) {
    want += dnorm_tau(mu[static_cast<std::size_t>(i)], 0, 0.1);
    for (int j = 0; j < 2; ++j) want += dnorm_tau(y[static_cast<std::size_t>(i + 3 * j)], mu[static_cast<std::size_t>(i)] + 10.0 * j, 2);
  }
  CHECK(lp(m, {{"mu", Value(mu)}}) == Approx(want).epsilon(1e-12));
}

TEST_CASE("a latent matrix: its value is bound column-major and read back by element", "[io][bugs_arrays]") {
  Model m = load(R"(model {
    for (j in 1:2) { for (k in 1:3) { b[j, k] ~ dnorm(0, 1) } }
    s <- b[2, 1] + 10 * b[1, 3]
    z ~ dnorm(s, 1)
  })", data({{"z", Value(0.5)}}));
  CHECK(m["b"].shape() == Shape{2, 3});
  const Value b = matrix(2, 3, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6});  // b[2,1] = 0.2, b[1,3] = 0.5
  double want = dnorm_tau(0.5, 0.2 + 10 * 0.5, 1);
  for (double x : b.data()) want += dnorm_tau(x, 0, 1);
  CHECK(lp(m, {{"b", b}}) == Approx(want).epsilon(1e-12));
}

TEST_CASE("a ragged rank-3 array and its slices as distribution parameters", "[io][bugs_arrays]") {
  // Q[i, j, k] is defined for k < n[j] only, and p[i, j, 1:n[j]] is read by dcat: the
  // undefined elements are never used.
  const Value grade = matrix(2, 2, {1, 3, 2, 1});
  Model m = load(R"(model {
    for (i in 1:2) {
      th[i] ~ dnorm(0, 1)
      for (j in 1:2) {
        for (k in 1:(n[j] - 1)) { logit(Q[i, j, k]) <- th[i] - g[j, k] }
        p[i, j, 1] <- 1 - Q[i, j, 1]
        for (k in 2:(n[j] - 1)) { p[i, j, k] <- Q[i, j, k - 1] - Q[i, j, k] }
        p[i, j, n[j]] <- Q[i, j, n[j] - 1]
        grade[i, j] ~ dcat(p[i, j, 1:n[j]])
      }
    }
  })", data({{"n", Value{3.0, 2.0}}, {"g", matrix(2, 2, {-0.5, 0.0, 0.5, kNA})}, {"grade", grade}}));
  CHECK(m["Q"].shape() == Shape{2, 2, 2});
  CHECK(m["p"].shape() == Shape{2, 2, 3});
  const std::vector<double> th{0.3, -0.7};
  auto logistic = [](double x) { return 1 / (1 + std::exp(-x)); };
  double want = 0;
  for (int i = 0; i < 2; ++i) {
    const double t = th[static_cast<std::size_t>(i)];
    want += dnorm_tau(t, 0, 1);
    // item 1: 3 categories, cut points g[1,1] = -0.5, g[1,2] = 0.5; item 2: 2, g[2,1] = 0.
    const double q11 = logistic(t + 0.5), q12 = logistic(t - 0.5), q21 = logistic(t);
    const std::vector<double> p1{1 - q11, q11 - q12, q12}, p2{1 - q21, q21};
    want += std::log(p1[static_cast<std::size_t>(grade[static_cast<std::size_t>(i)] - 1)]);
    want += std::log(p2[static_cast<std::size_t>(grade[static_cast<std::size_t>(i + 2)] - 1)]);
  }
  CHECK(lp(m, {{"th", Value(th)}}) == Approx(want).epsilon(1e-12));
}

TEST_CASE("blocks of a multivariate node: Y[i, 1:2] ~ dmnorm, observed as a matrix", "[io][bugs_arrays]") {
  const Value y = matrix(3, 2, {1.0, 0.5, -0.2, 2.0, 1.1, 0.4});
  Model m = load(R"(model {
    for (i in 1:3) { Y[i, 1:2] ~ dmnorm(mu[], Omega[, ]) }
    for (k in 1:2) { mu[k] ~ dnorm(0, 0.01) }
  })", data({{"Y", y}, {"Omega", matrix(2, 2, {2.0, 0.5, 0.5, 1.0})}}));
  const std::vector<double> mu{0.3, 1.2};
  Eigen::Matrix2d omega;
  omega << 2.0, 0.5, 0.5, 1.0;
  const Eigen::Matrix2d sigma = omega.inverse();
  double want = dnorm_tau(mu[0], 0, 0.01) + dnorm_tau(mu[1], 0, 0.01);
  for (int i = 0; i < 3; ++i) {
    Eigen::Vector2d d(y[static_cast<std::size_t>(i)] - mu[0], y[static_cast<std::size_t>(i + 3)] - mu[1]);
    want += -std::log(2 * M_PI) - 0.5 * std::log(sigma.determinant()) - 0.5 * d.dot(omega * d);
  }
  CHECK(lp(m, {{"mu", Value(mu)}}) == Approx(want).epsilon(1e-10));
}

TEST_CASE("slices as function arguments: inprod(X[i, ], b) and sum(y[, j])", "[io][bugs_arrays]") {
  const Value x = matrix(2, 3, {1, 2, 3, 4, 5, 6});  // rows (1, 3, 5) and (2, 4, 6)
  Model m = load(R"(model {
    for (i in 1:2) { eta[i] <- inprod(X[i, ], b[]) }
    for (j in 1:3) { col[j] <- sum(X[, j]) }
    for (k in 1:3) { b[k] ~ dnorm(0, 1) }
    z ~ dnorm(eta[2] + col[3], 1)
  })", data({{"X", x}, {"z", Value(1.0)}}));
  const std::vector<double> b{0.5, -1.0, 2.0};
  const double eta2 = 2 * 0.5 + 4 * -1.0 + 6 * 2.0, col3 = 5 + 6;
  double want = dnorm_tau(1.0, eta2 + col3, 1);
  for (double v : b) want += dnorm_tau(v, 0, 1);
  CHECK(lp(m, {{"b", Value(b)}}) == Approx(want).epsilon(1e-12));
}

TEST_CASE("a random index selects a matrix row: p[s, ] with s ~ dcat", "[io][bugs_arrays]") {
  Model m = load(R"(model {
    s ~ dcat(w[])
    y ~ dcat(p[s, ])
  })", data({{"w", Value{0.3, 0.7}}, {"p", matrix(2, 3, {0.2, 0.5, 0.3, 0.25, 0.5, 0.25})}, {"y", Value(3)}}));
  // row 1 = (0.2, 0.3, 0.5), row 2 = (0.5, 0.25, 0.25)
  CHECK(lp(m, {{"s", Value::integer(1)}}) == Approx(std::log(0.3) + std::log(0.5)).epsilon(1e-12));
  CHECK(lp(m, {{"s", Value::integer(2)}}) == Approx(std::log(0.7) + std::log(0.25)).epsilon(1e-12));
}

TEST_CASE("NA elements of observed data are random and monitorable", "[io][bugs_arrays]") {
  const Value y = matrix(2, 2, {1.0, kNA, 3.0, 4.0});
  Model m = load(R"(model {
    for (i in 1:2) { for (j in 1:2) { y[i, j] ~ dnorm(mu, 1) } }
    mu ~ dnorm(0, 0.01)
  })", data({{"y", y}}));
  CHECK(m.role("y") == Role::Queried);
  CHECK(m.role("y[observed]") == Role::Observed);
  CHECK(m["y"].shape() == Shape{2, 2});
  // The missing y[2,1] is a latent: its value enters the density; the others are data.
  const double mu = 0.7, y21 = 2.5;
  const double want = dnorm_tau(mu, 0, 0.01) + dnorm_tau(1.0, mu, 1) + dnorm_tau(y21, mu, 1) + dnorm_tau(3.0, mu, 1) +
                      dnorm_tau(4.0, mu, 1);
  CHECK(lp(m, {{"mu", Value(mu)}, {"y", matrix(2, 2, {1.0, y21, 3.0, 4.0})}}) == Approx(want).epsilon(1e-12));
  // A vector loop with an NA is unrolled, not vectorized, for the same reason.
  Model v = load(R"(model {
    for (i in 1:3) { x[i] ~ dnorm(mu, 1) }
    mu ~ dnorm(0, 0.01)
  })", data({{"x", Value{1.0, kNA, 2.0}}}));
  CHECK(v.role("x") == Role::Queried);
  CHECK(v.role("x[observed]") == Role::Observed);
}

TEST_CASE("a recurrence through a second array is not a cycle", "[io][bugs_arrays]") {
  // The vectorized b[k] would read m, which reads b[k-1]: alea unrolls b instead.
  Model m = load(R"(model {
    b[1] ~ dnorm(0, 1)
    b[2] ~ dnorm(0, 1)
    for (k in 3:4) { m[k] <- 2 * b[k - 1] - b[k - 2] }
    for (k in 3:4) { b[k] ~ dnorm(m[k], 4) }
  })");
  const std::vector<double> b{0.1, 0.3, 0.6, 0.8};
  const double want = dnorm_tau(0.1, 0, 1) + dnorm_tau(0.3, 0, 1) + dnorm_tau(0.6, 2 * 0.3 - 0.1, 4) +
                      dnorm_tau(0.8, 2 * 0.6 - 0.3, 4);
  CHECK(lp(m, {{"b", Value(b)}}) == Approx(want).epsilon(1e-12));
  CHECK_THAT(error_of(R"(model {
    for (k in 1:3) { b[k] ~ dnorm(m[k], 1)
                     m[k] <- b[k] }
  })"), Catch::Contains("depends on itself"));
}

TEST_CASE("array definitions and uses that are errors", "[io][bugs_arrays]") {
  CHECK(error_of(R"(model {
    for (i in 1:2) { for (j in 1:2) { x[i, j] ~ dnorm(0, 1) } }
    x[2, 2] ~ dnorm(0, 1)
  })") == "model.bug:3:5: x[2,2] is defined twice (first defined at model.bug:2:39)");
  CHECK(error_of(R"(model {
    x[1, 1] ~ dnorm(0, 1)
    x[2] ~ dnorm(0, 1)
  })") == "model.bug:3:5: variable 'x' is indexed with 1 indices here but 2 at model.bug:2:5");
  CHECK(error_of(R"(model {
    for (i in 1:2) { x[i, i] ~ dnorm(0, 1) }
    z <- x[1, 2]
  })") == "model.bug:3:10: x[1,2] is used but never defined (defined: x[1,1], x[2,2])");
  CHECK(error_of(R"(model {
    for (i in 1:3) { y[i, 1] ~ dnorm(0, 1) }
  })", data({{"y", matrix(2, 1, {1, 2})}})) ==
        "model.bug:2:22: y[3,1]: index 3 (dimension 1) is out of range 1..2 of its data");
  CHECK(error_of(R"(model {
    for (i in 1:2) { Y[i, 1:2] ~ dmnorm(m[], P[, ]) }
  })", data({{"Y", matrix(2, 2, {1, 2, kNA, 4})}, {"m", Value{0.0, 0.0}}, {"P", matrix(2, 2, {1, 0, 0, 1})}})) ==
        "data.R:1:1: variable 'Y[1,1:2]' is partly observed (1 of 2 values are NA); a multivariate node must be "
        "observed whole or not at all");
  CHECK(error_of(R"(model {
    for (i in 1:2) { m[i] <- i }
  })", data({{"m", Value{1.0, 2.0}}})) ==
        "data.R:1:1: m[1] is given as data (1) but defined by '<-' at model.bug:2:22");
}

TEST_CASE("the size guard stops a loop that would unroll past the limit at once", "[io][bugs_arrays]") {
  CHECK(error_of(R"(model {
    x[1] <- 0
    for (i in 2:100000000) { x[i] <- x[i - 1] + 1 }
  })") == "model.bug:3:5: loop 'for (i in 2:100000000)' makes the model larger than alea's limit of 5000000 "
          "statements (docs/bugs-language.md, \"Model size\")");
}

TEST_CASE("a model with matrices prints as BUGS text that loads back to the same density", "[io][bugs_arrays]") {
  const auto d = data({{"y", matrix(2, 2, {1.0, kNA, 3.0, 4.0})}});
  Model m = load(R"(model {
    for (i in 1:2) { for (j in 1:2) { y[i, j] ~ dnorm(mu[i], 1) } }
    for (i in 1:2) { mu[i] ~ dnorm(0, 0.01) }
  })", d);
  const std::string text = io::to_bugs(m);
  CHECK_THAT(text, Catch::Contains("y[1, 2] ~ dnorm(mu[1], 1)"));
  Model back = load(text, d);
  const std::map<std::string, Value> at{{"mu", Value{0.5, -0.5}}, {"y", matrix(2, 2, {1.0, 0.25, 3.0, 4.0})}};
  CHECK(lp(back, at) == Approx(lp(m, at)).epsilon(1e-12));
}
