// Eight schools sampled naive (a hierarchical group: theta and mu drawn from their
// Gaussian conditional, tau by slice sampling; docs/sampling.md) and
// hand-marginalized (NUTS on mu and tau, group effects drawn exactly): the posterior
// means of mu, tau and theta[1] agree within their combined Monte Carlo error
// (batch-means MCSE, two-sided, false-alarm rate kFalseAlarm per check).
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/infer/sampler.hpp"
#include "eight_schools.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

TEST_CASE("eight schools: naive and marginalized posteriors agree", "[infer][nuts][eight_schools]") {
  SamplerOptions o;
  o.warmup = 1000;
  o.draws = 4000;
  o.chains = 4;
  o.seed = 8;
  o.adapt_delta = 0.95;
  const auto naive = sample_chains(eight_schools_naive(), o);
  o.adapt_delta = 0.8;
  const auto marg = sample_chains(eight_schools_marginalized(), o);
  for (const char* col : {"mu", "tau", "theta.1"}) {
    const McEstimate a = mc_estimate(chains_of(naive, col)), b = mc_estimate(chains_of(marg, col));
    INFO(col << ": naive " << a.mean << " +- " << a.mcse << ", marginalized " << b.mean << " +- " << b.mcse);
    CHECK(std::abs(a.mean - b.mean) <= z_crit() * std::hypot(a.mcse, b.mcse));
  }
}
