// dwish, dmnorm with a random precision and dmnorm.vcov in BUGS text: the log density
// against the formulas written out, and the BUGS writer's text reads back to the same
// density (dwish's R from alea's inverse(R); a constant matrix element by element; a
// matrix function of a random matrix as one statement).
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/infer/log_density.hpp"
#include "alea/io/bugs_model.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::load;

namespace {

Value matrix2(double a, double b, double c, double d) {
  return Value(Shape::matrix(2, 2), {a, b, c, d}, ScalarType::Real);
}

// log of the bivariate normal density with precision P.
double mvn_precision(const Eigen::Vector2d& y, const Eigen::Vector2d& mu, const Eigen::Matrix2d& P) {
  const Eigen::Vector2d r = y - mu;
  return -std::log(2 * std::numbers::pi) + 0.5 * std::log(P.determinant()) - 0.5 * r.dot(P * r);
}

const char* kModel = R"(model {
  Omega[1:2, 1:2] ~ dwish(R[, ], 3)
  Sigma[1:2, 1:2] <- inverse(Omega[, ])
  y[1:2] ~ dmnorm(mu[], Omega[, ])
  w[1:2] ~ dmnorm.vcov(mu[], Sigma[, ])
})";

}  // namespace

TEST_CASE("dwish, dmnorm with a random precision, dmnorm.vcov: log density by hand and round trip",
          "[io][bugs_model][wishart]") {
  const auto d = data({{"R", matrix2(2, 0.5, 0.5, 1)},
                       {"mu", Value{1, -1}},
                       {"y", Value{0.3, -0.2}},
                       {"w", Value{1.4, -1.6}}});
  const Model m = load(kModel, d);
  const std::map<std::string, Value> at{{"Omega", matrix2(1.5, -0.4, -0.4, 0.9)}};
  Eigen::Matrix2d R, W;
  R << 2, 0.5, 0.5, 1;
  W << 1.5, -0.4, -0.4, 0.9;
  // JAGS's dwish(R, k) for 2 x 2: (k - 3)/2 log|W| - tr(R W)/2 + k/2 log|R| - k log 2 - log Gamma_2(k/2).
  const double k = 3;
  const double wish = 0.5 * (k - 3) * std::log(W.determinant()) - 0.5 * (R * W).trace() +
                      0.5 * k * std::log(R.determinant()) - k * std::log(2.0) -
                      (0.5 * std::log(std::numbers::pi) + std::lgamma(k / 2) + std::lgamma((k - 1) / 2));
  const Eigen::Vector2d mu(1, -1);
  const double want = wish + mvn_precision({0.3, -0.2}, mu, W) + mvn_precision({1.4, -1.6}, mu, W);
  CHECK(log_density(m, at).total == Approx(want).epsilon(1e-12));
  const std::string text = io::to_bugs(m);
  INFO(text);
  CHECK(text.find("dwish(R, 3)") != std::string::npos);
  CHECK(text.find("Sigma <- inverse(Omega)") != std::string::npos);
  const Model back = load(text, d);
  CHECK(log_density(back, at).total == Approx(want).epsilon(1e-12));
}
