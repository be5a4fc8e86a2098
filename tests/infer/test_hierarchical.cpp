// Hierarchical groups (src/infer/hierarchical_gibbs.hpp): the sampler's plan per
// group (Gibbs with a Gaussian conditional, or NUTS non-centred), the non-centred
// density against the centred one (the change of variables and its gradient). The
// posterior of a Gibbs-sampled normal hierarchy against its exact marginal is
// test_eight_schools.cpp.
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/infer/gradient.hpp"
#include "alea/infer/sampler.hpp"
#include "eight_schools.hpp"

using namespace alea;
using namespace alea::test;

namespace {

SamplerOptions short_run() {
  SamplerOptions o;
  o.warmup = 200;
  o.draws = 200;
  o.chains = 1;
  o.seed = 3;
  return o;
}

using Names = std::vector<std::string>;

// b ~ normal(0, sigma) in ten groups, y ~ poisson(exp(1 + b)): a GLM's random effects.
Model poisson_effects() {
  Model m;
  Expr sigma = m.random("sigma", half_normal(1.0));
  Expr b = m.random("b", normal(0.0, sigma), Shape::vector(10));
  m.random("y", poisson(exp(1.0 + b)));
  m.observe("y", Value({2.0, 5, 1, 0, 3, 7, 2, 4, 1, 3}));
  return m;
}

}  // namespace

TEST_CASE("a normal group with a random scale and Gaussian children is sampled by Gibbs", "[infer][hierarchical]") {
  const auto r = sample_chains(eight_schools_naive(), short_run());
  CHECK(r[0].slice_sampled == Names{"tau"});
  CHECK(r[0].gaussian_gibbs == Names{"theta", "mu"});
  CHECK(r[0].noncentred.empty());
  CHECK(r[0].divergences == 0);
}

TEST_CASE("a normal group with non-Gaussian children is non-centred for NUTS", "[infer][hierarchical]") {
  const auto r = sample_chains(poisson_effects(), short_run());
  CHECK(r[0].noncentred == Names{"b"});
  CHECK(r[0].slice_sampled.empty());
  CHECK(r[0].gaussian_gibbs.empty());
}

TEST_CASE("hierarchical plans: the negative cases", "[infer][hierarchical]") {
  SECTION("a child that reads two elements of the group: not independent, non-centred") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(0.0, tau), Shape::vector(3));
    m.random("y", normal(sum(theta), 1.0));
    m.observe("y", Value(0.5));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred == Names{"theta"});
  }
  SECTION("a child whose scale is the group: no Gaussian conditional, non-centred") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(3.0, tau), Shape::vector(3));
    m.random("y", normal(0.0, exp(theta)));
    m.observe("y", Value({0.5, -1.0, 2.0}));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred == Names{"theta"});
  }
  SECTION("a scale of one element is no group") {
    Model m;
    Expr tau = m.random("tau", half_cauchy(1.0));
    Expr theta = m.random("theta", normal(0.0, tau));
    m.random("y", normal(theta, 1.0));
    m.observe("y", Value(0.5));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].slice_sampled.empty());
    CHECK(r[0].gaussian_gibbs.empty());
    CHECK(r[0].noncentred.empty());
  }
  SECTION("a group with a constant scale is no hierarchy") {
    Model m;
    Expr theta = m.random("theta", normal(0.0, 2.0), Shape::vector(3));
    m.random("y", poisson(exp(theta)));
    m.observe("y", Value({1.0, 2.0, 0.0}));
    const auto r = sample_chains(m, short_run());
    CHECK(r[0].noncentred.empty());
  }
}

TEST_CASE("the non-centred density is the centred one times the Jacobian, with its gradient",
          "[infer][hierarchical][gradient]") {
  const Model m = poisson_effects();
  NodeId b = m.variable("b").node;
  infer::LogDensityFunction centred(m), noncentred(m, {b});
  REQUIRE(centred.dimension() == 11);
  REQUIRE(noncentred.dimension() == 11);
  const std::size_t sb = centred.free_variables()[0].node == b ? 0 : 1;  // index of b among the free variables
  const infer::FreeVariable& fb = noncentred.free_variables()[sb];
  const infer::FreeVariable& fs = noncentred.free_variables()[1 - sb];
  std::vector<double> u(11);
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.6 * std::sin(1.3 * static_cast<double>(i) + 0.2);
  // sigma = exp(u_sigma) (half_normal: lower bound 0); b = 0 + sigma * u_b.
  const double sigma = std::exp(u[fs.offset]);
  std::vector<double> v = u;
  for (std::size_t i = 0; i < fb.size; ++i) v[fb.offset + i] = sigma * u[fb.offset + i];
  const double expect = centred.value(v) + 10 * std::log(sigma);
  CHECK(noncentred.value(u) == Approx(expect).epsilon(1e-12));
  std::vector<double> grad(11);
  noncentred.value_and_gradient(u, grad);
  const double h = 1e-6;
  for (std::size_t i = 0; i < u.size(); ++i) {
    auto up = u, down = u;
    up[i] += h, down[i] -= h;
    CHECK(grad[i] == Approx((noncentred.value(up) - noncentred.value(down)) / (2 * h)).epsilon(1e-6).margin(1e-7));
  }
  SECTION("only a normal draw can be non-centred") {
    CHECK_THROWS_AS(infer::LogDensityFunction(m, {m.variable("sigma").node}), std::invalid_argument);
  }
}
