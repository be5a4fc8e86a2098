// The summary's diagnostics of one column from one sort of its draws. The public
// functions (rhat, ess_bulk, ess_tail, mcse_mean) each sort and rank-normalize the
// draws again: four sorts and 2S normal quantiles for S draws. Here the draws are
// sorted once (a radix sort on their bit patterns); the split chains' ranks and the
// quantiles of every draw and of the split draws come from that order, and the folded
// draws |x - median| are sorted by merging the two sides of the median (below it,
// descending x is ascending |x - median|). Normal scores of integer ranks are computed
// once and shared by the bulk and folded normalizations, and one buffer of split chains
// serves every ESS and R-hat in turn: a summary of 10^5 draws touches a few MB, not
// tens (each new page is a page fault, and those dominate on a busy machine).
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

#include "diagnostics_detail.hpp"

namespace alea::diag_detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A finite double's bits as an unsigned key that orders as the number does.
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// Blom scores of ranks among s draws, each integer rank's computed once.
class Scores {
 public:
  explicit Scores(std::size_t s) : s_(static_cast<double>(s)), integer_(s, kNaN) {}
  double operator()(std::size_t first, std::size_t last) {  // average rank of positions first..last (0-based)
    if ((first + last) % 2 != 0) return blom_score(static_cast<double>(first + last) / 2.0 + 1.0, s_);
    double& z = integer_[(first + last) / 2];
    if (std::isnan(z)) z = blom_score(static_cast<double>((first + last) / 2 + 1), s_);
    return z;
  }

 private:
  double s_;
  std::vector<double> integer_;
};

// The draws of every chain, pooled (chain after chain), and their split chains (2m
// chains of `half` draws: chain c's first half, then its last half; an odd chain's
// middle draw left out), with the slot of each pooled draw in a buffer of split chains.
class SplitView {
 public:
  // One chain is moved in as it is, not copied.
  explicit SplitView(Chains&& chains) : split_(2 * chains.size(), std::vector<double>(chains[0].size() / 2)) {
    const std::size_t m = chains.size(), n = chains[0].size(), half = n / 2;
    all_ = m == 1 ? std::move(chains[0]) : pooled(chains);
    slot_.assign(all_.size(), nullptr);
    for (std::size_t c = 0; c < m; ++c)
      for (std::size_t i = 0; i < half; ++i) {
        slot_[c * n + i] = &split_[2 * c][i];
        slot_[c * n + (n - half) + i] = &split_[2 * c + 1][i];
      }
  }
  const std::vector<double>& all() const { return all_; }
  double operator[](std::size_t g) const { return all_[g]; }
  std::size_t size() const { return all_.size(); }
  bool in_split(std::size_t g) const { return slot_[g] != nullptr; }
  // The split chains buffer, and the slot of pooled draw g in it (nullptr for a middle draw).
  Chains& split() { return split_; }
  double* slot(std::size_t g) const { return slot_[g]; }

 private:
  std::vector<double> all_;
  Chains split_;
  std::vector<double*> slot_;
};

// R's type-7 quantile of the draws at `order` (ascending) of xs.
double ordered_quantile(const SplitView& xs, const std::vector<std::uint32_t>& order, double p) {
  const double h = (static_cast<double>(order.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double x_lo = xs[order[lo]];
  const double x_hi = lo + 1 < order.size() ? xs[order[lo + 1]] : x_lo;
  return x_lo + (h - static_cast<double>(lo)) * (x_hi - x_lo);
}

// Writes the normal score of each split draw into its slot, given the split draws'
// ascending order by `value(g)`; ties share their average rank's score.
template <class Value>
void normal_scores(const SplitView& xs, const std::vector<std::uint32_t>& order, const Value& value, Scores& scores) {
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && value(order[j + 1]) == value(order[i])) ++j;
    const double score = scores(i, j);
    for (std::size_t k = i; k <= j; ++k) *xs.slot(order[k]) = score;
    i = j + 1;
  }
}

}  // namespace

std::vector<std::uint32_t> sorted_order(const std::vector<double>& xs) {
  const std::size_t n = xs.size();
  // LSD radix sort of 64-bit items: the key's high bits above the index's, 11-bit
  // digits, skipping digits every item shares. Draws whose keys differ only in the bits
  // the index displaced come out in index order; each such run is sorted at the end.
  int index_bits = 0;
  while (index_bits < 32 && (std::uint64_t{1} << index_bits) < n) ++index_bits;
  const std::uint64_t index_mask = (std::uint64_t{1} << index_bits) - 1;
  std::vector<std::uint64_t> a(n), b(n);
  for (std::size_t i = 0; i < n; ++i) a[i] = (order_key(xs[i]) & ~index_mask) | i;
  constexpr int kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  std::vector<std::uint32_t> count(kBuckets);
  for (int shift = index_bits; shift < 64; shift += kBits) {
    std::fill(count.begin(), count.end(), 0u);
    for (std::uint64_t item : a) ++count[(item >> shift) & (kBuckets - 1)];
    if (n == 0 || count[(a[0] >> shift) & (kBuckets - 1)] == n) continue;  // one bucket: order unchanged
    std::uint32_t offset = 0;
    for (auto& c : count) offset += std::exchange(c, offset);
    for (std::uint64_t item : a) b[count[(item >> shift) & (kBuckets - 1)]++] = item;
    a.swap(b);
  }
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(a[i] & index_mask);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && (a[j] & ~index_mask) == (a[i] & ~index_mask)) ++j;
    if (j - i > 1)
      std::sort(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(j),
                [&](std::uint32_t x, std::uint32_t y) { return xs[x] < xs[y]; });
    i = j;
  }
  return order;
}

ColumnDiagnostics column_diagnostics(Chains chains) {
  check_chains(chains, "diagnostics");
  ColumnDiagnostics out;
  const bool unusable = split_unusable(chains);
  SplitView xs(std::move(chains));
  std::vector<std::uint32_t> order = sorted_order(xs.all());
  out.q05 = ordered_quantile(xs, order, 0.05);
  out.q50 = ordered_quantile(xs, order, 0.50);
  out.q95 = ordered_quantile(xs, order, 0.95);
  if (unusable) {
    out.mcse = out.ess_bulk = out.ess_tail = out.rhat = kNaN;
    return out;
  }
  // The split draws' ascending order (pooled indices): the middle draws of odd chains out.
  order.erase(std::remove_if(order.begin(), order.end(), [&](std::uint32_t g) { return !xs.in_split(g); }),
              order.end());
  const std::size_t s = order.size();
  Chains& split = xs.split();  // refilled for each ESS and R-hat in turn

  // mcse_mean: sd of every draw over the square root of the ESS of the split chains.
  for (std::size_t g = 0; g < xs.size(); ++g)
    if (double* slot = xs.slot(g)) *slot = xs[g];
  double mean = 0;
  for (double x : xs.all()) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs.all()) ss += (x - mean) * (x - mean);
  out.mcse = std::sqrt(ss / static_cast<double>(xs.size() - 1)) / std::sqrt(ess_of_chains(split));

  // ESS of the indicators I(x <= q_p) of the split draws, q_p the p-quantile of the split draws.
  double tail = std::numeric_limits<double>::infinity();
  for (double p : {0.05, 0.95}) {
    const double q = ordered_quantile(xs, order, p);
    for (std::size_t g = 0; g < xs.size(); ++g)
      if (double* slot = xs.slot(g)) *slot = xs[g] <= q ? 1.0 : 0.0;
    const double e = ess_of_chains(split);
    tail = std::isnan(e) || std::isnan(tail) ? kNaN : std::min(tail, e);
  }
  out.ess_tail = tail;

  // Bulk: rank-normalized split chains.
  Scores scores(s);
  normal_scores(xs, order, [&](std::uint32_t g) { return xs[g]; }, scores);
  out.ess_bulk = ess_of_chains(split);
  const double rhat_bulk = rhat_of_chains(split);

  // Tail: the folded split draws |x - median of all draws|, ordered by merging the draws
  // below the median (descending) with the rest (ascending).
  const auto folded = [&](std::uint32_t g) { return std::abs(xs[g] - out.q50); };
  const auto below = static_cast<std::size_t>(
      std::partition_point(order.begin(), order.end(), [&](std::uint32_t g) { return xs[g] < out.q50; }) -
      order.begin());
  std::vector<std::uint32_t> folded_order;
  folded_order.reserve(s);
  std::size_t lo = below, hi = below;  // lo: next below (going down), hi: next at or above
  while (lo > 0 || hi < s) {
    if (hi == s || (lo > 0 && folded(order[lo - 1]) <= folded(order[hi]))) folded_order.push_back(order[--lo]);
    else folded_order.push_back(order[hi++]);
  }
  normal_scores(xs, folded_order, folded, scores);
  const double rhat_tail = rhat_of_chains(split);
  out.rhat = std::isnan(rhat_bulk) || std::isnan(rhat_tail) ? kNaN : std::max(rhat_bulk, rhat_tail);
  return out;
}

}  // namespace alea::diag_detail
