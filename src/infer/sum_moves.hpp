// Internal: observed sums (JAGS's y ~ dsum(x1, x2, ...)) over discrete latents. A
// single-site Gibbs update cannot move one term of a sum that is held fixed, so each
// constraint is updated by moves of one unit from one term to another (the sum kept),
// accepted by Metropolis, and its terms are set at the start so that the sum holds.
#pragma once
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"
#include "variable_elements.hpp"

namespace alea::detail {

struct SumTerm {
  NodeId draw;        // a discrete latent draw
  std::size_t index;  // its element
};

struct ObservedSum {
  NodeId node;  // the observed sum_constraint draw
  std::vector<SumTerm> terms;
};

// The observed scalar sums in f's density whose parameter is a sum (Add nodes) of
// discrete latent elements and fixed values. Throws std::invalid_argument naming the
// sum when it depends on continuous latents (NUTS cannot keep a sum of continuous
// draws fixed) or has fewer than two latent terms with others random.
std::vector<ObservedSum> find_observed_sums(const Graph& g, const infer::LogDensityFunction& f,
                                            const NodeNames& names);

// Sets the terms so that the sum holds (each moved within its support, in order).
// Throws std::runtime_error naming the sum when the observed value cannot be reached.
void satisfy_sum(infer::LogDensityFunction& f, const Graph& g, const ObservedSum& s, std::span<const double> q,
                 const NodeNames& names);

// `steps` Metropolis moves: a random pair of terms, one unit from one to the other.
void sum_moves(infer::LogDensityFunction& f, const ObservedSum& s, std::span<const double> q, Rng& rng, int steps);

}  // namespace alea::detail
