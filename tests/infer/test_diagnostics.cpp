// Convergence diagnostics against values computed by hand on tiny fixed chains, and
// their edge cases: unequal lengths, constant and non-finite draws, short chains.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <limits>

#include <cstdint>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include "alea/infer/diagnostics.hpp"
#include "alea/infer/summary.hpp"

using namespace alea;
using Catch::Matchers::Contains;

TEST_CASE("split R-hat of 2 chains x 4 draws by hand", "[infer][diagnostics]") {
  // Halves {1,2} {3,4} {2,4} {6,8}: means 1.5, 3.5, 3, 7; variances (n - 1 = 1) 0.5, 0.5, 2, 2.
  const Chains chains = {{1, 2, 3, 4}, {2, 4, 6, 8}};
  const double w = (0.5 + 0.5 + 2 + 2) / 4;                  // W = 1.25
  const double grand = (1.5 + 3.5 + 3 + 7) / 4;              // 3.75
  const double var_means = (std::pow(1.5 - grand, 2) + std::pow(3.5 - grand, 2) + std::pow(3 - grand, 2) +
                            std::pow(7 - grand, 2)) / 3;     // 16.25 / 3
  const double b = 2 * var_means;                            // B = n * var(means), n = 2
  const double var_plus = (2.0 - 1) / 2 * w + b / 2;
  CHECK(split_rhat(chains) == Approx(std::sqrt(var_plus / w)).epsilon(1e-14));
  CHECK(split_rhat(chains) == Approx(2.198484).epsilon(1e-6));  // sqrt(4.8333...)
  // rhat_of_chains does not split: chains {1..4} and {2,4,6,8} as given.
  // Means 2.5, 5; variances 5/3, 20/3; W = 25/6; B = 4 * var(2.5, 5) = 4 * 3.125 = 12.5.
  const double w2 = 25.0 / 6, b2 = 12.5;
  CHECK(rhat_of_chains(chains) == Approx(std::sqrt((3.0 / 4 * w2 + b2 / 4) / w2)).epsilon(1e-14));
}

TEST_CASE("split chains drop the middle draw of an odd-length chain", "[infer][diagnostics]") {
  const Chains split = split_chains({{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}});
  REQUIRE(split.size() == 4);
  CHECK(split[0] == std::vector<double>{1, 2});
  CHECK(split[1] == std::vector<double>{4, 5});
  CHECK(split[2] == std::vector<double>{6, 7});
  CHECK(split[3] == std::vector<double>{9, 10});
  // So split R-hat of odd chains equals that of the chains without their middle draws.
  CHECK(split_rhat({{1, 2, 9, 3, 4}, {2, 4, -7, 6, 8}}) == Approx(split_rhat({{1, 2, 3, 4}, {2, 4, 6, 8}})));
}

TEST_CASE("autocovariance of a 3-draw chain by hand, and the FFT against the direct sum", "[infer][diagnostics]") {
  // {1, 2, 3}: centred {-1, 0, 1}; acov_k = (1/3) sum y_i y_{i+k}.
  const std::vector<double> acov = autocovariance({1, 2, 3});
  REQUIRE(acov.size() == 3);
  CHECK(acov[0] == Approx(2.0 / 3).epsilon(1e-14));
  CHECK(acov[1] == Approx(0.0).margin(1e-14));  // (-1)(0) + (0)(1)
  CHECK(acov[2] == Approx(-1.0 / 3).epsilon(1e-14));

  // A chain whose length is not a power of two (the padding must remove the wrap-around).
  const std::vector<double> x = {1.5, -0.3, 2.2, 4.1, 0.7, -1.9, 3.3, 2.8, 0.1, -0.6, 1.2};
  const std::size_t n = x.size();
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(n);
  const std::vector<double> fft = autocovariance(x);
  REQUIRE(fft.size() == n);
  for (std::size_t k = 0; k < n; ++k) {
    double direct = 0;
    for (std::size_t i = 0; i + k < n; ++i) direct += (x[i] - mean) * (x[i + k] - mean);
    direct /= static_cast<double>(n);
    INFO("lag " << k);
    CHECK(fft[k] == Approx(direct).margin(1e-12));
  }
}

TEST_CASE("average ranks and Blom normal scores of a small set", "[infer][diagnostics]") {
  // 1 appears twice: ranks 1 and 2 averaged to 1.5.
  CHECK(average_ranks({3, 1, 4, 1, 5}) == std::vector<double>{3, 1.5, 4, 1.5, 5});
  CHECK(average_ranks({2, 2, 2}) == std::vector<double>{2, 2, 2});
  // z = Phi^-1((r - 3/8) / (S + 1/4)), S = 6 over both chains, ranks pooled across chains.
  const Chains z = rank_normalize({{3, 1, 4}, {1, 5, 9}});
  const boost::math::normal standard;
  REQUIRE(z.size() == 2);
  REQUIRE(z[0].size() == 3);
  REQUIRE(z[1].size() == 3);
  // Ranks: 3 -> 3, 1 -> 1.5, 4 -> 4; 1 -> 1.5, 5 -> 5, 9 -> 6.
  CHECK(z[0][0] == Approx(boost::math::quantile(standard, 2.625 / 6.25)).epsilon(1e-14));
  CHECK(z[0][1] == Approx(boost::math::quantile(standard, 1.125 / 6.25)).epsilon(1e-14));
  CHECK(z[0][1] == Approx(-0.915365).epsilon(1e-5));  // Phi^-1(0.18)
  CHECK(z[0][2] == Approx(boost::math::quantile(standard, 3.625 / 6.25)).epsilon(1e-14));
  CHECK(z[1][0] == z[0][1]);
  CHECK(z[1][1] == Approx(boost::math::quantile(standard, 4.625 / 6.25)).epsilon(1e-14));
  CHECK(z[1][2] == Approx(boost::math::quantile(standard, 5.625 / 6.25)).epsilon(1e-14));
  // Symmetry: ranks r and S + 1 - r get opposite scores (3 and 4 here: 2.625 + 3.625 = 6.25).
  CHECK(z[0][0] == Approx(-z[0][2]).epsilon(1e-14));
}

TEST_CASE("the normal quantile (AS 241) agrees with Boost's to 1e-15 relative", "[infer][diagnostics]") {
  // AS 241's rational approximations are good to about 1e-16; evaluated in double they
  // add a few units in the last place (2.2e-16 each). Boost's reference here computes in
  // long double. Points: a fine grid of (0, 1), both tails out to 1e-300, and the Blom
  // points (r - 3/8) / (S + 1/4) of S = 100,000 draws.
  const boost::math::normal precise;
  std::vector<double> ps;
  for (int k = 1; k < 200'000; ++k) ps.push_back(k / 200'000.0);
  for (double p = 1e-300; p < 0.5; p *= 1.01) {
    ps.push_back(p);
    if (p > 1e-15) ps.push_back(1 - p);  // 1 - p is exactly representable only down to about 1e-16
  }
  for (int r = 1; r <= 100'000; ++r) ps.push_back((r - 0.375) / 100'000.25);
  double worst = 0;
  for (double p : ps) {
    const double expected = boost::math::quantile(precise, p);
    if (expected != 0) worst = std::max(worst, std::abs(standard_normal_quantile(p) - expected) / std::abs(expected));
  }
  CHECK(worst < 1e-15);
  CHECK(standard_normal_quantile(0.5) == 0);
  CHECK(standard_normal_quantile(0.0) == -std::numeric_limits<double>::infinity());
  CHECK(standard_normal_quantile(1.0) == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(standard_normal_quantile(-0.1)));
  CHECK(std::isnan(standard_normal_quantile(1.5)));
  CHECK(std::isnan(standard_normal_quantile(std::numeric_limits<double>::quiet_NaN())));
}

TEST_CASE("average ranks against counting, over signs, magnitudes, zeros and ties", "[infer][diagnostics]") {
  // The rank of x among xs, by definition: 1 + #(smaller) + (#(equal) - 1) / 2.
  boost::random::mt19937_64 rng(5);
  std::vector<double> xs = {-0.0, 0.0, 1e-300, -1e-300, 5e-324, 1e300, -1e300, 2.5, 2.5, 2.5, -7};
  for (int i = 0; i < 3000; ++i) {
    const auto bits = static_cast<std::uint64_t>(rng());
    const double x = std::ldexp(static_cast<double>(bits >> 11), static_cast<int>(bits % 64) - 80);
    xs.push_back(bits % 3 == 0 ? -x : x);
    if (bits % 5 == 0) xs.push_back(xs[static_cast<std::size_t>(bits % xs.size())]);  // a tie
  }
  const std::vector<double> ranks = average_ranks(xs);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    double smaller = 0, equal = 0;
    for (double y : xs) {
      smaller += y < xs[i];
      equal += y == xs[i];
    }
    wrong += ranks[i] != 1 + smaller + (equal - 1) / 2;
  }
  CHECK(wrong == 0);
}

TEST_CASE("average ranks of draws that differ only far below the largest's leading bits", "[infer][diagnostics]") {
  // The radix sort orders by 33 bits from the highest bit on which the draws differ; draws
  // that agree there are put in order afterwards. Draws in [1e6, 1e6 + 1e-4] (relative
  // spread 1e-10, far below 2^-21): alone, the window starts low enough to tell them
  // apart; next to a few of other magnitudes (1e300 among them) they all share one window
  // and only the ordering afterwards tells them apart.
  boost::random::mt19937_64 rng(6);
  boost::random::uniform_real_distribution<double> u(0, 1e-4);
  for (const bool outliers : {true, false}) {
    std::vector<double> xs;
    for (int i = 0; i < 2000; ++i) xs.push_back(1e6 + u(rng));
    if (outliers) xs.insert(xs.end(), {-3.0, 1e300, 0.5, 1e6 + 1e-4, 1e6});
    const std::vector<double> ranks = average_ranks(xs);
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      double smaller = 0, equal = 0;
      for (double y : xs) {
        smaller += y < xs[i];
        equal += y == xs[i];
      }
      wrong += ranks[i] != 1 + smaller + (equal - 1) / 2;
    }
    INFO("with outliers: " << outliers);
    CHECK(wrong == 0);
  }
}

TEST_CASE("folding around the median of all draws", "[infer][diagnostics]") {
  // Draws 1, 2, 3, 10 (two chains): median 2.5.
  CHECK(fold({{1, 10}, {2, 3}}) == Chains{{1.5, 7.5}, {0.5, 0.5}});
}

TEST_CASE("ESS by hand for chains too short for the initial sequence", "[infer][diagnostics]") {
  // 2 chains x 4 draws: rho_0 = 1 and the odd term rho_1 only (no pair fits in 4 draws).
  const Chains chains = {{1, 3, 2, 4}, {2, 1, 4, 3}};
  // Chain means 2.5, 2.5; acov_0 = (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25 for both;
  // acov_1 chain 1: (-1.5)(0.5) + (0.5)(-0.5) + (-0.5)(1.5) = -1.75, / 4 = -0.4375;
  // chain 2: (-0.5)(-1.5) + (-1.5)(1.5) + (1.5)(0.5) = -0.75, / 4 = -0.1875.
  // rho_1 = 1 - (W - mean acov_1) / var+ = 1 - (5/3 + 0.3125) / 1.25 < 0, but the loop adds no
  // pair when n <= 5, and as posterior tau = -1 + 2 rho_0 + rho_0 = 2 whatever rho_1 is.
  CHECK(ess_of_chains(chains) == Approx(8.0 / 2).epsilon(1e-14));
  CHECK(ess_of_chains(chains, AutocovMethod::direct) == Approx(8.0 / 2).epsilon(1e-14));
  CHECK(ess_of_chains(chains, AutocovMethod::fft) == Approx(8.0 / 2).epsilon(1e-14));
}

TEST_CASE("ESS by hand with one pair of lags", "[infer][diagnostics]") {
  // One chain 0..6: the loop looks at one pair (t = 2 < 7 - 5), then stops at the bound.
  // Centred draws -3..3; acov_k = (1/7) sum y_i y_{i+k}: 28/7, 16/7, 5/7, -4/7 for k = 0..3.
  // With one chain W = acov_0 n/(n-1) and var+ = acov_0, so rho_k = acov_k / acov_0 - 1/(n-1):
  const double rho1 = 16.0 / 28 - 1.0 / 6;  // 17/42
  const double rho2 = 5.0 / 28 - 1.0 / 6;   // 1/84
  const double rho3 = -4.0 / 28 - 1.0 / 6;  // -13/42
  REQUIRE(rho2 + rho3 < 0);                 // the pair is not kept, but rho_2 > 0 enters the improved estimate
  const double tau = -1 + 2 * (1 + rho1) + rho2;  // 153/84
  REQUIRE(tau > 1 / std::log10(7.0));             // above the cap
  const std::vector<double> x = {0, 1, 2, 3, 4, 5, 6};
  CHECK(ess_of_chains({x}) == Approx(7 / tau).epsilon(1e-12));
  CHECK(ess_of_chains({x}) == Approx(196.0 / 51).epsilon(1e-12));
  CHECK(ess_of_chains({x}, AutocovMethod::direct) == Approx(7 / tau).epsilon(1e-12));
  CHECK(ess_of_chains({x}, AutocovMethod::fft) == Approx(7 / tau).epsilon(1e-12));
}

TEST_CASE("an alternating chain: the first pair is not positive, so tau = 2 as Stan and posterior", "[infer][diagnostics]") {
  // +1, -1, ...: acov_1 / acov_0 = -(n-1)/n, so rho_1 = -0.99 - 1/99 < -1 and rho_0 + rho_1 < 0:
  // no pair is added and tau = -1 + 2 rho_0 + rho_0 = 2.
  std::vector<double> x(100);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = i % 2 == 0 ? 1.0 : -1.0;
  CHECK(ess_of_chains({x}) == Approx(100.0 / 2).epsilon(1e-12));
}

TEST_CASE("diagnostics of constant and non-finite draws are NaN, never a crash", "[infer][diagnostics]") {
  const Chains constant = {{2, 2, 2, 2, 2, 2}, {2, 2, 2, 2, 2, 2}};
  CHECK(std::isnan(rhat(constant)));
  CHECK(std::isnan(split_rhat(constant)));
  CHECK(std::isnan(ess_bulk(constant)));
  CHECK(std::isnan(ess_tail(constant)));
  CHECK(std::isnan(ess_basic(constant)));
  CHECK(std::isnan(mcse_mean(constant)));
  CHECK(std::isnan(mcse_sd(constant)));
  CHECK(std::isnan(mcse_quantile(constant, 0.5)));
  const double inf = std::numeric_limits<double>::infinity();
  const Chains with_inf = {{1, 2, 3, inf, 5, 6}, {1, 2, 3, 4, 5, 6}};
  CHECK(std::isnan(rhat(with_inf)));
  CHECK(std::isnan(ess_bulk(with_inf)));
  CHECK(std::isnan(ess_tail(with_inf)));
  const Chains with_nan = {{1, 2, 3, std::nan(""), 5, 6}};
  CHECK(std::isnan(rhat(with_nan)));
  CHECK(std::isnan(ess_basic(with_nan)));
  // Each chain constant at a different value: W = 0, so R-hat is infinite, not NaN.
  CHECK(std::isinf(split_rhat({{1, 1, 1, 1}, {2, 2, 2, 2}})));
  // Fewer than 4 draws a chain: halves of under 2 draws.
  CHECK(std::isnan(rhat({{1, 2, 3}, {3, 1, 2}})));
  CHECK(std::isnan(ess_bulk({{1, 2, 3}})));
  CHECK(std::isnan(ess_bulk({{1}})));
}

TEST_CASE("chains of unequal length and empty input are clear errors", "[infer][diagnostics]") {
  const Chains unequal = {{1, 2, 3, 4}, {1, 2, 3}};
  CHECK_THROWS_WITH(rhat(unequal), Contains("rhat: chains of unequal length (chain 1 has 4 draws, chain 2 has 3)"));
  CHECK_THROWS_WITH(ess_bulk(unequal), Contains("ess_bulk: chains of unequal length"));
  CHECK_THROWS_WITH(ess_tail(unequal), Contains("chains of unequal length"));
  CHECK_THROWS_WITH(mcse_mean(unequal), Contains("mcse_mean: chains of unequal length"));
  CHECK_THROWS_WITH(split_rhat(Chains{}), Contains("split_rhat: no chains"));
  CHECK_THROWS_WITH(ess_basic({{1, 2}, {}}), Contains("ess_basic: chain 2 has no draws"));
  CHECK_THROWS_WITH(ess_quantile({{1, 2, 3, 4}}, 1.5),
                    Contains("ess_quantile: probability p is 1.500000, but must be in [0, 1]"));
}

TEST_CASE("discrete draws: ties get average ranks; a quantile at the maximum has no tail ESS", "[infer][diagnostics]") {
  // Draws 0, 1, 2 in blocks of 3: many ties, ranks averaged within each value.
  Chains chains(2, std::vector<double>(40));
  for (std::size_t c = 0; c < 2; ++c)
    for (std::size_t i = 0; i < 40; ++i) chains[c][i] = static_cast<double>((i / 3 + c) % 3);
  const double bulk = ess_bulk(chains);
  CHECK(std::isfinite(bulk));
  CHECK(bulk > 0);
  CHECK(std::isfinite(rhat(chains)));
  // The 95% quantile is 2, the maximum: every draw is <= 2, the indicator is constant, and
  // its ESS undefined (NaN, as posterior's NA).
  CHECK(std::isnan(ess_quantile(chains, 0.95)));
  CHECK(std::isnan(ess_tail(chains)));
  CHECK(std::isfinite(ess_quantile(chains, 0.05)));
  // 0/1 draws, as many of each: the median is 1/2, the folded draws are all 1/2, so the tail
  // R-hat and with it R-hat are NaN (posterior: NA).
  const Chains balanced = {{0, 1, 1, 0, 0, 1}, {1, 0, 0, 1, 1, 0}};
  CHECK(std::isnan(rhat(balanced)));
  CHECK(std::isfinite(split_rhat(balanced)));
}

TEST_CASE("both warnings at once, naming each variable", "[infer][diagnostics]") {
  // Two rows built by hand: one with a high R-hat, one with a low tail ESS (2 chains: floor 200).
  std::vector<ColumnSummary> rows(2);
  rows[0].name = "mu";
  rows[0].rhat = 1.02;
  rows[0].ess_bulk = rows[0].ess_tail = 1000;
  rows[1].name = "tau";
  rows[1].rhat = 1.001;
  rows[1].ess_bulk = 500;
  rows[1].ess_tail = 150;
  for (auto& r : rows) r.chains = 2;
  CHECK(summary_warnings(rows) ==
        "Warning: R_hat > 1.01 for mu: the chains have not mixed; the draws are not yet from one distribution.\n"
        "Warning: ESS_bulk or ESS_tail below 100 per chain (200) for tau: means and quantiles are unreliable; run "
        "longer chains.\n");
}
