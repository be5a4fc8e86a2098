// Checks and transformations of chains shared by R-hat and the ESS: splitting,
// average ranks, rank normalization (Blom's normal scores), folding.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>

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

// The sum of a chain's draws in order, their range, and whether all are finite. Not
// inlined: inlined into the loop over chains, GCC 12 kept sum, lo and hi on the stack,
// a store and a load in each addition's path (3x slower).
struct Scan {
  double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
  bool finite = true;
};
[[gnu::noinline]] Scan scan(std::span<const double> xs) {
  double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool finite = true;
  for (double x : xs) {
    sum += x;
    finite &= x - x == 0;  // NaN for a NaN or an infinity; the comparisons below take no NaN
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  return {sum, lo, hi, finite};
}

}  // namespace

ChainSums chain_sums(const ChainSpans& chains) {
  ChainSums out;
  out.sums.reserve(chains.size());
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool finite = true;
  for (const auto chain : chains) {
    const Scan s = scan(chain);
    out.sums.push_back(s.sum);
    finite = finite && s.finite;
    lo = std::min(lo, s.lo);
    hi = std::max(hi, s.hi);
  }
  out.degenerate = !finite || !(hi - lo >= std::numeric_limits<double>::epsilon());
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
  using namespace boost::math::policies;
  static const boost::math::normal_distribution<double, policy<promote_double<false>>> standard;
  return boost::math::quantile(standard, (rank - 3.0 / 8.0) / (s + 1.0 / 4.0));
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
