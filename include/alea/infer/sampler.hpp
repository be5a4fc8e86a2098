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
#include <map>
#include <string>
#include <vector>

#include "alea/infer/draw_table.hpp"
#include "alea/infer/inits.hpp"
#include "alea/infer/transform.hpp"
#include "alea/model/model.hpp"

namespace alea {

struct ChainResult;

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
  // Keep every thin-th draw: draws 1, thin + 1, 2 thin + 1, ... of the `draws`
  // iterations after warmup (ceil(draws / thin) rows), as CmdStan's thin.
  long thin = 1;
  // Initial values: none (every chain starts at random), one set for every chain, or
  // one per chain. Names are the model's variables (values of the model as written,
  // check_initial_values); a variable the model no longer samples by NUTS or Gibbs
  // (integrated out, or drawn exactly given the rest) is ignored and listed in
  // ChainResult::inits_ignored. Elements with no initial value, and every element
  // without inits, start as Stan starts: uniform(-2, 2) on the unconstrained scale
  // (discrete latents: uniform over their finite support, counts near their mean),
  // retried up to 100 times until the log density and its gradient are finite.
  std::vector<InitialValues> inits;
  // NUTS's metric, as CmdStan's `metric`: Diag (diag_e), Dense (dense_e: the
  // covariance of the warmup draws, for correlated posteriors; O(d^2) per leapfrog
  // step), or Auto: dense when the NUTS block has at most kAutoDenseMax coordinates,
  // where a d x d product costs little beside the gradient, no hierarchical group
  // (whose curved geometry a linear map does not straighten) and no signed scale (whose
  // mirrored halves skew the warmup's covariance), diagonal otherwise.
  enum class Metric { Auto, Diag, Dense };
  Metric metric = Metric::Auto;
  static constexpr std::size_t kAutoDenseMax = 32;
  // A single continuous coordinate left to sample (nothing discrete, no hierarchical
  // group): drawn i.i.d. by numerical inversion of its posterior (UNU.RAN's PINV,
  // u-error <= 1e-10), without warmup, instead of by NUTS. False: NUTS as for any block.
  bool invert_residual = true;
  // A scalar latent whose full conditional is conjugate (a gamma precision given its
  // normals, a beta probability given its binomials: recognized by the shape of the
  // conditional) is drawn exactly in a Gibbs sweep instead of by NUTS. False: NUTS.
  bool conjugate_gibbs = true;
  // A positive scale that the density reads only as the factor of standard normal
  // draws (a group written non-centred: oxford's sigma * b[i]) is sampled by NUTS with a
  // sign (gradient.hpp's SignedScale): no stiffness along log sigma in its upper tail.
  // False: on its log scale, as any positive latent.
  bool signed_scales = true;
  // A hierarchical group that NUTS samples (its children are not all normal: random
  // effects of a logistic or Poisson regression), in its centred form x ~ normal(mu,
  // sigma) or its non-centred one x = mu + sigma u, u ~ normal(0, 1) (the same density,
  // another geometry). Auto: a short pilot run (kPilotWarmup + kPilotDraws NUTS
  // iterations, non-centred) measures the share of the members' posterior precision
  // that the data give, 1 - (1 / sigma^2) / H with H the curvature of the log density
  // in the member, averaged over pilot draws: the group is centred when every share is
  // over 0.9, non-centred when every one is under 0.1, partially centred otherwise,
  // each element by the information I its data give and the centre c they point to,
  // x = (1 - l) mu + l c + t u with l and t the share and the conditional sd at the
  // current sigma (transform.hpp's constrain_partial; docs/sampling.md). NonCentred,
  // Centred: every such group.
  // Draws as they are made, for a caller that writes them while the chains run (the
  // command's CSV files). Called on the chain's thread: on_adapted once warmup ends,
  // with the adaptation (step_size, inv_metric, free_names; inverted when the chain
  // draws by inversion) and `draws` an empty table with the columns the rows will
  // have; then on_rows with the kept rows in order, in
  // blocks of at most kStreamBlock, each a table with ChainResult::draws's columns. The
  // chain's own table still holds every row. Empty: not called.
  std::function<void(std::size_t chain, const ChainResult& adapted)> on_adapted;
  std::function<void(std::size_t chain, DrawTable rows)> on_rows;
  static constexpr std::size_t kStreamBlock = 4096;
  enum class Centring { Auto, NonCentred, Centred };
  Centring centring = Centring::Auto;
  static constexpr long kPilotWarmup = 150, kPilotDraws = 50;
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
  // Stan's model drops them (`~` statements); the forward draws are not in it. Where
  // the transform is alea's own (a non-centred group, a signed scale), so is J.
  DrawTable draws;
  double step_size = 0;                 // after adaptation
  std::vector<std::string> free_names;  // the unconstrained coordinates
  std::vector<double> inv_metric;       // diagonal of the adapted inverse metric
  // The adapted dense inverse metric, row-major (free_names x free_names), when NUTS
  // ran with one (SamplerOptions::metric); empty for a diagonal metric.
  std::vector<double> dense_inv_metric;
  long divergences = 0;                 // after warmup
  // Points (warmup and sampling) where the density met a parameter outside its domain
  // (a scale of 0 or Inf at an extreme point): rejected, as in Stan; `first_rejection`
  // names the model variable and its location, and the error.
  long rejections = 0;
  std::string first_rejection;
  // Draws of the variables drawn exactly given the NUTS state that met an invalid
  // parameter at that state: the row keeps their previous values.
  long forward_failures = 0;
  std::string first_forward_failure;
  std::vector<std::string> inits_ignored;  // variables with initial values that are not sampled by NUTS or Gibbs
  // The hierarchical groups (a scalar latent that is the scale of two or more latent
  // elements) and how they were sampled (docs/sampling.md): scales slice-sampled
  // given their group, centred and non-centred in turn; groups drawn from their
  // Gaussian conditional (with the latents their means read); groups NUTS sampled in
  // their non-centred form x = mu + sigma u. Free-variable names ("tau", "theta").
  std::vector<std::string> slice_sampled, gaussian_gibbs, noncentred;
  // Groups NUTS samples centred (SamplerOptions::centring), and how the choice was
  // made for each group ("b: data share 0.93 over 50 pilot draws: centred").
  std::vector<std::string> centred;
  std::vector<std::string> centring_notes;
  // Scales NUTS sampled with a sign, with the standard normals they multiply
  // ("sigma (with b)"): gradient.hpp's SignedScale.
  std::vector<std::string> signed_scales;
  // The one coordinate drawn i.i.d. by inversion (SamplerOptions::invert_residual);
  // empty when NUTS ran. residual_note: why NUTS ran for a single coordinate.
  std::vector<std::string> inverted;
  std::string residual_note;
  // Scalar latents drawn exactly from a conjugate full conditional (conjugate_gibbs).
  std::vector<std::string> conjugate_gibbs;
};

// Throws std::invalid_argument naming the variable for what it cannot sample: an
// observed deterministic function of random variables (simplify first), a discrete
// latent with unbounded support in the density that is no count; InputError at the
// initial value's location for one outside its support given its parameters at the
// start; std::runtime_error naming the variables whose density is not finite when no
// initial point with a finite density and gradient is found in 100 attempts.
std::vector<ChainResult> sample_chains(const Model& m, const SamplerOptions& opt);

// The chains' tables one after another.
DrawTable sample_posterior(const Model& m, const SamplerOptions& opt);

// How sample_chains would update each latent of m, decided before any chain runs:
// drawn i.i.d. by inversion (the one coordinate left), hierarchical groups drawn from
// their Gaussian conditional with their scales slice-sampled, groups non-centred for
// NUTS, discrete latents by Gibbs, and the rest by NUTS. Names are the model's.
struct SamplingPlan {
  std::vector<std::string> inverted, gaussian_gibbs, slice_sampled, noncentred, centred, nuts, discrete, conjugate_gibbs;
  std::vector<std::string> centring_notes;  // as ChainResult::centring_notes
  std::vector<std::string> signed_scales;   // as ChainResult::signed_scales
  std::string residual_note;  // why a lone coordinate is left to NUTS
  // The partially centred members' forms (constrain_partial's constants), by name.
  std::map<std::string, infer::PartialCentring> partial;
};
SamplingPlan plan_sampling(const Model& m, const SamplerOptions& opt = {});

}  // namespace alea
