// Dirichlet distribution: log density against Boost's beta (K = 2) and the direct
// gamma-function formula, draws by component moments and KS, checks.
#include <boost/math/distributions/beta.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/check.hpp"
#include "alea/dist/dirichlet.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

// Fourth central moment of beta(a, b) from its raw moments E[X^k] = prod_{j<k} (a + j)/(a + b + j).
double beta_mu4(double a, double b) {
  double m[5] = {1, 0, 0, 0, 0};
  for (int k = 1; k <= 4; ++k) m[k] = m[k - 1] * (a + k - 1) / (a + b + k - 1);
  const double mu = m[1];
  return m[4] - 4 * mu * m[3] + 6 * mu * mu * m[2] - 3 * std::pow(mu, 4);
}

void check_draws(const Dirichlet& d, std::uint64_t seed) {
  Rng rng(seed);
  const auto k = d.alpha.size();
  const double a0 = d.alpha.sum();
  std::vector<std::vector<double>> cols(static_cast<std::size_t>(k), std::vector<double>(100000));
  for (std::size_t j = 0; j < 100000; ++j) {
    const Eigen::VectorXd x = draw(d, rng);
    REQUIRE(std::abs(x.sum() - 1) <= 1e-14);
    for (Eigen::Index i = 0; i < k; ++i) cols[static_cast<std::size_t>(i)][j] = x[i];
  }
  const Eigen::VectorXd m = mean(d), v = variance(d);
  for (Eigen::Index i = 0; i < k; ++i) {
    const auto& xs = cols[static_cast<std::size_t>(i)];
    CHECK(test::mean_within_clt(xs, m[i], v[i]));
    CHECK(test::var_within_clt(xs, v[i], beta_mu4(d.alpha[i], a0 - d.alpha[i])));
  }
  // Component 1 is beta(alpha_1, a0 - alpha_1).
  const boost::math::beta_distribution<> marginal(d.alpha[0], a0 - d.alpha[0]);
  CHECK(test::ks_pvalue(cols[0], [&](double x) { return boost::math::cdf(marginal, x); }) > test::kFalseAlarm);
}

}  // namespace

TEST_CASE("dirichlet log density matches Boost's beta for K = 2 and the direct formula for K = 4", "[dist][dirichlet]") {
  Rng rng(101);
  for (int t = 0; t < 1000; ++t) {
    const double a = std::pow(10.0, -2 + 4 * rng.uniform01()), b = std::pow(10.0, -2 + 4 * rng.uniform01());
    const double x = 0.001 + 0.998 * rng.uniform01();
    const double f = boost::math::pdf(boost::math::beta_distribution<>(a, b), x);
    if (!(f >= 1e-300 && std::isfinite(f))) continue;
    // The value (x, 1 - x) rounds 1 - x, whose log then carries up to eps / (1 - x) relative
    // error times (b - 1); the margin allows it.
    REQUIRE(logpdf(Dirichlet{Eigen::Vector2d(a, b)}, Eigen::Vector2d(x, 1 - x)) ==
            Approx(std::log(f)).epsilon(1e-12).margin(1e-12 + 2.3e-16 * std::abs(b - 1) / (1 - x)));
  }
  for (int t = 0; t < 1000; ++t) {
    Eigen::Vector4d alpha, x;
    for (double& v : alpha) v = 0.2 + 10 * rng.uniform01();
    for (double& v : x) v = 0.05 + rng.uniform01();
    x /= x.sum();
    double dens = std::tgamma(alpha.sum());
    for (int i = 0; i < 4; ++i) dens *= std::pow(x[i], alpha[i] - 1) / std::tgamma(alpha[i]);
    REQUIRE(logpdf(Dirichlet{alpha}, x) == Approx(std::log(dens)).epsilon(1e-12).margin(1e-12));
  }
  CHECK(logpdf(Dirichlet{Eigen::Vector3d(1, 1, 1)}, Eigen::Vector3d(0, 0.5, 0.5)) == Approx(std::log(2.0)));
  CHECK(logpdf(Dirichlet{Eigen::Vector3d(2, 1, 1)}, Eigen::Vector3d(0, 0.5, 0.5)) == -INFINITY);
  CHECK(logpdf(Dirichlet{Eigen::Vector3d(1, 1, 1)}, Eigen::Vector3d(0.2, 0.5, 0.5)) == -INFINITY);
  CHECK(logpdf(Dirichlet{Eigen::Vector3d(1, 1, 1)}, Eigen::Vector3d(-0.2, 0.7, 0.5)) == -INFINITY);
}

TEST_CASE("dirichlet draws: on the simplex, component moments by CLT and KS at level 1e-4", "[dist][dirichlet]") {
  check_draws(Dirichlet{Eigen::Vector3d(2, 3, 5)}, 102);
  check_draws(Dirichlet{Eigen::Vector4d(0.1, 0.5, 1, 4)}, 103);
  // Tiny concentrations: the gammas underflow in linear scale, the log-space draw does not.
  Rng rng(104);
  const Dirichlet tiny{Eigen::Vector3d(1e-3, 1e-3, 1e-3)};
  for (int i = 0; i < 10000; ++i) {
    const Eigen::VectorXd x = draw(tiny, rng);
    REQUIRE(x.allFinite());
    REQUIRE(std::abs(x.sum() - 1) <= 1e-15);
  }
}

TEST_CASE("dirichlet parameter checks and shapes", "[dist][dirichlet]") {
  CHECK_THROWS_WITH(validated(Dirichlet{Eigen::Vector3d(1, 0, 2)}),
                    "dirichlet: concentration alpha[2] is 0, but must be positive and finite");
  const std::vector<Value> params{Value({1.0, 2.0})};
  CHECK(dist::natural_shape(DistKind::Dirichlet, std::vector<Shape>{Shape::vector(2)}) == Shape::vector(2));
  CHECK(dist::logpdf(DistKind::Dirichlet, params, Value({0.5, 0.5})) == Approx(std::log(2 * 0.5)).epsilon(1e-14));
  Rng rng(105);
  const Value v = dist::draw(DistKind::Dirichlet, params, Shape::vector(2), rng);
  CHECK(v[0] + v[1] == Approx(1.0).epsilon(1e-15));
  CHECK_THROWS_AS(dist::draw(DistKind::Dirichlet, params, Shape::vector(3), rng), std::invalid_argument);
  const std::vector<Value> matrix{Value(Shape::matrix(1, 2), {1.0, 1.0}, ScalarType::Real)};
  CHECK_THROWS_WITH(dist::check_params(DistKind::Dirichlet, matrix, Shape::vector(2)),
                    "dirichlet: parameter alpha has shape matrix[1,2], but must be a vector with at least one element");
}
