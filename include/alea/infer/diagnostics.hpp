// MCMC convergence diagnostics as Vehtari, Gelman, Simpson, Carpenter and Bürkner
// (2021) and Stan define them: split R-hat, rank-normalized split R-hat (the max of
// the bulk and the folded version), bulk and tail effective sample sizes (ESS) from
// FFT autocovariances and Geyer's initial monotone sequence, and Monte Carlo
// standard errors. Every function takes the post-warmup draws of one scalar, one
// vector a chain; chains must have equal lengths (std::invalid_argument otherwise).
// Where posterior returns NA (a constant quantity, a non-finite draw, too few
// draws) these return NaN.
#pragma once
#include <cstddef>
#include <vector>

namespace alea {

using Chains = std::vector<std::vector<double>>;

// --- building blocks ---

// Each chain cut into its first and second halves (the middle draw of an odd-length
// chain is dropped), so 2m chains of floor(n/2) draws.
Chains split_chains(const Chains& chains);
// Ranks of xs among themselves, 1..n, ties given their average rank.
std::vector<double> average_ranks(const std::vector<double>& xs);
// The standard normal quantile Phi^-1(p) (Wichura's AS 241: relative error about 1e-16);
// -infinity at 0, +infinity at 1, NaN outside [0, 1].
double standard_normal_quantile(double p);
// Rank normalization: z = Phi^-1((r - 3/8) / (S + 1/4)), r the average rank of a draw
// among all S draws of every chain (Blom's normal scores).
Chains rank_normalize(const Chains& chains);
// |x - median of all draws|.
Chains fold(const Chains& chains);

// The biased autocovariance of one chain, acov[k] = (1/n) sum_{i<n-k} (x_i - mean)(x_{i+k} - mean)
// for k = 0..n-1, by FFT (zero-padded to a length >= 2n, so no circular wrap).
std::vector<double> autocovariance(const std::vector<double>& x);

// How the ESS gets its autocovariances: by FFT (all lags in O(n log n)); by the direct
// sum, one lag at a time and only as far as Geyer's sequence goes (O(n) a lag, O(n^2)
// at worst: the benchmark's baseline); or automatically: the direct sum for the first
// 64 lags (enough for a well-mixing chain, where it is much faster), then the FFT.
// All three give the same ESS to rounding.
enum class AutocovMethod { fft, direct, automatic };

// --- R-hat ---

// The classic potential scale reduction of chains as given (no splitting):
// sqrt(((n-1)/n W + B/n) / W).
double rhat_of_chains(const Chains& chains);
// Split R-hat (Gelman et al. 2013): rhat_of_chains(split_chains(chains)).
double split_rhat(const Chains& chains);
// Rank-normalized split R-hat: the max of the bulk (rank-normalized) and tail
// (folded, then rank-normalized) split R-hats.
double rhat(const Chains& chains);

// --- effective sample size ---

// ESS of chains as given (no splitting, no normalization): S / tau with
// tau = -1 + 2 sum rho_t over Geyer's initial monotone sequence, capped at
// S log10(S). NaN when a chain has fewer than 3 draws, a draw is not finite, or
// every draw is the same.
double ess_of_chains(const Chains& chains, AutocovMethod method = AutocovMethod::automatic);
// ESS of the split chains without rank normalization (posterior's ess_basic, ess_mean).
double ess_basic(const Chains& chains);
double ess_mean(const Chains& chains);
// ESS of the rank-normalized split chains.
double ess_bulk(const Chains& chains);
// ESS of the indicator I(x <= q_p), q_p the p-quantile of all draws (R's type 7), split.
double ess_quantile(const Chains& chains, double p);
// min(ess_quantile(0.05), ess_quantile(0.95)).
double ess_tail(const Chains& chains);

// --- Monte Carlo standard errors ---

// sd(all draws) / sqrt(ess_mean).
double mcse_mean(const Chains& chains);
// The standard error of the standard deviation by the delta method:
// sqrt(Var(s^2 estimate) / (4 s^2)), Var from the ESS of the squared centred draws.
double mcse_sd(const Chains& chains);
// Half the width of the central 68% interval for the p-quantile: the order
// statistics at the 15.9% and 84.1% quantiles of Beta(ess p + 1, ess (1 - p) + 1),
// ess = ess_quantile(p).
double mcse_quantile(const Chains& chains, double p);

}  // namespace alea
