// Categorical distribution: log mass against the direct formula, draws, checks.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/dist/categorical.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "stat_tests.hpp"

using namespace alea;
using namespace alea::dist;

namespace {

Eigen::VectorXd random_simplex(Eigen::Index k, Rng& rng) {
  Eigen::VectorXd p(k);
  for (double& x : p) x = std::pow(rng.uniform01(), 8);  // skewed, some tiny
  return p / p.sum();
}

void check_draws(const Categorical& d, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> xs(100000);
  for (double& x : xs) x = draw(d, rng);
  const double m = mean(d);
  double mu4 = 0;
  for (Eigen::Index k = 0; k < d.p.size(); ++k) mu4 += std::pow(static_cast<double>(k + 1) - m, 4) * d.p[k];
  CHECK(test::mean_within_clt(xs, m, variance(d)));
  CHECK(test::var_within_clt(xs, variance(d), mu4));
  const double pv = test::chi_square_pvalue(
      xs, [&](double k) { return d.p[static_cast<Eigen::Index>(k) - 1]; }, 1, static_cast<double>(d.p.size()));
  CHECK(pv > test::kFalseAlarm);
}

}  // namespace

TEST_CASE("categorical log pmf is log p[x] at 1000 random points", "[dist][categorical]") {
  Rng rng(81);
  for (int i = 0; i < 1000; ++i) {
    const auto k = static_cast<Eigen::Index>(1 + std::floor(50 * rng.uniform01()));
    const Categorical d{random_simplex(k, rng)};
    const auto x = static_cast<Eigen::Index>(1 + std::floor(static_cast<double>(k) * rng.uniform01()));
    REQUIRE(logpdf(d, static_cast<double>(x)) == Approx(std::log(d.p[x - 1])).epsilon(1e-15));
    REQUIRE(logpdf(d, 0) == -INFINITY);
    REQUIRE(logpdf(d, static_cast<double>(k + 1)) == -INFINITY);
  }
  CHECK(logpdf(Categorical{Eigen::Vector2d(0.5, 0.5)}, 1.5) == -INFINITY);
  CHECK(logpdf(Categorical{Eigen::Vector2d(0.0, 1.0)}, 1) == -INFINITY);
}

TEST_CASE("categorical draws: moments within CLT bounds and chi-square at level 1e-4", "[dist][categorical]") {
  check_draws(Categorical{Eigen::Vector4d(0.1, 0.2, 0.3, 0.4)}, 82);
  Rng rng(83);
  Eigen::VectorXd p = random_simplex(50, rng);
  p[7] = 0;
  p /= p.sum();
  check_draws(Categorical{p}, 84);
  Rng rng2(85);
  for (int i = 0; i < 1000; ++i) REQUIRE(draw(Categorical{p}, rng2) != 8);  // probability 0
}

TEST_CASE("categorical parameter checks and shapes", "[dist][categorical]") {
  CHECK_THROWS_WITH(validated(Categorical{Eigen::Vector3d(0.2, -0.1, 0.9)}),
                    "categorical: probability vector p[2] is -0.1, but must be non-negative and finite");
  CHECK_THROWS_WITH(validated(Categorical{Eigen::Vector3d(0.2, 0.3, 0.4)}),
                    "categorical: probability vector p sums to 0.9, but must sum to 1 (within 1e-8 relative)");
  CHECK_NOTHROW(validated(Categorical{Eigen::Vector3d(0.2, 0.3, 0.5 + 1e-9)}));
  const std::vector<Value> params{Value({0.25, 0.75})};
  CHECK(dist::natural_shape(DistKind::Categorical, std::vector<Shape>{Shape::vector(2)}) == Shape::scalar());
  CHECK(dist::logpdf(DistKind::Categorical, params, Value::integer(2)) == Approx(std::log(0.75)).epsilon(1e-15));
  CHECK(dist::mean(DistKind::Categorical, params, Shape::scalar()) == Value(1.75));
  Rng rng(86);
  const Value v = dist::draw(DistKind::Categorical, params, Shape::scalar(), rng);
  CHECK((v.type() == ScalarType::Integer && (v[0] == 1 || v[0] == 2)));
  CHECK_THROWS_WITH(dist::draw(DistKind::Categorical, params, Shape::vector(2), rng),
                    "categorical: a draw of shape vector[2] was asked for, but the parameters give draws of shape "
                    "scalar (only single draws are supported)");
  const std::vector<Value> scalar_p{Value(1.0)};
  CHECK_THROWS_WITH(dist::check_params(DistKind::Categorical, scalar_p, Shape::scalar()),
                    "categorical: parameter p has shape scalar, but must be a vector with at least one element");
  const std::vector<Value> bad{Value({0.5, 0.6})};
  CHECK(dist::logpdf(DistKind::Categorical, bad, Value::integer(1)) == -INFINITY);
  CHECK(dist::support(DistKind::Categorical, params).hi == 2);
}
