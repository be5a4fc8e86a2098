// Checks and helpers shared by the diagnostics' source files (not installed).
#pragma once
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "alea/infer/diagnostics.hpp"

namespace alea::diag_detail {

// What a diagnostic is where it is undefined (too few draws, constant chains).
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Throws std::invalid_argument naming the function when there is no chain, a chain
// is empty, or chains differ in length.
void check_chains(const Chains& chains, const std::string& function);
// Chains as views: the public functions' vectors, or the split chains laid flat in one
// buffer (the summary's), without copying either.
using ChainSpans = std::vector<std::span<const double>>;
ChainSpans spans_of(const Chains& chains);
// posterior's should_return_NA: a draw that is not finite, or every draw the same
// (max - min below the machine epsilon).
bool degenerate(const Chains& chains);
// One pass over the draws of each chain: its sum (in order, from 0) for the chain
// means, and whether the draws are degenerate as above.
struct ChainSums {
  std::vector<double> sums;
  bool degenerate = false;
};
ChainSums chain_sums(const ChainSpans& chains);
// ess_of_chains and rhat_of_chains of chains of equal, nonzero length (unchecked).
double ess_of_spans(const ChainSpans& chains, AutocovMethod method = AutocovMethod::automatic);
double rhat_of_spans(const ChainSpans& chains);
// autocovariance() of a view.
std::vector<double> autocovariance_of(std::span<const double> x);
// Too few draws for split diagnostics (fewer than 4 a chain: halves of under 2), or degenerate.
bool split_unusable(const Chains& chains);
// Every draw of every chain, chain after chain.
std::vector<double> pooled(const Chains& chains);
// The indices of xs in ascending order of value (finite values; ties in any order),
// by a radix sort: O(n).
std::vector<std::uint32_t> sorted_order(const std::vector<double>& xs);
// Blom's normal score of an (average) rank among s draws: Phi^-1((rank - 3/8) / (s + 1/4)),
// by standard_normal_quantile; ranks above the middle are the exact
// negatives of their mirror ranks s + 1 - rank.
double blom_score(double rank, double s);

// What the summary table needs of one column, computed together: one sort of the draws
// serves the quantiles, the rank normalization (bulk) and, merged around the median,
// the folded ranks (tail). Each field equals the public function of the same name
// (mcse_mean, ess_bulk, ess_tail, rhat) on these chains, and q05, q50, q95 the type-7
// quantiles of all draws; mean and sd are those of all draws, summed chain after chain
// (sd 0 for one draw).
struct ColumnDiagnostics {
  double mean = 0, sd = 0;
  double q05 = 0, q50 = 0, q95 = 0;
  double mcse = 0, ess_bulk = 0, ess_tail = 0, rhat = 0;
};
// Throws std::invalid_argument as check_chains does; chains must not be empty.
ColumnDiagnostics column_diagnostics(Chains chains);

}  // namespace alea::diag_detail
