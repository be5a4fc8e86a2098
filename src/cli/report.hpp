// What the commands print about a simplification: the models before and after,
// the rules that fired and why others were refused.
#pragma once
#include <optional>
#include <ostream>

#include "alea/rewrite/conjugacy.hpp"
#include "alea/rewrite/simplify.hpp"

namespace alea::cli {

// Each rule that fired with its count, the stop reason, and refused replacements,
// as '#' comment lines (so that BUGS output with it still parses).
void print_rule_summary(const rewrite::SimplifyResult& r, std::ostream& out);
// Every application: iteration, rule, before => after.
void print_trace(const rewrite::SimplifyResult& r, std::ostream& out);
void print_models(const Model& naive, const rewrite::SimplifyResult& r, std::ostream& out);

// The posterior factorization of an observed model as '#' comment lines: the rules
// that fired, which latents are drawn exactly, which remain for MCMC, and the model.
void print_factorization(const rewrite::Factorization& f, std::ostream& out);

// The factorization `alea sample` runs for an observed model: conjugacy on the
// simplified model, or on the model as written where only that one is fully conjugate
// (a closure rewrite may hide a conjugate pair from the planner).
rewrite::Factorization sampled_factorization(const Model& m);
// The same, from the model simplified already.
rewrite::Factorization sampled_factorization(const Model& m, const Model& simplified);

// How `alea sample` updates each latent of the model it runs (infer::plan_sampling),
// as '#' comment lines.
void print_sampling_plan(const rewrite::Factorization& f, std::ostream& out);

struct CompareOptions {
  std::size_t draws = 4000;  // forward draws, and importance samples per estimate
  std::size_t points = 5;    // evaluation points, without data
  long mcmc_draws = 1000;    // posterior draws of each sampler, with data (0: none)
  long warmup = 1000;
  std::uint64_t seed = 1;
  std::optional<std::string> output;  // CSV of the densities
};
int compare_models(const Model& naive, std::ostream& out, const CompareOptions& options);

}  // namespace alea::cli
