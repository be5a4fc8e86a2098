// ESS of 4 chains x 100,000 draws: autocovariances by FFT against the direct sum
// (one lag at a time, only as far as Geyer's initial sequence goes: O(n) a lag),
// the baseline, measured in the same run, for chains of growing autocorrelation; and
// the automatic method (direct sums for 64 lags, then the FFT).
// Also the time of the whole bulk and tail ESS and rank-normalized R-hat of a column,
// and of the summary table's row of a column of iid draws (1 chain x 100,000 and
// 4 x 25,000, the draws of a conjugate model) against the same diagnostics from the
// public functions, each of which splits, sorts and normalizes the draws on its own.
#include <algorithm>
#include <ctime>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include "alea/infer/diagnostics.hpp"
#include "alea/infer/summary.hpp"

using namespace alea;

namespace {

Chains ar1(std::size_t m, std::size_t n, double rho, std::uint64_t seed) {
  boost::random::mt19937_64 rng(seed);
  boost::random::normal_distribution<double> e;
  Chains chains(m, std::vector<double>(n));
  for (auto& chain : chains) {
    double x = e(rng);
    for (double& v : chain) v = x = rho * x + std::sqrt(1 - rho * rho) * e(rng);
  }
  return chains;
}

// Best of 3 processor times of f, in seconds (processor, not wall, time: the machine is
// shared); `out` keeps the result (so it is not optimized away).
double best_time(const std::function<double()>& f, double& out, int reps = 3) {
  double best = 1e300;
  for (int rep = 0; rep < reps; ++rep) {
    const std::clock_t t0 = std::clock();
    out = f();
    best = std::min(best, static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC);
  }
  return best;
}

}  // namespace

int main() {
  const std::size_t m = 4, n = 100'000;
  std::printf("ESS of %zu chains x %zu draws (ess_of_chains, unsplit), best of 3, processor time\n\n", m, n);
  std::printf("%-10s %10s %10s %10s %10s %11s %10s %9s\n", "AR(1) rho", "ESS", "FFT ms", "direct ms", "auto ms",
              "direct/FFT", "auto/FFT", "same ESS");
  for (const double rho : {0.0, 0.5, 0.9, 0.99}) {
    const Chains chains = ar1(m, n, rho, 17);
    double ess_fft = 0, ess_direct = 0, ess_auto = 0;
    const double t_fft = best_time([&] { return ess_of_chains(chains, AutocovMethod::fft); }, ess_fft);
    const double t_direct = best_time([&] { return ess_of_chains(chains, AutocovMethod::direct); }, ess_direct);
    const double t_auto = best_time([&] { return ess_of_chains(chains, AutocovMethod::automatic); }, ess_auto);
    const bool same = std::abs(ess_fft - ess_direct) <= 1e-9 * ess_fft && std::abs(ess_fft - ess_auto) <= 1e-9 * ess_fft;
    std::printf("%-10.2f %10.0f %10.2f %10.2f %10.2f %11.2f %10.2f %9s\n", rho, ess_fft, 1e3 * t_fft, 1e3 * t_direct,
                1e3 * t_auto, t_direct / t_fft, t_auto / t_fft, same ? "yes" : "NO");
    std::printf("RATIO ess_fft_time_rho_%.2f %.2f direct_autocovariance\n", rho, t_fft / t_direct);
  }
  const Chains chains = ar1(m, n, 0.9, 18);
  double value = 0;
  std::printf("\nOne column, AR(1) rho = 0.9 (split and rank-normalized as in the summary table):\n");
  std::printf("  ess_bulk     %8.2f ms\n", 1e3 * best_time([&] { return ess_bulk(chains); }, value));
  std::printf("  ess_tail     %8.2f ms\n", 1e3 * best_time([&] { return ess_tail(chains); }, value));
  std::printf("  rhat         %8.2f ms\n", 1e3 * best_time([&] { return rhat(chains); }, value));
  std::printf("  mcse_mean    %8.2f ms\n", 1e3 * best_time([&] { return mcse_mean(chains); }, value));

  std::printf("\nSummary row of a column of iid normal draws, best of 15:\n");
  for (const std::size_t chains_in_table : {std::size_t{1}, std::size_t{4}}) {
    const std::size_t per_chain = 100'000 / chains_in_table;
    const Chains iid = ar1(chains_in_table, per_chain, 0.0, 19);
    DrawTable t({"x"});
    t.reserve(100'000);
    for (std::size_t c = 0; c < chains_in_table; ++c)
      for (double x : iid[c]) t.add_row({x}, 0, c);
    const double t_summary = best_time([&] { return summarize(t)[0].rhat; }, value, 15);
    const double t_public = best_time(
        [&] {
          const Chains ch = t.column_by_chain("x");
          const std::vector<double> all = t.column("x");
          return quantile(all, 0.05) + quantile(all, 0.5) + quantile(all, 0.95) + mcse_mean(ch) + ess_bulk(ch) +
                 ess_tail(ch) + rhat(ch);
        },
        value, 15);
    std::printf("  %zu x %zu: summarize %6.2f ms (%5.1f ns a draw), public functions %6.2f ms\n", chains_in_table,
                per_chain, 1e3 * t_summary, 1e9 * t_summary / 100'000, 1e3 * t_public);
    std::printf("RATIO summarize_%zux%zu %.2f public_functions\n", chains_in_table, per_chain, t_summary / t_public);
  }
  return 0;
}
