// Effective sample sizes (Geyer's initial monotone sequence over the autocorrelations
// combined across chains, as in Vehtari et al. 2021 and the posterior R package) and
// the Monte Carlo standard errors built on them.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/beta.hpp>

#include "alea/infer/summary.hpp"
#include "diagnostics_detail.hpp"

namespace alea {

using namespace diag_detail;

namespace {

double mean_of(const std::vector<double>& x) {
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double sd_of(const std::vector<double>& x) {
  const double mu = mean_of(x);
  double ss = 0;
  for (double v : x) ss += (v - mu) * (v - mu);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

// Beyond this many lags the automatic method switches from direct sums to the FFT.
constexpr std::size_t kDirectLags = 64;
// The direct sums go this many lags a pass over the draws: independent sums, so the
// processor overlaps their additions, and the draws are read once for all of them.
// kDirectLags is a multiple of it, so no direct sum goes past the switch to the FFT.
constexpr std::size_t kLagsAPass = 4;

// The mean over chains of the lag-k autocovariance, by FFT (every lag at once) or by
// the direct sum (each block of kLagsAPass lags when one of them is first asked for).
class MeanAutocovariance {
 public:
  // means: one a chain.
  MeanAutocovariance(const ChainSpans& chains, std::vector<double> means, AutocovMethod method)
      : chains_(chains), method_(method), means_(std::move(means)) {
    if (method == AutocovMethod::fft) all_by_fft();
  }
  double operator()(std::size_t k) {
    if (method_ == AutocovMethod::automatic && k >= kDirectLags && values_.size() < chains_[0].size())
      all_by_fft();
    while (values_.size() <= k) direct_block(values_.size());
    return values_[k];
  }
  const std::vector<double>& chain_means() const { return means_; }

 private:
  void all_by_fft() {
    values_.assign(chains_[0].size(), 0.0);
    for (const auto chain : chains_) {
      const std::vector<double> acov = autocovariance_of(chain);
      for (std::size_t k = 0; k < acov.size(); ++k) values_[k] += acov[k];
    }
    for (double& v : values_) v /= static_cast<double>(chains_.size());
  }

  // Lags k .. k + kLagsAPass - 1 (those below n), each summed over i in increasing order
  // as a lag on its own would be: (1/n) sum_{i < n-k} (x_i - mean)(x_{i+k} - mean).
  void direct_block(std::size_t k) {
    const std::size_t n = chains_[0].size();
    std::array<double, kLagsAPass> total{};
    for (std::size_t c = 0; c < chains_.size(); ++c) {
      const double* x = chains_[c].data();
      const double mu = means_[c];
      std::array<double, kLagsAPass> sum{};
      std::size_t i = 0;
      for (; i + k + kLagsAPass <= n; ++i) {  // every lag of the block has a term at i
        const double a = x[i] - mu;
        for (std::size_t j = 0; j < kLagsAPass; ++j) sum[j] += a * (x[i + k + j] - mu);
      }
      for (; i + k < n; ++i)
        for (std::size_t j = 0; i + k + j < n && j < kLagsAPass; ++j) sum[j] += (x[i] - mu) * (x[i + k + j] - mu);
      for (std::size_t j = 0; j < kLagsAPass; ++j) total[j] += sum[j] / static_cast<double>(n);
    }
    for (std::size_t j = 0; j < kLagsAPass && k + j < n; ++j)
      values_.push_back(total[j] / static_cast<double>(chains_.size()));
  }

  const ChainSpans& chains_;
  AutocovMethod method_;
  std::vector<double> means_, values_;
};

}  // namespace

double ess_of_chains(const Chains& chains, AutocovMethod method) {
  check_chains(chains, "ess");
  return ess_of_spans(spans_of(chains), method);
}

namespace diag_detail {

double ess_of_spans(const ChainSpans& chains, AutocovMethod method) {
  const std::size_t m = chains.size(), n = chains[0].size();
  if (n < 3) return kNaN;
  ChainSums sums = chain_sums(chains);
  if (sums.degenerate) return kNaN;
  const double nd = static_cast<double>(n);
  for (double& mu : sums.sums) mu /= nd;
  MeanAutocovariance acov(chains, std::move(sums.sums), method);

  // W (the mean within-chain variance) and var+ (the pooled variance estimate).
  const double within = acov(0) * nd / (nd - 1);
  double var_plus = within * (nd - 1) / nd;
  if (m > 1) {
    const std::vector<double>& mu = acov.chain_means();
    const double grand = mean_of(mu);
    double ss = 0;
    for (double v : mu) ss += (v - grand) * (v - grand);
    var_plus += ss / static_cast<double>(m - 1);
  }
  auto rho_at = [&](std::size_t lag) { return 1.0 - (within - acov(lag)) / var_plus; };

  // Geyer's initial positive sequence: add pairs (rho_t, rho_t+1), t even, while
  // their sum is positive. rho_t is 0 beyond what is stored.
  std::vector<double> rho;
  const auto set_rho = [&](std::size_t t, double value) {
    if (rho.size() <= t) rho.resize(t + 1, 0.0);
    rho[t] = value;
  };
  double even = 1.0, odd = rho_at(1);
  set_rho(0, even);
  set_rho(1, odd);
  std::size_t t = 0;
  while (t + 5 < n && !std::isnan(even + odd) && even + odd > 0) {
    t += 2;
    even = rho_at(t);
    odd = rho_at(t + 1);
    if (even + odd >= 0) {
      set_rho(t, even);
      set_rho(t + 1, odd);
    }
  }
  const std::size_t max_t = t;
  if (even > 0) set_rho(max_t, even);  // the improved estimate averages truncation at max_t and max_t + 1
  if (rho.size() <= max_t) rho.resize(max_t + 1, 0.0);

  // Geyer's initial monotone sequence: each pair sum no larger than the one before.
  for (t = 2; t + 2 <= max_t; t += 2)
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) rho[t] = rho[t + 1] = (rho[t - 2] + rho[t - 1]) / 2;

  // tau = -1 + 2 sum_{t < max_t} rho_t + rho_max_t. As posterior's R code (where 1:0 is
  // c(1, 0)), lag 0 is in the sum even when no pair was added (max_t = 0).
  double sum = 0;
  for (std::size_t k = 0; k < std::max<std::size_t>(max_t, 1); ++k) sum += rho[k];
  const double draws = static_cast<double>(m) * nd;
  // The cap: ESS at most S log10(S), for antithetic chains.
  const double tau = std::max(-1.0 + 2.0 * sum + rho[max_t], 1.0 / std::log10(draws));
  return draws / tau;
}

}  // namespace diag_detail

double ess_basic(const Chains& chains) {
  check_chains(chains, "ess_basic");
  if (split_unusable(chains)) return kNaN;
  return ess_of_chains(split_chains(chains));
}

double ess_mean(const Chains& chains) { return ess_basic(chains); }

double ess_bulk(const Chains& chains) {
  check_chains(chains, "ess_bulk");
  if (split_unusable(chains)) return kNaN;
  return ess_of_chains(rank_normalize(split_chains(chains)));
}

double ess_quantile(const Chains& chains, double p) {
  check_chains(chains, "ess_quantile");
  if (!(p >= 0 && p <= 1))
    throw std::invalid_argument("ess_quantile: probability p is " + std::to_string(p) + ", but must be in [0, 1]");
  if (split_unusable(chains)) return kNaN;
  Chains split = split_chains(chains);
  const double q = quantile(pooled(split), p);
  for (auto& chain : split)
    for (double& x : chain) x = x <= q ? 1.0 : 0.0;
  return ess_of_chains(split);
}

double ess_tail(const Chains& chains) {
  const double lower = ess_quantile(chains, 0.05), upper = ess_quantile(chains, 0.95);
  if (std::isnan(lower) || std::isnan(upper)) return kNaN;
  return std::min(lower, upper);
}

double mcse_mean(const Chains& chains) {
  check_chains(chains, "mcse_mean");
  if (degenerate(chains)) return kNaN;
  return sd_of(pooled(chains)) / std::sqrt(ess_mean(chains));
}

double mcse_sd(const Chains& chains) {
  check_chains(chains, "mcse_sd");
  if (degenerate(chains)) return kNaN;
  const double mu = mean_of(pooled(chains));
  Chains squares = chains;  // (x - mean)^2, whose mean estimates the variance
  for (auto& chain : squares)
    for (double& x : chain) x = (x - mu) * (x - mu);
  const std::vector<double> sq = pooled(squares);
  const double variance = mean_of(sq);
  const double sd_sq = sd_of(sq);
  // Delta method: sd = sqrt(var), so Var(sd) ~ Var(var estimate) / (4 var).
  return std::sqrt(sd_sq * sd_sq / ess_mean(squares) / (4.0 * variance));
}

double mcse_quantile(const Chains& chains, double p) {
  const double ess = ess_quantile(chains, p);
  if (std::isnan(ess)) return kNaN;
  std::vector<double> sorted = pooled(chains);
  std::sort(sorted.begin(), sorted.end());
  const double s = static_cast<double>(sorted.size());
  const boost::math::normal standard;
  const double a = ess * p + 1, b = ess * (1 - p) + 1;
  // The central interval of one standard deviation, Phi(-1) .. Phi(1).
  const double lo = boost::math::ibeta_inv(a, b, boost::math::cdf(standard, -1.0));
  const double hi = boost::math::ibeta_inv(a, b, boost::math::cdf(standard, 1.0));
  const auto i_lo = static_cast<std::size_t>(std::clamp(std::floor(lo * s), 1.0, s));
  const auto i_hi = static_cast<std::size_t>(std::clamp(std::ceil(hi * s), 1.0, s));
  return (sorted[i_hi - 1] - sorted[i_lo - 1]) / 2;  // 1-based order statistics
}

}  // namespace alea
