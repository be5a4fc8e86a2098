// Helpers for checking MCMC output against closed forms: a batch-means Monte Carlo
// standard error (crude and conservative-ish; to be replaced by the diagnostics
// branch's mcse_mean when it lands) and a bound check at the suite's false-alarm rate.
#pragma once
#include <cmath>
#include <vector>

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

// Mean over all chains, and its standard error from the means of 25 batches per
// chain (batches long compared with the autocorrelation time of a NUTS chain).
inline McEstimate batch_means(const std::vector<std::vector<double>>& chains,
                              std::size_t batches_per_chain = 25) {
  std::vector<double> means;
  for (const auto& c : chains) {
    const std::size_t len = c.size() / batches_per_chain;
    for (std::size_t b = 0; b < batches_per_chain; ++b) {
      double s = 0;
      for (std::size_t i = b * len; i < (b + 1) * len; ++i) s += c[i];
      means.push_back(s / static_cast<double>(len));
    }
  }
  const Moments m = moments(means);
  return {m.mean, std::sqrt(m.var / static_cast<double>(m.n))};
}

// |estimate - exact| within the two-sided normal bound at rate alpha.
inline bool within_mcse(const McEstimate& e, double exact, double alpha = kFalseAlarm) {
  return std::abs(e.mean - exact) <= z_crit(alpha) * e.mcse;
}

}  // namespace alea::test
