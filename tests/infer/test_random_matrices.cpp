// Random matrix and probability-vector parameters in the compiled density: a Wishart
// precision (JAGS's dwish), dmnorm with a random precision (from dwish or built element
// by element), dmnorm.vcov with a random covariance, inverse and logdet of a random
// matrix, ddirch with random concentrations, dmulti and dcat with random probabilities.
// Gradients against central finite differences; a bivariate normal with a Wishart
// prior sampled by NUTS against the conjugate posterior mean.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "alea/dist/record.hpp"
#include "alea/infer/forward.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/io/bugs_model.hpp"
#include "mcmc_test_util.hpp"
#include "stat_tests.hpp"
#include "gradient_test_util.hpp"

using namespace alea;
using test::check_gradient;
using test::point;

namespace {

io::DataSet data_of(std::vector<std::pair<std::string, Value>> values) {
  io::DataSet d;
  for (auto& [name, v] : values) {
    d.values[name] = v;
    d.where[name] = SourceLoc{"data.R", 1, 1};
  }
  return d;
}

Value matrix(std::int64_t rows, std::int64_t cols, std::vector<double> v) {
  return Value(Shape::matrix(rows, cols), std::move(v), ScalarType::Real);
}

// 12 bivariate observations (rows), column-major as R writes a 12 x 2 matrix.
Value bivariate_data() {
  return matrix(12, 2, {1.2,  -0.3, 2.5,  0.8,  1.9,  0.1,  -0.6, 1.4,  2.2,  0.7,  1.1,  0.4,  //
                        -1.1, -0.2, -1.9, -0.8, -1.4, -0.5, 0.3,  -1.3, -1.2, -0.9, -0.7, -0.6});
}

void check_model_gradient(const char* text, const io::DataSet& data, std::size_t dim) {
  INFO(text);
  Model m = io::load_bugs_model(text, "model.bug", data);
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == dim);
  for (double scale : {0.3, 0.8}) check_gradient(f, point(f.dimension(), scale));
}

}  // namespace

TEST_CASE("dwish(R, k) reads as wishart(k, inverse(R)): prior draws have mean k R^-1", "[infer][wishart]") {
  // Var(Omega_ij) = k (V_ij^2 + V_ii V_jj) with V = R^-1 (JAGS's parameterization).
  const Model m = io::load_bugs_model("model { Omega[1:2, 1:2] ~ dwish(R[, ], 5) }", "model.bug",
                                      data_of({{"R", matrix(2, 2, {2, 0.5, 0.5, 1})}}));
  Rng rng(401);
  const std::size_t n = 40000;
  const DrawTable t = sample_prior(m, n, rng);
  Eigen::Matrix2d R;
  R << 2, 0.5, 0.5, 1;
  const Eigen::Matrix2d V = R.inverse();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      const std::string col = "Omega." + std::to_string(i + 1) + "." + std::to_string(j + 1);
      INFO(col);
      CHECK(test::mean_within_clt(t.column(col), 5 * V(i, j), 5 * (V(i, j) * V(i, j) + V(i, i) * V(j, j))));
    }
}

TEST_CASE(
    "gradient with a Wishart precision, inverse and logdet of it, dmt with it as its precision, matches "
    "finite differences",
    "[infer][gradient][wishart]") {
  const auto data = data_of({{"y", bivariate_data()},
                             {"R", matrix(2, 2, {2, 0.5, 0.5, 1})},
                             {"z", Value(0.4)},
                             {"s", Value{1.5, 0.3}},
                             {"t", Value{0.2, -1.4}}});
  // Omega is 3 unconstrained coordinates; mu 2.
  check_model_gradient(R"(model {
    for (i in 1:12) { y[i, 1:2] ~ dmnorm(mu[], Omega[, ]) }
    for (k in 1:2) { mu[k] ~ dnorm(0, 0.1) }
    Omega[1:2, 1:2] ~ dwish(R[, ], 4)
    Sigma[1:2, 1:2] <- inverse(Omega[, ])
    z ~ dnorm(logdet(Omega[, ]), 1)
    s[1:2] ~ dmnorm.vcov(mu[], Sigma[, ])
    t[1:2] ~ dmt(mu[], Omega[, ], 5)
  })",
                       data, 5);
}

TEST_CASE(
    "gradient of dmnorm with a precision built from random scalars, and of dmnorm.vcov with a random "
    "covariance, matches finite differences",
    "[infer][gradient]") {
  const auto data = data_of({{"y", bivariate_data()}});
  check_model_gradient(R"(model {
    for (i in 1:12) {
      y[i, 1:2] ~ dmnorm(m[], Omega[, ])
      w[i, 1:2] ~ dmnorm.vcov(m[], S[, ])
    }
    m[1] <- 1
    m[2] <- -1
    tau1 ~ dgamma(1, 1)
    tau2 ~ dgamma(1, 1)
    rho ~ dunif(-1, 1)
    Omega[1, 1] <- tau1
    Omega[2, 2] <- tau2
    Omega[1, 2] <- rho * sqrt(tau1 * tau2)
    Omega[2, 1] <- Omega[1, 2]
    v ~ dgamma(2, 1)
    S[1, 1] <- v
    S[2, 2] <- 1
    S[1, 2] <- 0.3
    S[2, 1] <- 0.3
  })",
                       data_of({{"y", bivariate_data()}, {"w", bivariate_data()}}), 4);
}

TEST_CASE(
    "gradient of ddirch with random concentrations and of dmulti and dcat with random probabilities "
    "matches finite differences",
    "[infer][gradient]") {
  // p is a free simplex (its normal child keeps it out of any conjugate pair here: the
  // compiled density is the naive model's); q a softmax of random values.
  check_model_gradient(
      R"(model {
    for (k in 1:3) { a[k] ~ dgamma(2, 1) }
    p[1:3] ~ ddirch(a[])
    y[1:3] ~ dmulti(p[], 20)
    x ~ dnorm(p[1], 10)
    for (k in 1:3) { b[k] ~ dnorm(0, 1) }
    for (k in 1:3) { e[k] <- exp(b[k]) }
    for (k in 1:3) { q[k] <- e[k] / sum(e[]) }
    z[1:3] ~ dmulti(q[], 30)
    for (i in 1:5) { h[i] ~ dcat(q[]) }
  })",
      data_of(
          {{"y", Value{3, 7, 10}}, {"x", Value(0.2)}, {"z", Value{5, 10, 15}}, {"h", Value{1, 3, 3, 2, 3}}}),
      3 + 2 + 3);
}

TEST_CASE(
    "bivariate normal with a Wishart prior on its precision: NUTS's posterior mean is the conjugate one",
    "[infer][wishart][nuts]") {
  // y[i] ~ mv_normal(mu, Omega^-1) with mu known and Omega ~ dwish(R, k): the posterior
  // is dwish(R + S, k + N), S = sum_i (y[i] - mu)(y[i] - mu)', with mean (k + N)(R + S)^-1.
  const Value y = bivariate_data();
  const Eigen::Vector2d mu(1, -1);
  Eigen::Matrix2d R;
  R << 2, 0.5, 0.5, 1;
  const double k = 4, N = 12;
  Eigen::Matrix2d S = Eigen::Matrix2d::Zero();
  for (int i = 0; i < 12; ++i) {
    const Eigen::Vector2d r =
        Eigen::Vector2d(y[static_cast<std::size_t>(i)], y[static_cast<std::size_t>(12 + i)]) - mu;
    S += r * r.transpose();
  }
  const Eigen::Matrix2d post = (k + N) * (R + S).inverse();
  const Model m = io::load_bugs_model(
      R"(model {
    for (i in 1:12) { y[i, 1:2] ~ dmnorm(mu[], Omega[, ]) }
    Omega[1:2, 1:2] ~ dwish(R[, ], 4)
  })",
      "model.bug", data_of({{"y", y}, {"mu", Value{1, -1}}, {"R", matrix(2, 2, {2, 0.5, 0.5, 1})}}));
  SamplerOptions o;
  o.chains = 2;
  o.threads = 1;
  o.seed = 402;
  o.warmup = 1000;
  o.draws = 2000;
  const auto chains = sample_chains(m, o);
  for (const auto& c : chains) CHECK(c.divergences == 0);
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      const std::string col = "Omega." + std::to_string(i + 1) + "." + std::to_string(j + 1);
      const test::McEstimate e = test::mc_estimate(test::chains_of(chains, col));
      INFO(col << ": " << e.mean << " +- " << e.mcse << ", exact " << post(i, j));
      CHECK(test::within_mcse(e, post(i, j)));
    }
}
