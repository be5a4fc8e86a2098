// Convergence diagnostics on simulated chains with known properties (iid normal
// draws, AR(1) chains of known autocorrelation, chains with shifted means), with
// tolerances from theory at fixed seeds, and against an independent direct
// (O(n^2), non-FFT) implementation of the ESS written here.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>

#include "alea/infer/diagnostics.hpp"
#include "stat_tests.hpp"

using namespace alea;
using alea::test::kFalseAlarm;
using alea::test::z_crit;

namespace {

// m chains of n draws of x_t = rho x_{t-1} + sqrt(1 - rho^2) e_t, started at stationarity
// (x_0 ~ normal(0, 1)); rho = 0 gives iid standard normal draws.
Chains ar1_chains(std::size_t m, std::size_t n, double rho, std::uint64_t seed, double shift_first = 0) {
  boost::random::mt19937_64 rng(seed);
  boost::random::normal_distribution<double> e;
  Chains chains(m, std::vector<double>(n));
  for (std::size_t c = 0; c < m; ++c) {
    double x = e(rng);
    for (std::size_t t = 0; t < n; ++t) {
      if (t > 0) x = rho * x + std::sqrt(1 - rho * rho) * e(rng);
      chains[c][t] = x + (c == 0 ? shift_first : 0.0);
    }
  }
  return chains;
}

// The ESS written independently of the library, as Vehtari et al. (2021) state it:
// rho_t = 1 - (W - mean_chains acov_t) / var+, with autocovariances by the direct sum;
// pairs P_k = rho_2k + rho_2k+1 kept while positive, made non-increasing, then
// tau = -1 + 2 sum_k P_k + max(rho_2K, 0), K the first pair not kept.
// (Valid away from the short-chain bound, which these tests never reach.)
double reference_ess(const Chains& chains) {
  const std::size_t m = chains.size(), n = chains[0].size();
  const double nd = static_cast<double>(n), md = static_cast<double>(m);
  std::vector<double> means(m, 0.0);
  for (std::size_t c = 0; c < m; ++c) {
    for (double x : chains[c]) means[c] += x;
    means[c] /= nd;
  }
  auto mean_acov = [&](std::size_t lag) {
    double total = 0;
    for (std::size_t c = 0; c < m; ++c) {
      double s = 0;
      for (std::size_t i = 0; i + lag < n; ++i) s += (chains[c][i] - means[c]) * (chains[c][i + lag] - means[c]);
      total += s / nd;
    }
    return total / md;
  };
  const double w = mean_acov(0) * nd / (nd - 1);
  double grand = 0, between = 0;
  for (double mu : means) grand += mu / md;
  for (double mu : means) between += (mu - grand) * (mu - grand) / (md - 1);
  const double var_plus = w * (nd - 1) / nd + (m > 1 ? between : 0.0);
  auto rho = [&](std::size_t t) { return t == 0 ? 1.0 : 1 - (w - mean_acov(t)) / var_plus; };

  double sum_pairs = 0, previous_pair = std::numeric_limits<double>::infinity();
  std::size_t k = 0;
  for (;; ++k) {
    const double pair = rho(2 * k) + rho(2 * k + 1);
    if (k > 0 && pair <= 0) break;
    previous_pair = std::min(previous_pair, pair);  // the initial monotone sequence
    sum_pairs += previous_pair;
  }
  const double tau = -1 + 2 * sum_pairs + std::max(rho(2 * k), 0.0);
  return md * nd / std::max(tau, 1 / std::log10(md * nd));
}

}  // namespace

TEST_CASE("ESS agrees with an independent direct implementation", "[infer][diagnostics]") {
  struct Case {
    std::size_t m, n;
    double rho;
    std::uint64_t seed;
  };
  for (const Case& c : {Case{1, 500, 0.0, 11}, Case{4, 300, 0.0, 12}, Case{4, 400, 0.6, 13}, Case{2, 1000, 0.9, 14},
                        Case{3, 257, -0.3, 15},
                        Case{2, 3000, 0.98, 16}}) {  // the last needs more than 64 lags: automatic uses the FFT
    INFO("m " << c.m << " n " << c.n << " rho " << c.rho);
    const Chains chains = ar1_chains(c.m, c.n, c.rho, c.seed);
    const double expected = reference_ess(chains);
    for (const AutocovMethod method : {AutocovMethod::fft, AutocovMethod::direct, AutocovMethod::automatic})
      CHECK(ess_of_chains(chains, method) == Approx(expected).epsilon(1e-9));
    CHECK(ess_basic(chains) == Approx(reference_ess(split_chains(chains))).epsilon(1e-9));
  }
}

TEST_CASE("bulk and tail ESS and the MCSE of the mean agree with independent computations", "[infer][diagnostics]") {
  const Chains chains = ar1_chains(3, 601, 0.7, 21);  // odd length: the middle draws are dropped
  // Split by hand: the first and last 300 draws of each chain.
  Chains split;
  for (const auto& c : chains) {
    split.emplace_back(c.begin(), c.begin() + 300);
    split.emplace_back(c.begin() + 301, c.end());
  }
  std::vector<double> all;
  for (const auto& c : split) all.insert(all.end(), c.begin(), c.end());
  std::vector<double> sorted = all;
  std::sort(sorted.begin(), sorted.end());
  const double s = static_cast<double>(all.size());

  // Bulk: Blom scores of the ranks (continuous draws: no ties, so a rank is a position in sorted).
  const boost::math::normal standard;
  Chains z = split;
  for (auto& c : z)
    for (double& x : c) {
      const double rank = static_cast<double>(std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin()) + 1;
      x = boost::math::quantile(standard, (rank - 0.375) / (s + 0.25));
    }
  CHECK(ess_bulk(chains) == Approx(reference_ess(z)).epsilon(1e-9));

  // Tail: indicators of x <= the 5% and 95% quantiles (linear interpolation, R's type 7).
  auto indicator_ess = [&](double p) {
    const double h = (s - 1) * p;
    const auto lo = static_cast<std::size_t>(h);
    const double q = sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
    Chains ind = split;
    for (auto& c : ind)
      for (double& x : c) x = x <= q ? 1.0 : 0.0;
    return reference_ess(ind);
  };
  CHECK(ess_quantile(chains, 0.05) == Approx(indicator_ess(0.05)).epsilon(1e-9));
  CHECK(ess_tail(chains) == Approx(std::min(indicator_ess(0.05), indicator_ess(0.95))).epsilon(1e-9));

  // MCSE of the mean: sd of every draw (the middle ones too) / sqrt(ESS of the split chains).
  double mean = 0, ss = 0, count = 0;
  for (const auto& c : chains)
    for (double x : c) mean += x, count += 1;
  mean /= count;
  for (const auto& c : chains)
    for (double x : c) ss += (x - mean) * (x - mean);
  CHECK(mcse_mean(chains) == Approx(std::sqrt(ss / (count - 1)) / std::sqrt(reference_ess(split))).epsilon(1e-9));
}

TEST_CASE("ESS of iid normal draws is close to the number of draws", "[infer][diagnostics]") {
  // 4 chains x 25,000 iid draws, S = 100,000. Bounds (false-alarm rate about 1e-4):
  // - above: every kept pair is positive, so tau >= 1 + 2 rho_1, and rho_1 ~ normal(0, 1/S):
  //   ESS <= S / (1 - 2 z / sqrt(S)), z the one-sided normal quantile;
  // - below: the kept pairs of iid draws stop after K more with P(K >= 15) = 2^-15, so
  //   |tau - 1| <= 2 sum_{t=1}^{30} |rho_t|, whose mean is 30 sqrt(2/pi) / sqrt(S) and whose
  //   sd is sqrt(30 (1 - 2/pi) / S).
  const std::size_t m = 4, n = 25'000;
  const double s = static_cast<double>(m * n);
  const Chains chains = ar1_chains(m, n, 0.0, 2026);
  const double z1 = z_crit(2 * kFalseAlarm);  // one-sided
  const double upper = s / (1 - 2 * z1 / std::sqrt(s));
  const double abs_sum = (30 * std::sqrt(2 / std::numbers::pi) + z1 * std::sqrt(30 * (1 - 2 / std::numbers::pi))) / std::sqrt(s);
  const double lower = s / (1 + 2 * abs_sum);
  for (const double ess : {ess_basic(chains), ess_bulk(chains)}) {
    CHECK(ess <= upper);
    CHECK(ess >= lower);
  }
  // The tail ESS is of indicator chains, iid too: the same bounds hold.
  const double tail = ess_tail(chains);
  CHECK(tail <= upper);
  CHECK(tail >= lower);
}

TEST_CASE("ESS of an AR(1) chain is n (1 - rho) / (1 + rho)", "[infer][diagnostics]") {
  // tau = (1 + rho) / (1 - rho). Sokal's variance of a windowed estimate with window M:
  // Var(tau_hat) / tau^2 ~ 2 (2M + 1) / S. The window stays below M = 60 (rho^60 < 1e-2 / sqrt(S)
  // for these rho, and then pairs stop with P(15 more) = 2^-15), so the relative error of the
  // ESS is below z sqrt(2 (2M + 1) / S) at false-alarm rate 1e-4. Normal scores of a Gaussian
  // chain are asymptotically the chain itself, so the bulk ESS has the same target.
  const std::size_t m = 4, n = 25'000;
  const double s = static_cast<double>(m * n);
  const double tolerance = z_crit() * std::sqrt(2.0 * (2 * 60 + 1) / s);
  for (const double rho : {0.5, 0.8}) {
    INFO("rho " << rho);
    const Chains chains = ar1_chains(m, n, rho, 77);
    const double expected = s * (1 - rho) / (1 + rho);
    CHECK(std::abs(ess_basic(chains) / expected - 1) <= tolerance);
    CHECK(std::abs(ess_bulk(chains) / expected - 1) <= tolerance);
  }
  // MCSE of the mean: sd / sqrt(ESS), the sd of the mean of an AR(1) chain being sqrt(tau / S).
  const Chains chains = ar1_chains(m, n, 0.5, 78);
  const double expected_mcse = std::sqrt(3.0 / s);
  CHECK(std::abs(mcse_mean(chains) / expected_mcse - 1) <= tolerance);  // sqrt halves the relative error
}

TEST_CASE("the ESS cap S log10(S) for an antithetic chain", "[infer][diagnostics]") {
  // AR(1) with rho = -0.9: tau = 0.1 / 1.9 = 0.053, below 1 / log10(1000) = 1/3 by far more than
  // its sampling error (relative sd sqrt(2 (2M + 1) / 1000) < 0.6 for M < 100): capped.
  const Chains chains = ar1_chains(1, 1000, -0.9, 31);
  CHECK(ess_of_chains(chains) == Approx(1000 * std::log10(1000.0)).epsilon(1e-12));
}

TEST_CASE("R-hat flags chains with shifted means and passes iid chains", "[infer][diagnostics]") {
  const std::size_t m = 4, n = 1000;
  // iid chains: with split chains of h = n/2 draws, B/W ~ F(2m - 1, 2m(h - 1)) ~ chi2(2m - 1)/(2m - 1),
  // and R^2 = (h - 1)/h + B/(hW), so R > 1.01 needs B/W > 1 + 0.0201 h. Both the bulk and the
  // folded R-hat must pass: the false-alarm rate is at most twice the chi-square tail.
  const double h = n / 2.0, dof = 2.0 * m - 1;
  const double threshold = 1 + (1.01 * 1.01 - 1) * h;
  const double alpha =
      2 * boost::math::cdf(boost::math::complement(boost::math::chi_squared(dof), dof * threshold));
  REQUIRE(alpha < kFalseAlarm);
  const Chains iid = ar1_chains(m, n, 0.0, 5150);
  CHECK(rhat(iid) < 1.01);
  CHECK(split_rhat(iid) < 1.01);
  // A shift of 1 sd in one chain of four: 2 of the 8 split means are 1 higher, so
  // B/h ~ var(means) ~ (2 (3/4)^2 + 6 (1/4)^2) / 7 = 3/14 and R ~ sqrt(1 + 3/14) ~ 1.10;
  // sampling noise in the means (sd sqrt(1/h) = 0.045) cannot bring it below 1.01.
  const Chains shifted = ar1_chains(m, n, 0.0, 5151, 1.0);
  CHECK(rhat(shifted) > 1.05);
  CHECK(split_rhat(shifted) > 1.05);
  // A chain drifting within itself (a trend): split R-hat sees what whole-chain R-hat misses.
  Chains trend = ar1_chains(m, n, 0.0, 5152);
  for (auto& chain : trend)
    for (std::size_t t = 0; t < n; ++t) chain[t] += 2.0 * static_cast<double>(t) / static_cast<double>(n);
  CHECK(split_rhat(trend) > 1.05);
  CHECK(rhat_of_chains(trend) < 1.01);
}

TEST_CASE("R-hat of a single chain is the split R-hat of its halves", "[infer][diagnostics]") {
  const Chains one = ar1_chains(1, 2000, 0.0, 99);
  const std::vector<double>& x = one[0];
  const Chains halves = {{x.begin(), x.begin() + 1000}, {x.begin() + 1000, x.end()}};
  CHECK(split_rhat(one) == Approx(rhat_of_chains(halves)).epsilon(1e-14));
  CHECK(rhat(one) < 1.01);  // iid: the chi-square bound of the test above, with 2 halves of 1000
}

TEST_CASE("MCSE of the sd and of quantiles of iid normal draws", "[infer][diagnostics]") {
  // S = 100,000 iid standard normal draws; ESS within the bounds of the iid test (+2.4%, -11%).
  const std::size_t m = 4, n = 25'000;
  const double s = static_cast<double>(m * n);
  const Chains chains = ar1_chains(m, n, 0.0, 4242);
  // sd of the sample sd: 1 / sqrt(2S). The estimate's error: the ESS factor (at most 6% on the
  // square root) plus the estimated Var((x - mean)^2) = 2 (relative sd sqrt(56 / S) / 2 on
  // the variance): within 10% together.
  CHECK(std::abs(mcse_sd(chains) * std::sqrt(2 * s) - 1) <= 0.10);
  // The p-quantile's sd: sqrt(p (1 - p) / S) / phi(q_p). The estimate is half the distance
  // between order statistics about 2 sqrt(S p (1 - p)) apart, whose relative sd is
  // 1 / sqrt(that count); with z = 3.9 and the ESS factor, within 25% for p = 0.5 and 0.05.
  const boost::math::normal standard;
  for (const double p : {0.5, 0.05}) {
    INFO("p " << p);
    const double q = boost::math::quantile(standard, p);
    const double expected = std::sqrt(p * (1 - p) / s) / boost::math::pdf(standard, q);
    const double count = 2 * std::sqrt(s * p * (1 - p));
    const double tolerance = z_crit() / std::sqrt(count) + 0.06;
    CHECK(std::abs(mcse_quantile(chains, p) / expected - 1) <= tolerance);
  }
}
