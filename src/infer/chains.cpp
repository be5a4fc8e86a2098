// Checks and transformations of chains shared by R-hat and the ESS: splitting,
// average ranks, rank normalization (Blom's normal scores), folding.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "alea/infer/summary.hpp"
#include "diagnostics_detail.hpp"

namespace alea {

namespace diag_detail {

void check_chains(const Chains& chains, const std::string& function) {
  if (chains.empty()) throw std::invalid_argument(function + ": no chains");
  const std::size_t n = chains[0].size();
  for (std::size_t c = 0; c < chains.size(); ++c) {
    if (chains[c].empty()) throw std::invalid_argument(function + ": chain " + std::to_string(c + 1) + " has no draws");
    if (chains[c].size() != n)
      throw std::invalid_argument(function + ": chains of unequal length (chain 1 has " + std::to_string(n) +
                                  " draws, chain " + std::to_string(c + 1) + " has " +
                                  std::to_string(chains[c].size()) + ")");
  }
}

ChainSpans spans_of(const Chains& chains) { return ChainSpans(chains.begin(), chains.end()); }

bool degenerate(const Chains& chains) { return chain_sums(spans_of(chains)).degenerate; }

namespace {

// The running sums (in order, from 0) and ranges of one chain, or of two of equal length
// side by side: two independent additions a step, where one chain waits on each of its
// additions. Plain variables, each function on its own (not inlined): given arrays, or
// inlined into the loop over chains, GCC 12 kept the sums in memory, a store and a load
// in each addition's path.
struct Range {
  double lo, hi;
  void take(double x) {
    lo = x < lo ? x : lo;  // a NaN is never taken; it makes its chain's sum NaN
    hi = x > hi ? x : hi;
  }
};

[[gnu::noinline]] double scan_one(std::span<const double> x, Range& range) {
  double sum = 0;
  Range r = range;
  for (double v : x) sum += v, r.take(v);
  range = r;
  return sum;
}

[[gnu::noinline]] void scan_two(std::span<const double> x, std::span<const double> y, double& sum_x_out,
                                double& sum_y_out, Range& range) {
  double sum_x = 0, sum_y = 0;
  Range rx = range, ry = range;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double a = x[i], b = y[i];
    sum_x += a;
    rx.take(a);
    sum_y += b;
    ry.take(b);
  }
  range = {std::min(rx.lo, ry.lo), std::max(rx.hi, ry.hi)};
  sum_x_out = sum_x;  // (not a returned pair: GCC 12 then paired the sums in one register kept in memory)
  sum_y_out = sum_y;
}

}  // namespace

ChainSums chain_sums(const ChainSpans& chains) {
  ChainSums out;
  out.sums.resize(chains.size());
  Range range{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (std::size_t c = 0; c < chains.size();) {
    if (c + 1 < chains.size() && chains[c + 1].size() == chains[c].size()) {
      scan_two(chains[c], chains[c + 1], out.sums[c], out.sums[c + 1], range);
      c += 2;
    } else {
      out.sums[c] = scan_one(chains[c], range);
      c += 1;
    }
  }
  // An infinite draw is the low or the high one; a NaN makes its chain's sum NaN (and a
  // sum of finite draws may overflow to an infinity, never to NaN).
  bool finite = std::isfinite(range.lo) && std::isfinite(range.hi);
  for (double sum : out.sums) finite = finite && !std::isnan(sum);
  out.degenerate = !finite || !(range.hi - range.lo >= std::numeric_limits<double>::epsilon());
  return out;
}

bool split_unusable(const Chains& chains) { return chains[0].size() < 4 || degenerate(chains); }

std::vector<double> pooled(const Chains& chains) {
  std::vector<double> all;
  for (const auto& chain : chains) all.insert(all.end(), chain.begin(), chain.end());
  return all;
}

double blom_score(double rank, double s) {
  // Ranks r and s + 1 - r get exactly opposite scores, both from the lower rank.
  if (rank > (s + 1) / 2) return -blom_score(s + 1 - rank, s);
  return standard_normal_quantile((rank - 3.0 / 8.0) / (s + 1.0 / 4.0));
}

}  // namespace diag_detail

using namespace diag_detail;

Chains split_chains(const Chains& chains) {
  check_chains(chains, "split_chains");
  const std::size_t n = chains[0].size(), half = n / 2;
  if (half == 0) throw std::invalid_argument("split_chains: chains of 1 draw cannot be split");
  Chains out;
  for (const auto& chain : chains) {
    out.emplace_back(chain.begin(), chain.begin() + static_cast<std::ptrdiff_t>(half));
    // An odd-length chain loses its middle draw.
    out.emplace_back(chain.end() - static_cast<std::ptrdiff_t>(half), chain.end());
  }
  return out;
}

std::vector<double> average_ranks(const std::vector<double>& xs) {
  const std::vector<std::uint32_t> order = sorted_order(xs);
  std::vector<double> ranks(xs.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && xs[order[j + 1]] == xs[order[i]]) ++j;
    // Positions i..j (0-based) hold one value: ranks i+1..j+1, average (i + j) / 2 + 1.
    const double rank = static_cast<double>(i + j) / 2.0 + 1.0;
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

Chains rank_normalize(const Chains& chains) {
  check_chains(chains, "rank_normalize");
  const std::vector<double> ranks = average_ranks(pooled(chains));
  const double s = static_cast<double>(ranks.size());
  Chains out;
  std::size_t k = 0;
  for (const auto& chain : chains) {
    std::vector<double> z(chain.size());
    for (double& v : z) v = blom_score(ranks[k++], s);
    out.push_back(std::move(z));
  }
  return out;
}

Chains fold(const Chains& chains) {
  check_chains(chains, "fold");
  const double median = quantile(pooled(chains), 0.5);
  Chains out = chains;
  for (auto& chain : out)
    for (double& x : chain) x = std::abs(x - median);
  return out;
}

}  // namespace alea
