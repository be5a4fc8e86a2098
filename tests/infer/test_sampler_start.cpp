// Where chains start and what they survive: Stan's start (uniform(-2, 2) on the
// unconstrained scale, never a draw of a vague prior), initial values given by name
// (transformed, partial, checked), domain errors met while sampling (rejected and
// counted, never an abort), and thinning. Statistical checks: posterior moments
// within Monte Carlo error at the suite's false-alarm rate kFalseAlarm per check.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <string>

#include "alea/infer/inits.hpp"
#include "alea/infer/sampler.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

const std::vector<double> kY = {9.8, 10.4, 11.2, 8.9,  10.1, 9.5,  10.8, 12.0,
                                9.2, 10.6, 10.0, 11.5, 8.7,  10.3, 9.9};

// mu ~ normal(0, 1000); tau ~ gamma(0.001, rate 0.001); y ~ normal(mu, 1 / sqrt(tau)):
// JAGS's vague normal model. A draw of this tau prior is 0 to double precision about
// half the time.
Model vague_normal() {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1000.0));
  Expr tau = m.random("tau", gamma(0.001, 0.001));
  m.random("y", normal(mu, pow(tau, -0.5)), Shape::vector(static_cast<std::int64_t>(kY.size())));
  m.observe("y", Value(kY));
  return m;
}

// The exact posterior moments of the vague model, by quadrature over log tau of
// p(tau | y) ∝ p(tau) tau^((n-1)/2) exp(-tau S / 2) N(ybar | 0, v0 + 1 / (n tau))
// (mu integrated out in closed form) with E[mu | tau, y] = ybar v0 / (v0 + 1 / (n tau)).
struct Exact {
  double mu, tau, tau_var;
};
Exact vague_exact() {
  const double n = static_cast<double>(kY.size()), v0 = 1e6, a = 0.001, b = 0.001;
  const double ybar = std::accumulate(kY.begin(), kY.end(), 0.0) / n;
  double S = 0;
  for (double y : kY) S += (y - ybar) * (y - ybar);
  const auto log_post = [&](double t) {  // in t = log tau, with the Jacobian tau
    const double tau = std::exp(t), v = v0 + 1 / (n * tau);
    return a * t - b * tau + (n - 1) / 2 * t - tau * S / 2 - 0.5 * std::log(v) - ybar * ybar / (2 * v);
  };
  double top = -INFINITY;
  for (double t = -20; t <= 5; t += 1e-3) top = std::max(top, log_post(t));
  double w = 0, m_mu = 0, m_tau = 0, m_tau2 = 0;
  for (double t = -20; t <= 5; t += 1e-3) {
    const double p = std::exp(log_post(t) - top), tau = std::exp(t);
    w += p, m_tau += p * tau, m_tau2 += p * tau * tau;
    m_mu += p * ybar * v0 / (v0 + 1 / (n * tau));
  }
  return {m_mu / w, m_tau / w, m_tau2 / w - (m_tau / w) * (m_tau / w)};
}

SamplerOptions options(std::uint64_t seed) {
  SamplerOptions o;
  o.warmup = 1000, o.draws = 2000, o.chains = 4, o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("a vague gamma prior on a precision starts, never aborts, and recovers the posterior",
          "[infer][start]") {
  // Once the start was a draw of the prior: 8 chains would all have started with
  // probability 1/256. Now every chain starts on (-2, 2) unconstrained.
  const Exact exact = vague_exact();
  for (std::uint64_t seed : {1u, 2u}) {
    const auto r = sample_chains(vague_normal(), options(seed));
    const McEstimate mu = mc_estimate(chains_of(r, "mu")), tau = mc_estimate(chains_of(r, "tau"));
    INFO("seed " << seed << ": mu " << mu.mean << " +- " << mu.mcse << " (exact " << exact.mu << "), tau "
                 << tau.mean << " +- " << tau.mcse << " (exact " << exact.tau << ")");
    CHECK(within_mcse(mu, exact.mu));
    CHECK(within_mcse(tau, exact.tau));
    const McEstimate var = mc_estimate(map_draws(
        chains_of(r, "tau"), [](double x, double m) { return (x - m) * (x - m); }, exact.tau));
    CHECK(within_mcse(var, exact.tau_var));
  }
}

TEST_CASE("initial values start the chain where they say, on the constrained scale", "[infer][start]") {
  // One transition of depth 1 from mu = 500 cannot reach the posterior near 10: the
  // first draw stays near 500 (step size about 1 before adaptation).
  SamplerOptions o;
  o.warmup = 0, o.draws = 1, o.chains = 2, o.max_depth = 1;
  InitialValues iv;
  iv.values["mu"] = Value(500.0);
  iv.values["tau"] = Value(0.25);  // positive: transformed to log(0.25)
  o.inits = {iv};
  const auto r = sample_chains(vague_normal(), o);
  for (const ChainResult& c : r) {
    CHECK(std::abs(c.draws.column("mu")[0] - 500) < 50);
    CHECK(c.inits_ignored.empty());
  }
  // Without initial values the chain starts within exp(+-2) of tau = 1 and mu in (-2, 2).
  o.inits.clear();
  for (const ChainResult& c : sample_chains(vague_normal(), o)) CHECK(std::abs(c.draws.column("mu")[0]) < 60);
}

TEST_CASE("NA elements of initial values start at random; a partial array is used element by element",
          "[infer][start]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0), Shape::vector(3));
  m.random("y", normal(mu, 1.0));
  m.observe("y", Value({1.0, 2.0, 3.0}));
  SamplerOptions o;
  o.warmup = 0, o.draws = 1, o.chains = 1, o.max_depth = 1;
  InitialValues iv;
  iv.values["mu"] = Value({300.0, NAN, -300.0});
  o.inits = {iv};
  const std::vector<double> row = {sample_chains(m, o)[0].draws.column("mu.1")[0],
                                   sample_chains(m, o)[0].draws.column("mu.3")[0]};
  CHECK(row[0] > 200);
  CHECK(row[1] < -200);
}

TEST_CASE("initial values are checked against the model as written", "[infer][start]") {
  const Model m = vague_normal();
  const auto message = [&](const std::string& name, Value v) {
    InitialValues iv;
    iv.values[name] = std::move(v);
    iv.where[name] = SourceLoc{"inits.R", 2, 5};
    try {
      const std::vector<std::string> unused = check_initial_values(m, iv);
      if (!unused.empty()) return "unused: " + unused[0];
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // As JAGS: a name the model does not have is unused, not an error.
  CHECK(message("nu", Value(1.0)) ==
        "unused: inits.R:2:5: the model has no variable 'nu'; its initial value is unused");
  CHECK(message("y", Value(std::vector<double>(15, 1.0))) ==
        "inits.R:2:5: variable 'y' is observed (element 1 has data): its initial values must be NA where it "
        "has data");
  CHECK(message("tau", Value({1.0, 2.0})) ==
        "inits.R:2:5: variable 'tau' has shape scalar in the model but vector[2] in the initial values");
  CHECK(
      message("tau", Value(-1.0)) ==
      "inits.R:2:5: variable 'tau': initial value is -1, outside the support of gamma (non-negative reals)");
  CHECK(message("tau", Value({2.0})) == "no error");  // a vector of length 1 for a scalar
  CHECK(message("y", Value(std::vector<double>(15, NAN))) == "no error");
}

TEST_CASE("an initial value outside a support that depends on parameters is caught at the start",
          "[infer][start]") {
  Model m;
  Expr hi = m.random("hi", uniform(1.0, 2.0));
  Expr x = m.random("x", uniform(0.0, hi));
  m.random("y", normal(x, 1.0));
  m.observe("y", Value(0.5));
  SamplerOptions o;
  o.warmup = 10, o.draws = 10, o.chains = 1;
  InitialValues iv;
  iv.values["x"] = Value(3.0);
  iv.where["x"] = SourceLoc{"inits.R", 1, 8};
  o.inits = {iv};
  CHECK_THROWS_WITH(sample_chains(m, o),
                    "inits.R:1:8: variable 'x': initial value is 3, outside the support of uniform given its "
                    "parameters at the start");
}

TEST_CASE("no start with a finite density names the variable whose density is not finite", "[infer][start]") {
  // y = 5 is outside (0, x) for every x in (0, 1).
  Model m;
  Expr x = m.random("x", uniform(0.0, 1.0));
  m.random("y", uniform(0.0, x));
  m.observe("y", Value(5.0));
  SamplerOptions o;
  o.chains = 1;
  CHECK_THROWS_WITH(sample_chains(m, o),
                    Catch::Contains("in 100 attempts") && Catch::Contains("variable 'y'"));
}

TEST_CASE("a domain error met while sampling is a rejected point, counted, never an abort",
          "[infer][start]") {
  // z indexes a vector of 3 (0-based) but ranges over 0..4: Gibbs meets indices out
  // of range, whose density evaluation throws. They get probability 0; z | y is then
  // proportional to N(y | v[z], 1) on 0..2.
  Model m;
  Expr z = m.random("z", discrete_uniform(0, 4));
  Expr mu = apply(Op::Index, {Arg(Value({0.0, 1.0, 2.0})), z});
  m.random("y", normal(mu, 1.0));
  m.observe("y", Value(1.2));
  SamplerOptions o = options(5);
  o.draws = 1000;
  const auto r = sample_chains(m, o);
  long rejected = 0;
  double ones = 0, n = 0;
  for (const ChainResult& c : r) {
    rejected += c.rejections;
    CHECK((c.rejections == 0 || c.first_rejection.find("out of range") != std::string::npos));
    for (double v : c.draws.column("z")) {
      CHECK(v <= 2);
      ones += v == 1, n += 1;
    }
  }
  CHECK(rejected > 0);
  const double w0 = std::exp(-0.5 * 1.2 * 1.2), w1 = std::exp(-0.5 * 0.2 * 0.2),
               w2 = std::exp(-0.5 * 0.8 * 0.8);
  const double p1 = w1 / (w0 + w1 + w2);
  // Gibbs draws z exactly from its conditional each sweep: iid, binomial error.
  CHECK(std::abs(ones / n - p1) <= z_crit(kFalseAlarm) * std::sqrt(p1 * (1 - p1) / n));
}

TEST_CASE("thin keeps every thin-th draw of the same chain", "[infer][start]") {
  SamplerOptions o;
  o.warmup = 100, o.draws = 10, o.chains = 1;
  const auto all = sample_chains(vague_normal(), o);
  o.thin = 3;
  const auto kept = sample_chains(vague_normal(), o);
  const auto a = all[0].draws.column("mu"), k = kept[0].draws.column("mu");
  REQUIRE(k.size() == 4);  // draws 1, 4, 7, 10
  for (std::size_t i = 0; i < k.size(); ++i) CHECK(k[i] == a[3 * i]);
}

TEST_CASE("messages name an unnamed draw by the variable whose definition uses it, never _sN",
          "[infer][start]") {
  // a ~ uniform(0, x) with x < 0 has no density anywhere: no start.
  Model m;
  Expr x = m.random("x", uniform(-2.0, -1.0), {}, SourceLoc{"m.bug", 2, 3});
  Expr a = m.draw(uniform(0.0, x));
  m.random("y", normal(a, 1.0), {}, SourceLoc{"m.bug", 4, 3});
  m.observe("y", Value(0.5));
  SamplerOptions o;
  o.chains = 1;
  CHECK_THROWS_WITH(sample_chains(m, o),
                    Catch::Contains("not finite: an unnamed draw (one the rewriter introduced) "
                                    "in the definition of 'y' (m.bug:4:3)") &&
                        !Catch::Contains("_s"));
}
