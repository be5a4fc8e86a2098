// Negative tests: the closure rules' guards keep them from firing where the maths
// does not hold (dependent operands, a variable used twice, visible operands,
// broadcast scalars, different rates or probabilities, wrong signs, non-centred
// normals), and whatever the simplifier does instead keeps the naive law.
#include <cmath>

#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

TEST_CASE("dependent gammas are not summed", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.0));
  Expr y = m.random("y", gamma(x, 1.0));  // y's shape is x
  m.let("z", x + y);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "gamma-sum"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
}

TEST_CASE("a poisson used twice is 2x, not a poisson", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", poisson(1.5));
  m.let("z", x + x);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "poisson-sum"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Poisson));
  CHECK(chi_square_two_sample(draws(m, 20'000, 5), draws(r.model, 20'000, 6)) > test::kFalseAlarm);
}

TEST_CASE("a gamma used twice in X / (X + X) is not beta", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.5));
  m.let("z", x / (x + x));
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Beta));
}

TEST_CASE("X / (W + Y) with W another draw equal in law to X is not beta", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.5));
  Expr w = m.random("w", gamma(2.0, 1.5));
  Expr y = m.random("y", gamma(3.0, 1.5));
  m.let("z", x / (w + y));
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "gamma-ratio-beta"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Beta));
}

TEST_CASE("a visible poisson operand stays a draw of its own", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", poisson(1.5));
  Expr y = m.random("y", poisson(2.5));
  m.let("z", x + y);
  m.monitor({"x", "z"});
  const auto r = run(m);
  REQUIRE(is_draw(r.model, "x", DistKind::Poisson));
  CHECK(constant_params(r.model, "x") == std::vector<double>{1.5});
  CHECK(count_draws(r.model) == 2);
  // z may only be conditioned on x, never poisson(4) independent of it.
  CHECK(constant_params(r.model, "z").empty());
}

TEST_CASE("a visible vector draw is not summed away", "[rewrite][closure][negative]") {
  Model m;
  Expr v = m.random("v", normal(0.0, 1.0), Shape{4});
  m.let("z", sum(v));
  m.monitor({"v", "z"});
  const auto r = run(m);
  REQUIRE(is_draw(r.model, "v", DistKind::Normal));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Normal));
}

TEST_CASE("a scalar broadcast over a vector is one draw, not an iid sum", "[rewrite][closure][negative][iid]") {
  SECTION("normal: sum(x + zeros(5)) is 5x ~ normal(0, 5), not normal(0, sqrt 5)") {
    Model m;
    Expr x = m.random("x", normal(0.0, 1.0));
    m.let("z", sum(x + Value::filled(Shape{5}, 0.0)));
    m.monitor({"z"});
    const auto r = run(m);
    CHECK_FALSE(fired(r, "normal-iid-sum"));
    if (is_draw(r.model, "z", DistKind::Normal) && constant_params(r.model, "z").size() == 2)
      CHECK(constant_params(r.model, "z")[1] == Approx(5.0));
    same_law(m, r.model);
  }
  SECTION("poisson: sum(x + zeros(4)) is 4x, not poisson(4 lambda)") {
    Model m;
    Expr x = m.random("x", poisson(1.0));
    m.let("z", sum(x + Value::filled(Shape{4}, 0.0)));
    m.monitor({"z"});
    const auto r = run(m);
    CHECK_FALSE(fired(r, "poisson-iid-sum"));
    CHECK_FALSE(is_draw(r.model, "z", DistKind::Poisson));
  }
}

TEST_CASE("independent but not identically distributed elements are not an iid sum", "[rewrite][closure][negative][iid]") {
  SECTION("gamma with a rate vector") {
    Model m;
    Expr v = m.random("v", gamma(2.0, {1.0, 2.0, 3.0}));
    m.let("z", sum(v));
    m.monitor({"z"});
    const auto r = run(m);
    CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
  }
  SECTION("bernoulli with a probability vector") {
    Model m;
    Expr v = m.random("v", bernoulli({0.2, 0.5, 0.7}));
    m.let("z", sum(v));
    m.monitor({"z"});
    const auto r = run(m);
    CHECK_FALSE(is_draw(r.model, "z", DistKind::Binomial));
  }
}

TEST_CASE("gammas with different rates are not summed", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.0));
  Expr y = m.random("y", gamma(3.0, 2.0));
  m.let("z", x + y);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "gamma-sum"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
}

TEST_CASE("binomials with different p are not summed", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", binomial(3, 0.3));
  Expr y = m.random("y", binomial(3, 0.4));
  m.let("z", x + y);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Binomial));
}

TEST_CASE("a gamma scaled by c <= 0 is not a gamma", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.0));
  m.let("z", -2.0 * x);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "gamma-scale"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
  same_law(m, r.model);
}

TEST_CASE("a gamma scaled by a draw of unknown sign is not a gamma", "[rewrite][closure][negative]") {
  Model m;
  Expr c = m.random("c", normal(0.0, 1.0));
  Expr x = m.random("x", gamma(2.0, 1.0));
  m.let("z", c * x);
  m.monitor({"c", "z"});
  const auto r = run(m);
  // (gamma-scale does fire, harmlessly, on x = 1 * x.) z is not gamma(2, 1 / c).
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
  REQUIRE(is_draw(r.model, "c", DistKind::Normal));
  CHECK(count_draws(r.model) == 2);
}

TEST_CASE("a ratio of non-centred normals is not cauchy", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", normal(1.0, 1.0));
  Expr y = m.random("y", normal(0.0, 1.0));
  m.let("z", x / y);
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "normal-ratio-cauchy"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Cauchy));
}

TEST_CASE("a ratio of dependent normals is not cauchy", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  Expr y = m.random("y", normal(0.0, 1.0));
  m.let("w", x + y);
  m.let("z", x / (x + y));  // numerator and denominator share x
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Cauchy));
}

TEST_CASE("the min of an exponential with itself is itself", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", exponential(2.0));
  m.let("z", min(x, x));
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "exponential-min"));
  if (is_draw(r.model, "z", DistKind::Exponential)) CHECK(constant_params(r.model, "z") == std::vector<double>{2.0});
}

TEST_CASE("a non-standard uniform is not turned into an exponential", "[rewrite][closure][negative]") {
  Model m;
  Expr u = m.random("u", uniform(0.0, 2.0));
  m.let("z", -log(u));
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(fired(r, "neg-log-uniform"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Exponential));
}

TEST_CASE("the square of a non-centred normal is not chi-squared", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", normal(1.0, 1.0));
  m.let("z", square(x));
  m.monitor({"z"});
  const auto r = run(m);
  CHECK_FALSE(is_draw(r.model, "z", DistKind::ChiSquared));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::Gamma));
}

TEST_CASE("a lognormal to a random power of either sign keeps the power", "[rewrite][closure][negative]") {
  Model m;
  Expr x = m.random("x", lognormal(0.0, 1.0));
  m.let("z", pow(x, 0.0));
  m.monitor({"z"});
  const auto r = run(m);
  // x^0 = 1: no lognormal(0, 0).
  CHECK_FALSE(fired(r, "lognormal-pow"));
  CHECK_FALSE(is_draw(r.model, "z", DistKind::LogNormal));
}

TEST_CASE("a normal scaled by a constant is normal, by a random scale it stays non-centred",
          "[rewrite][closure][normal]") {
  SECTION("constant factor: normal-scale fires") {
    Model m;
    Expr x = m.random("x", normal(0.5, 0.8));
    m.let("z", -3.0 * x);
    m.monitor({"z"});
    check_continuous(m, "normal-scale", DistKind::Normal, {-1.5, 2.4});
  }
  SECTION("random factor: the non-centred form s * b is kept (and its law)") {
    Model m;
    Expr s = m.random("s", gamma(3.0, 2.0));
    Expr b = m.random("b", normal(0.0, 1.0));
    m.let("z", 1.0 + s * b);
    m.monitor({"s", "z"});
    const auto r = run(m);
    CHECK_FALSE(fired(r, "normal-scale"));
    CHECK_FALSE(is_draw(r.model, "z", DistKind::Normal));
    same_law(m, r.model);
  }
}
