// Posterior sampling of any model with observed variables: NUTS on the continuous
// latent draws that have an observed descendant, Gibbs over the finite support of
// the discrete ones (alternating with NUTS; counts with no upper bound, poisson,
// geometric and negative binomial, by ten random-walk Metropolis steps on the
// integers instead), and forward (exact) draws, given the
// rest, of the latent draws with no observed descendant, in dependency order. So a
// model whose conjugate parts were refactored (observed nodes as parents of
// posterior draws) is sampled as it is: the exact parts are forward draws.
// Chains run in threads, each with its own random stream (seed, chain), so the
// draws do not depend on the number of threads or their scheduling.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "alea/infer/draw_table.hpp"
#include "alea/model/model.hpp"

namespace alea {

struct SamplerOptions {
  long warmup = 1000;
  long draws = 1000;  // per chain, after warmup
  int chains = 4;
  std::uint64_t seed = 1;
  int max_depth = 10;
  double adapt_delta = 0.8;
  int threads = 0;  // 0: one per chain
  // Variables to record (default: the queried ones).
  std::vector<std::string> variables;
  // Called from the calling thread about ten times a second with the iterations
  // done over all chains and their total.
  std::function<void(long done, long total)> progress;
};

// The NUTS sampler's columns, first in every chain's table, as CmdStan names them.
inline const std::vector<std::string> kSamplerColumns = {"accept_stat__", "stepsize__",  "treedepth__",
                                                         "n_leapfrog__",  "divergent__", "energy__"};

struct ChainResult {
  // Columns: kSamplerColumns, then the variables. lp__ is Stan's: the log density
  // of the NUTS block on the unconstrained scale, log p(x(u), data) + log |J(u)|,
  // where x(u) are the continuous latents with an observed descendant (discrete ones
  // at their Gibbs values) and J the Jacobian of the transforms (transform.hpp).
  // Every normalizing constant is kept, so it differs from Stan's by a constant when
  // Stan's model drops them (`~` statements); the forward draws are not in it.
  DrawTable draws;
  double step_size = 0;                 // after adaptation
  std::vector<std::string> free_names;  // the unconstrained coordinates
  std::vector<double> inv_metric;       // diagonal of the adapted inverse metric
  long divergences = 0;                 // after warmup
};

// Throws std::invalid_argument naming the variable for what it cannot sample: an
// observed deterministic function of random variables (simplify first), a discrete
// latent with unbounded support in the density that is no count; std::runtime_error when no initial
// point with a finite density is found.
std::vector<ChainResult> sample_chains(const Model& m, const SamplerOptions& opt);

// The chains' tables one after another.
DrawTable sample_posterior(const Model& m, const SamplerOptions& opt);

}  // namespace alea
