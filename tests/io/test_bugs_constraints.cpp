// JAGS's dhyper, dsample, dsum and dround in BUGS text: they load, their log density
// is right, and the sampler keeps an observed sum or rounding satisfied (checked
// against the exact conditional: the sum of two binomials given their total is
// dhyper; a rounded normal is a normal truncated to the rounding interval). Means
// within Monte Carlo error (batch-means MCSE, two-sided, false-alarm rate kFalseAlarm
// per check, fixed seeds).
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/registry.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/sampler.hpp"
#include "bugs_model_util.hpp"
#include "infer/mcmc_test_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::error_of;
using alea::test::load;

namespace {
SamplerOptions options(std::uint64_t seed) {
  SamplerOptions o;
  o.warmup = 500;
  o.draws = 2000;
  o.chains = 4;
  o.seed = seed;
  return o;
}
}  // namespace

TEST_CASE("dhyper and dsample load with JAGS's parameters", "[io][bugs_model][bugs_module]") {
  Model m = load(R"(model {
    psi ~ dgamma(2, 1)
    x ~ dhyper(5, 7, 9, psi)
    y[1:4] ~ dsample(w[], 2)
  })",
                 data({{"w", Value{1, 2, 0.5, 3}}, {"y", Value{0, 1, 0, 1}}}));
  CHECK(m.graph().node(m.variable("x").node).dist == DistKind::Hypergeometric);
  const double psi = 1.7;
  const double lp = log_density(m, {{"psi", Value(psi)}, {"x", Value(3.0)}}).total;
  const std::vector<Value> hp{Value(5.0), Value(7.0), Value(9.0), Value(psi)};
  const double e2 = 1 * 2 + 1 * 0.5 + 1 * 3 + 2 * 0.5 + 2 * 3 + 0.5 * 3;
  const double want = std::log(psi) - psi + dist::logpdf(DistKind::Hypergeometric, hp, Value(3.0)) + std::log(2 * 3 / e2);
  CHECK(lp == Approx(want).epsilon(1e-12));
}

TEST_CASE("dsum of two binomials: the sampler keeps the sum, x1 given it is dhyper",
          "[io][bugs_model][bugs_module][statistical]") {
  Model m = load(R"(model {
    x1 ~ dbin(0.3, 10)
    x2 ~ dbin(0.6, 8)
    m ~ dsum(x1, x2)
  })",
                 data({{"m", Value(9.0)}}));
  CHECK(m.graph().node(m.variable("m").node).dist == DistKind::Sum);
  CHECK(log_density(m, {{"x1", Value(4.0)}, {"x2", Value(6.0)}}).total == -INFINITY);
  CHECK(std::isfinite(log_density(m, {{"x1", Value(3.0)}, {"x2", Value(6.0)}}).total));
  const auto r = sample_chains(m, options(20261207));
  const auto x1 = test::chains_of(r, "x1"), x2 = test::chains_of(r, "x2");
  for (std::size_t c = 0; c < x1.size(); ++c)
    for (std::size_t i = 0; i < x1[c].size(); ++i) REQUIRE(x1[c][i] + x2[c][i] == 9);
  const double psi = 0.3 * 0.4 / (0.7 * 0.6);
  const double exact = dist::mean(DistKind::Hypergeometric, std::vector<Value>{Value(10.0), Value(8.0), Value(9.0), Value(psi)},
                                  Shape{})[0];
  const test::McEstimate e = test::mc_estimate(x1);
  INFO("x1: " << e.mean << " +- " << e.mcse << ", exact " << exact);
  CHECK(test::within_mcse(e, exact));
  // Written back as dsum of the one sum, which reads back the same.
  const std::string text = io::to_bugs(m);
  CHECK(text.find("dsum(") != std::string::npos);
}

TEST_CASE("dround: a rounded normal is the normal truncated to the rounding interval",
          "[io][bugs_model][bugs_module][statistical]") {
  Model m = load(R"(model {
    t ~ dnorm(0, 1)
    y ~ dround(t, 1)
  })",
                 data({{"y", Value(0.3)}}));
  CHECK(log_density(m, {{"t", Value(0.31)}}).total == Approx(test::dnorm_tau(0.31, 0, 1)).epsilon(1e-14));
  CHECK(log_density(m, {{"t", Value(0.36)}}).total == -INFINITY);
  const auto r = sample_chains(m, options(20261208));
  double z = 0, mean = 0;
  for (int i = 0; i <= 2000; ++i) {
    const double t = 0.25 + 0.1 * i / 2000, w = (i == 0 || i == 2000 ? 1 : (i % 2 ? 4 : 2)) * std::exp(-0.5 * t * t);
    z += w, mean += w * t;
  }
  const auto ts = test::chains_of(r, "t");
  for (const auto& chain : ts)
    for (double t : chain) REQUIRE((t >= 0.25 && t <= 0.35));
  const test::McEstimate e = test::mc_estimate(ts);
  INFO("t: " << e.mean << " +- " << e.mcse << ", exact " << mean / z);
  CHECK(test::within_mcse(e, mean / z));
}

TEST_CASE("dsum the sampler cannot keep is refused with a message", "[io][bugs_model][bugs_module][errors]") {
  Model m = load(R"(model {
    a ~ dnorm(0, 1)
    b ~ dnorm(0, 1)
    s ~ dsum(a, b)
  })",
                 data({{"s", Value(1.0)}}));
  CHECK_THROWS_WITH(sample_chains(m, options(1)),
                    Catch::Contains("variable 's'") && Catch::Contains("dsum of continuous random variables cannot be sampled"));
  CHECK(error_of("model { x ~ dnorm(0, 1) \n y ~ dsum(x, z[]) }", data({{"z", Value{1, 2}}})) ==
        "model.bug:2:14: variable 'y': dsum: argument 2 has shape vector[2] but argument 1 has scalar (the sum is "
        "elementwise)");
}
