// alea sample on the Bayesian linear regression with known noise
// (models/linear_regression_known_noise.bug): the linear-Gaussian pair makes it fully
// conjugate, so the draws are exact and iid; their moments against the textbook
// posterior computed here with Eigen. The same regression with separate scalar priors on
// intercept and slope: both eliminated, the same log evidence.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <numbers>

#include "cli_test_util.hpp"
#include "stat_tests.hpp"

using namespace alea::test;

TEST_CASE("sample: linear regression with known noise is drawn exactly", "[cli][conjugacy]") {
  TempDir tmp;
  const std::string out = tmp / "draws.csv";
  const auto r = run("sample '" + model_path("linear_regression_known_noise.bug") + "' --data '" +
                     model_path("linear_regression_known_noise.R") + "' --draws 20000 --seed 11 --output '" + out +
                     "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("exact posterior sampling (conjugate: 1 rule(s))") != std::string::npos);
  // Textbook (the .R data): w ~ N(0, 100 I), y ~ N(X w, I / 4), X = [1 x];
  // V = (I / 100 + 4 X'X)^-1, mean = V (4 X'y).
  Eigen::MatrixXd X(10, 2);
  Eigen::VectorXd y(10);
  y << 2.9, 5.2, 6.8, 9.1, 11.3, 12.7, 15.2, 17.1, 18.8, 21.2;
  for (int i = 0; i < 10; ++i) X.row(i) << 1.0, i + 1.0;
  const Eigen::MatrixXd V = (Eigen::MatrixXd::Identity(2, 2) / 100.0 + 4.0 * X.transpose() * X).inverse();
  const Eigen::VectorXd mean = V * (4.0 * X.transpose() * y);
  auto cols = read_draws(out);
  for (int k = 0; k < 2; ++k) {
    const auto& xs = cols["w." + std::to_string(k + 1)];
    REQUIRE(xs.size() == 20000);
    const double var = V(k, k);
    INFO("w." << k + 1 << ": sample mean " << moments(xs).mean << " vs " << mean(k));
    CHECK(mean_within_clt(xs, mean(k), var));
    CHECK(var_within_clt(xs, var, 3 * var * var));
  }
}

TEST_CASE("separate scalar priors on intercept and slope: both eliminated, the same evidence", "[cli][conjugacy]") {
  // alpha ~ dnorm(0, 0.01), beta ~ dnorm(0, 0.01) is the known-noise model's prior
  // w ~ N(0, 100 I) written as two variables: alpha goes first (normal-normal, y ~
  // normal_mean_joint), then beta through the linear-Gaussian rule. log p(y) is the
  // normal density N(y; 0, 100 X X' + I / 4), written out here with Eigen.
  TempDir tmp;
  const std::string model = tmp / "scalar_priors.bug";
  {
    std::ofstream f(model);
    f << "model {\n  alpha ~ dnorm(0, 0.01)\n  beta ~ dnorm(0, 0.01)\n  for (i in 1:N) {\n"
         "    y[i] ~ dnorm(alpha + beta * x[i], tau)\n  }\n}\n";
  }
  const std::string args = "'" + model + "' --data '" + model_path("linear_regression_known_noise.R") + "'";
  const auto s = run("sample " + args + " --draws 1000 --seed 3 --output '" + (tmp / "draws.csv") + "'");
  REQUIRE(s.status == 0);
  CHECK(s.out.find("exact posterior sampling (conjugate: 2 rule(s))") != std::string::npos);
  const auto e = run("logp " + args + " --evidence");
  REQUIRE(e.status == 0);
  Eigen::MatrixXd X(10, 2);
  Eigen::VectorXd y(10);
  y << 2.9, 5.2, 6.8, 9.1, 11.3, 12.7, 15.2, 17.1, 18.8, 21.2;
  for (int i = 0; i < 10; ++i) X.row(i) << 1.0, i + 1.0;
  const Eigen::MatrixXd P = 100.0 * X * X.transpose() + Eigen::MatrixXd::Identity(10, 10) / 4.0;
  const double expected =
      -0.5 * (y.dot(P.inverse() * y) + std::log(P.determinant()) + 10 * std::log(2 * std::numbers::pi));
  REQUIRE(e.out.rfind("log evidence ", 0) == 0);
  CHECK(std::stod(e.out.substr(13)) == Approx(expected).epsilon(1e-9));
}
