// Helpers for checking MCMC output against closed forms: the mean over chains with
// its Monte Carlo standard error (mcse_mean: ESS from the chains' autocovariance, as
// Stan computes it) and a bound check at the suite's false-alarm rate.
#pragma once
#include <cmath>
#include <vector>

#include "alea/infer/diagnostics.hpp"
#include "alea/infer/sampler.hpp"
#include "stat_tests.hpp"

namespace alea::test {

// Draws of one column, split by chain.
inline std::vector<std::vector<double>> chains_of(const std::vector<ChainResult>& chains,
                                                  const std::string& col) {
  std::vector<std::vector<double>> out;
  for (const ChainResult& c : chains) out.push_back(c.draws.column(col));
  return out;
}

inline std::vector<std::vector<double>> map_draws(std::vector<std::vector<double>> xs,
                                                  double (*f)(double, double), double a) {
  for (auto& c : xs)
    for (double& x : c) x = f(x, a);
  return xs;
}

struct McEstimate {
  double mean = 0, mcse = 0;
};

// Mean over all chains and its Monte Carlo standard error.
inline McEstimate mc_estimate(const std::vector<std::vector<double>>& chains) {
  double sum = 0;
  std::size_t n = 0;
  for (const auto& c : chains)
    for (double x : c) sum += x, ++n;
  return {sum / static_cast<double>(n), mcse_mean(chains)};
}

// |estimate - exact| within the two-sided normal bound at rate alpha.
inline bool within_mcse(const McEstimate& e, double exact, double alpha = kFalseAlarm) {
  return std::abs(e.mean - exact) <= z_crit(alpha) * e.mcse;
}

// Chains of `draws` after `warmup` at a fixed seed.
inline SamplerOptions chain_options(std::uint64_t seed, long draws, long warmup = 1000, int chains = 4) {
  SamplerOptions o;
  o.warmup = warmup;
  o.draws = draws;
  o.chains = chains;
  o.seed = seed;
  return o;
}

}  // namespace alea::test
