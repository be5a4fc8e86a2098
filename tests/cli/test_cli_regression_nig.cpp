// alea sample and alea logp --evidence on the Bayesian linear regression with unknown
// noise (models/linear_regression_nig.bug, the normal-inverse-gamma prior in JAGS's
// precisions): fully conjugate, so the draws are exact and iid. Their moments and the
// log evidence against the textbook update computed here with Eigen.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "cli_test_util.hpp"
#include "stat_tests.hpp"

using namespace alea::test;

namespace {

// The .R data: tau ~ gamma(2, 1), w ~ N(0, I / (0.01 tau)), y ~ N(X w, I / tau), X = [1 x].
struct Textbook {
  Eigen::MatrixXd X{10, 2};
  Eigen::VectorXd y{10};
  Eigen::MatrixXd V0 = 100.0 * Eigen::MatrixXd::Identity(2, 2);
  double a = 2, b = 1;
  Textbook() {
    y << 2.9, 5.2, 6.8, 9.1, 11.3, 12.7, 15.2, 17.1, 18.8, 21.2;
    for (int i = 0; i < 10; ++i) X.row(i) << 1.0, i + 1.0;
  }
};

std::string args() {
  return "'" + model_path("linear_regression_nig.bug") + "' --data '" + model_path("linear_regression_nig.R") + "'";
}

}  // namespace

TEST_CASE("sample: linear regression with unknown noise (normal-inverse-gamma) is drawn exactly", "[cli][conjugacy]") {
  TempDir tmp;
  const std::string out = tmp / "draws.csv";
  const auto r = run("sample " + args() + " --draws 20000 --seed 13 --output '" + out + "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("exact posterior sampling (conjugate: 2 rule(s))") != std::string::npos);
  // V_n = (V0^-1 + X'X)^-1, m_n = V_n X'y (m0 = 0), a_n = a + n/2,
  // b_n = b + (y'y - m_n' V_n^-1 m_n) / 2; tau | y ~ gamma(a_n, b_n) and
  // w | y ~ t(2 a_n, m_n, (b_n / a_n) V_n).
  const Textbook t;
  const Eigen::MatrixXd Vn = (t.V0.inverse() + t.X.transpose() * t.X).inverse();
  const Eigen::VectorXd mn = Vn * (t.X.transpose() * t.y);
  const double an = t.a + 5, bn = t.b + 0.5 * (t.y.squaredNorm() - mn.dot(Vn.inverse() * mn));
  auto cols = read_draws(out);
  const auto& tau = cols["tau"];
  REQUIRE(tau.size() == 20000);
  CHECK(mean_within_clt(tau, an / bn, an / (bn * bn)));
  CHECK(var_within_clt(tau, an / (bn * bn), 3 * an * (an + 2) / std::pow(bn, 4)));
  const double nu = 2 * an;
  for (int k = 0; k < 2; ++k) {
    const auto& xs = cols["w." + std::to_string(k + 1)];
    REQUIRE(xs.size() == 20000);
    const double s2 = bn / an * Vn(k, k), var = nu / (nu - 2) * s2;
    INFO("w." << k + 1 << ": sample mean " << moments(xs).mean << " vs " << mn(k));
    CHECK(mean_within_clt(xs, mn(k), var));
    CHECK(var_within_clt(xs, var, 3 * nu * nu * s2 * s2 / ((nu - 2) * (nu - 4))));
  }
  CHECK(cols["sigma"].size() == 20000);
}

TEST_CASE("logp --evidence: the regression's log marginal likelihood is a multivariate t density", "[cli][conjugacy]") {
  const auto r = run("logp " + args() + " --evidence");
  REQUIRE(r.status == 0);
  // y ~ t(2a, 0, (b/a)(I + X V0 X')), written out with Eigen's inverse and determinant.
  const Textbook t;
  const Eigen::MatrixXd S = t.b / t.a * (Eigen::MatrixXd::Identity(10, 10) + t.X * t.V0 * t.X.transpose());
  const double nu = 2 * t.a, n = 10, q = t.y.dot(S.inverse() * t.y);
  const double expected = std::lgamma((nu + n) / 2) - std::lgamma(nu / 2) - n / 2 * std::log(nu * std::numbers::pi) -
                          0.5 * std::log(S.determinant()) - (nu + n) / 2 * std::log1p(q / nu);
  REQUIRE(r.out.rfind("log evidence ", 0) == 0);
  CHECK(std::stod(r.out.substr(13)) == Approx(expected).epsilon(1e-9));
}
