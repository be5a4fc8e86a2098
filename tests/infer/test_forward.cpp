// Forward sampling and the naive joint log density.
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/normal.hpp"
#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "stat_tests.hpp"

using namespace alea;

namespace {

// mu ~ normal(1, 1); theta[1:4] ~ normal(mu, 2); y[j] ~ normal(theta[j], 0.5); s = sum(theta)
Model hierarchical() {
  Model m;
  Expr mu = m.random("mu", normal(1.0, 1.0));
  Expr theta = m.random("theta", normal(mu, 2.0), Shape::vector(4));
  m.random("y", normal(theta, 0.5));
  m.let("s", sum(theta));
  return m;
}

double cov(const std::vector<double>& a, const std::vector<double>& b) {
  double ma = 0, mb = 0, c = 0;
  for (std::size_t i = 0; i < a.size(); ++i) ma += a[i], mb += b[i];
  ma /= static_cast<double>(a.size());
  mb /= static_cast<double>(b.size());
  for (std::size_t i = 0; i < a.size(); ++i) c += (a[i] - ma) * (b[i] - mb);
  return c / static_cast<double>(a.size() - 1);
}

}  // namespace

TEST_CASE("forward sampling of a hierarchical model matches the analytic moments", "[infer][forward]") {
  Model m = hierarchical();
  Rng rng(2024);
  const std::size_t n = 200000;
  DrawTable t = sample_prior(m, n, rng);
  REQUIRE(t.rows() == n);
  REQUIRE(t.columns() == std::vector<std::string>{"mu", "theta.1", "theta.2", "theta.3", "theta.4", "y.1", "y.2",
                                                  "y.3", "y.4", "s"});
  // Gaussian throughout: fourth central moment 3 var^2.
  auto check = [&](const std::string& col, double mean, double var) {
    INFO(col);
    const auto xs = t.column(col);
    CHECK(test::mean_within_clt(xs, mean, var));
    CHECK(test::var_within_clt(xs, var, 3 * var * var));
  };
  check("mu", 1.0, 1.0);
  check("theta.3", 1.0, 1.0 + 4.0);
  check("y.2", 1.0, 1.0 + 4.0 + 0.25);
  check("s", 4.0, 16.0 * 1.0 + 4.0 * 4.0);
  // cov(theta.1, theta.2) = var(mu) = 1; its estimator's sd is sqrt((var1 var2 + cov^2) / n) for Gaussians.
  const double c = cov(t.column("theta.1"), t.column("theta.2"));
  CHECK(std::abs(c - 1.0) <= test::z_crit() * std::sqrt((25.0 + 1.0) / static_cast<double>(n)));
}

TEST_CASE("forward sampling is reproducible for a seed and differs across streams", "[infer][forward]") {
  Model m = hierarchical();
  Rng a(7, 0), b(7, 0), c(7, 1);
  DrawTable ta = sample_prior(m, 10, a), tb = sample_prior(m, 10, b), tc = sample_prior(m, 10, c);
  CHECK(ta.column("y.4") == tb.column("y.4"));
  CHECK(ta.column("y.4") != tc.column("y.4"));
}

TEST_CASE("lp__ of each forward draw is the joint log density at that draw", "[infer][forward][logp]") {
  Model m = hierarchical();
  Rng rng(5);
  DrawTable t = sample_prior(m, 20, rng);
  for (std::size_t r = 0; r < t.rows(); ++r) {
    std::vector<double> theta, y;
    for (int j = 1; j <= 4; ++j) {
      theta.push_back(t.at(r, t.column_index("theta." + std::to_string(j))));
      y.push_back(t.at(r, t.column_index("y." + std::to_string(j))));
    }
    const double mu = t.at(r, 0);
    double expected = dist::logpdf(dist::Normal{1, 1}, mu);
    for (int j = 0; j < 4; ++j)
      expected += dist::logpdf(dist::Normal{mu, 2}, theta[j]) + dist::logpdf(dist::Normal{theta[j], 0.5}, y[j]);
    const LogDensity ld = log_density(m, {{"mu", Value(mu)}, {"theta", Value(theta)}, {"y", Value(y)}});
    CHECK(ld.total == Approx(expected).epsilon(1e-12));
    CHECK(t.lp(r) == Approx(expected).epsilon(1e-12));
    REQUIRE(ld.terms.size() == 3);
    CHECK(ld.terms[0].first == "mu");
    CHECK(ld.terms[0].second == Approx(dist::logpdf(dist::Normal{1, 1}, mu)).epsilon(1e-14));
  }
}

TEST_CASE("log density: observed data, missing values, wrong shapes, anonymous draws", "[infer][logp][errors]") {
  Model m = hierarchical();
  m.observe("y", Value({0.0, 1.0, 2.0, 3.0}));
  const Value theta({0.5, 0.5, 0.5, 0.5});
  const LogDensity ld = log_density(m, {{"mu", Value(0.2)}, {"theta", theta}});
  double y_term = 0;
  for (int j = 0; j < 4; ++j) y_term += dist::logpdf(dist::Normal{0.5, 0.5}, j);
  CHECK(ld.terms[2].second == Approx(y_term).epsilon(1e-14));
  CHECK_THROWS_WITH(log_density(m, {{"mu", Value(0.2)}}), "log density: no value for variable 'theta' (vector[4])");
  CHECK_THROWS_WITH(log_density(m, {{"mu", Value(0.2)}, {"theta", Value({1.0, 2.0})}}),
                    "log density: variable 'theta' has shape vector[4] but the value has shape vector[2]");
  CHECK_THROWS_WITH(log_density(m, {{"nu", Value(0.2)}}), "unknown variable 'nu'");

  Model sum_model;
  Expr x = sum_model.draw(normal(0.0, 1.0));
  sum_model.let("z", x + 1.0);
  sum_model.observe("z", Value(0.3));
  CHECK_THROWS_WITH(log_density(sum_model, {}),
                    "log density: variable 'z' is observed but is a deterministic function of random variables; "
                    "the naive model has no density for it: simplify the model first");
}

TEST_CASE("a value outside the support has log density -inf", "[infer][logp]") {
  Model m;
  Expr s = m.random("s", half_normal(1.0));
  (void)s;
  CHECK(log_density(m, {{"s", Value(-1.0)}}).total == -INFINITY);
}

TEST_CASE("an invalid parameter computed from a draw is an error naming the variable", "[infer][forward][errors]") {
  Model m;
  Expr a = m.random("a", normal(0.0, 1.0));
  m.random("b", normal(0.0, a - 100.0));  // the scale is negative for any plausible a
  Rng rng(1);
  CHECK_THROWS_WITH(sample_prior(m, 1, rng), Catch::Matchers::StartsWith("variable 'b': normal: scale parameter sigma is"));
}
