// The deviance monitor: minus twice the log density of the observed draws of the
// model as written at each row, checked against the log likelihood written out by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/infer/deviance.hpp"

using namespace alea;

namespace {

double normal_lpdf(double x, double mu, double sigma) {
  const double z = (x - mu) / sigma;
  return -0.5 * z * z - std::log(sigma) - 0.5 * std::log(2 * std::numbers::pi);
}

}  // namespace

TEST_CASE("deviance is -2 log p(data | parameters) of the model as written", "[infer][deviance]") {
  // a ~ normal(0, 10); tau ~ gamma(1, 1); y[i] ~ normal(a + b x[i], 1 / sqrt(tau)) with
  // b ~ normal(0, 10) element by element; k ~ poisson(exp(a)); an unobserved w ~ normal(a, 1).
  const std::vector<double> x = {0.5, -1.0, 2.0}, y = {1.1, -0.4, 3.3};
  Model m;
  Expr a = m.random("a", normal(0.0, 10.0));
  Expr b = m.random("b", normal(0.0, 10.0));
  Expr tau = m.random("tau", gamma(1.0, 1.0));
  std::vector<Expr> ys;
  for (std::size_t i = 0; i < 3; ++i) ys.push_back(m.draw(normal(a + b * x[i], pow(tau, -0.5))));
  m.define("y", stack(ys));
  m.observe("y", Value(y));
  m.random("k", poisson(exp(a)));
  m.observe("k", Value::integer(4));
  m.random("w", normal(a, 1.0));
  const Deviance deviance(m);
  CHECK(deviance.inputs() == std::vector<std::string>{"a", "b", "tau"});
  DrawTable t({"w", "tau", "b", "a"});
  t.add_row({9.0, 2.0, 0.7, 0.3}, 0.0);
  t.add_row({9.0, 0.5, -0.2, 1.4}, 0.0);
  const std::vector<double> d = deviance(t);
  REQUIRE(d.size() == 2);
  for (std::size_t r = 0; r < 2; ++r) {
    const double tv = t.at(r, 1), bv = t.at(r, 2), av = t.at(r, 3);
    double ll = 4 * av - std::exp(av) - std::lgamma(5.0);
    for (std::size_t i = 0; i < 3; ++i) ll += normal_lpdf(y[i], av + bv * x[i], 1 / std::sqrt(tv));
    CHECK(d[r] == Approx(-2 * ll).epsilon(1e-12));
  }
}

TEST_CASE("deviance needs something observed", "[infer][deviance]") {
  Model m;
  m.random("a", normal(0.0, 1.0));
  CHECK_THROWS_WITH(Deviance(m), "deviance: the model has no observed variable");
}
