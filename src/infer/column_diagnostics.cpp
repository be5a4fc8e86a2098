// The summary's diagnostics of one column from one sort of its draws. The public
// functions (rhat, ess_bulk, ess_tail, mcse_mean) each sort and rank-normalize the
// draws again: four sorts and 2S normal quantiles for S draws. Here the draws are
// sorted once (a radix sort on their bit patterns); the split chains' ranks and the
// quantiles of every draw and of the split draws come from that order, and the folded
// draws |x - median| are sorted by merging the two sides of the median (below it,
// descending x is ascending |x - median|). Normal scores of integer ranks are computed
// once for all the columns of one length and shared by the bulk and folded
// normalizations, and every ESS and R-hat reads the split chains as views of one flat
// buffer (no copies): a summary of 10^5 draws
// touches a few MB, not tens (each new page is a page fault, and those dominate on a
// busy machine).
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <utility>

#include "diagnostics_detail.hpp"

namespace alea::diag_detail {

namespace {

// A finite double's bits as an unsigned key that orders as the number does.
std::uint64_t order_key(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}

// The Blom scores of the integer ranks 1 .. (s + 1) / 2 among s draws (the upper half
// are their negatives, as blom_score gives them). Every column of a summary has the same
// number of draws: the table is made once and shared (a normal quantile a rank, 10^4
// for 2 10^4 draws, was a fifth of a column's time). The last one made is kept.
std::shared_ptr<const std::vector<double>> lower_scores(std::size_t s) {
  static std::mutex mutex;
  static std::shared_ptr<const std::vector<double>> last;
  static std::size_t last_s = 0;
  const std::lock_guard<std::mutex> lock(mutex);
  if (!last || last_s != s) {
    auto table = std::make_shared<std::vector<double>>((s + 1) / 2);
    for (std::size_t r = 1; r <= table->size(); ++r)
      (*table)[r - 1] = blom_score(static_cast<double>(r), static_cast<double>(s));
    last = std::move(table);
    last_s = s;
  }
  return last;
}

// Blom scores of ranks among s draws, from the shared table of integer ranks.
class Scores {
 public:
  explicit Scores(std::size_t s) : n_(s), lower_(lower_scores(s)) {}
  double operator()(std::size_t first, std::size_t last) const {  // average rank of positions first..last (0-based)
    if ((first + last) % 2 != 0)
      return blom_score(static_cast<double>(first + last) / 2.0 + 1.0, static_cast<double>(n_));
    const std::size_t rank = (first + last) / 2 + 1;
    const bool upper = 2 * rank > n_ + 1;
    const double z = (*lower_)[(upper ? n_ + 1 - rank : rank) - 1];
    return upper ? -z : z;
  }

 private:
  std::size_t n_;
  std::shared_ptr<const std::vector<double>> lower_;
};

// The draws of every chain, pooled (chain after chain), and the split draws laid flat:
// split chain j (chain j/2's first half when j is even, its last half when odd; an odd
// chain's middle draw left out) at [j half, (j + 1) half). For even chains the two are
// one vector in one order.
class SplitDraws {
 public:
  // One chain is moved in as it is, not copied.
  explicit SplitDraws(Chains&& chains) : m_(chains.size()), n_(chains[0].size()), half_(n_ / 2) {
    all_ = m_ == 1 ? std::move(chains[0]) : pooled(chains);
    if (n_ % 2 != 0) {
      flat_.reserve(2 * m_ * half_);
      for (std::size_t g = 0; g < all_.size(); ++g)
        if (g % n_ != half_) flat_.push_back(all_[g]);
    }
  }
  const std::vector<double>& all() const { return all_; }
  const std::vector<double>& flat() const { return n_ % 2 == 0 ? all_ : flat_; }
  // The split draws' positions in flat(), in the order of `pooled` (indices into all()).
  void to_flat(std::vector<std::uint32_t>& pooled_order) const {
    if (n_ % 2 == 0) return;
    std::size_t out = 0;
    for (std::uint32_t g : pooled_order) {
      const std::size_t c = g / n_, i = g % n_;
      if (i != half_) pooled_order[out++] = static_cast<std::uint32_t>(c * (n_ - 1) + (i > half_ ? i - 1 : i));
    }
    pooled_order.resize(out);
  }
  // Flat split values as split chains: views, not copies.
  ChainSpans chains(const std::vector<double>& flat_values) const {
    ChainSpans out;
    for (std::size_t j = 0; j < 2 * m_; ++j) out.emplace_back(flat_values.data() + j * half_, half_);
    return out;
  }

 private:
  std::size_t m_, n_, half_;
  std::vector<double> all_, flat_;
};

// R's type-7 quantile of ascending values.
double sorted_quantile(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double x_hi = lo + 1 < sorted.size() ? sorted[lo + 1] : sorted[lo];
  return sorted[lo] + (h - static_cast<double>(lo)) * (x_hi - sorted[lo]);
}

// Writes into z[order[rank[k]]] the normal score of the value at sorted position
// rank[k], where key(rank[k]) ascends with k; equal keys share their average rank's score.
template <class Key>
void normal_scores(const std::vector<std::uint32_t>& order, const std::vector<std::uint32_t>* ranks, const Key& key,
                   const Scores& scores, std::vector<double>& z) {
  const std::size_t s = order.size();
  const auto at = [&](std::size_t k) -> std::size_t { return ranks ? (*ranks)[k] : k; };
  for (std::size_t i = 0; i < s;) {
    std::size_t j = i;
    const double v = key(at(i));
    while (j + 1 < s && key(at(j + 1)) == v) ++j;
    const double score = scores(i, j);
    for (std::size_t k = i; k <= j; ++k) z[order[at(k)]] = score;
    i = j + 1;
  }
}

// The positions in `sorted` (ascending) in ascending order of |x - median|: the draws
// below the median, descending, merged with the rest, ascending. Ties: below before
// above, then by distance from the median's position. Two merges run side by side,
// from the front (smallest first) and from the back (largest first, into the end),
// each with half the draws: one merge waits on each comparison for the next load.
// Which side comes next is a coin flip: index arithmetic, not a branch.
[[gnu::noinline]] std::vector<std::uint32_t> folded_order(const std::vector<double>& sorted, double median) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const std::size_t s = sorted.size();
  const auto below = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), median) - sorted.begin());
  const auto folded = [&](std::size_t k) { return std::abs(sorted[k] - median); };
  std::vector<std::uint32_t> out(s);
  // Front: lo the next below (going down), hi the next at or above (going up).
  // Back: bl the next below from the bottom (going up), ah one past the next above from the top.
  std::size_t lo = below, hi = below, bl = 0, ah = s;
  const auto front = [&](std::size_t k) {
    const double next_below = lo > 0 ? folded(lo - 1) : kInf, next_above = hi < s ? folded(hi) : kInf;
    const std::size_t take_below = next_below <= next_above ? 1 : 0;
    out[k] = static_cast<std::uint32_t>(hi + take_below * (lo - 1 - hi));
    lo -= take_below;
    hi += 1 - take_below;
  };
  const auto back = [&](std::size_t k) {
    const double last_below = bl < below ? folded(bl) : -kInf, last_above = ah > below ? folded(ah - 1) : -kInf;
    const std::size_t take_above = last_above >= last_below ? 1 : 0;
    out[k] = static_cast<std::uint32_t>(bl + take_above * (ah - 1 - bl));
    bl += 1 - take_above;
    ah -= take_above;
  };
  const std::size_t half = s / 2;
  for (std::size_t k = 0; k < half; ++k) front(k), back(s - 1 - k);
  if (s % 2 != 0) front(half);
  return out;
}

}  // namespace

std::vector<std::uint32_t> sorted_order(const std::vector<double>& xs) {
  const std::size_t n = xs.size();
  // LSD radix sort of 64-bit items: a window of the key's bits above the index's, in
  // 11-bit digits. The window is the 33 bits from the highest bit on which keys differ
  // down (3 digits, where the whole key takes 5): a relative resolution of 2^-21 in the
  // binade of the largest draws, which few draws share. Draws with the same window come
  // out in index order; each such run (mostly ties, or pairs) is sorted at the end.
  int index_bits = 0;
  while (index_bits < 32 && (std::uint64_t{1} << index_bits) < n) ++index_bits;
  const std::uint64_t index_mask = (std::uint64_t{1} << index_bits) - 1;
  std::vector<std::uint64_t> a(n), b(n);
  std::uint64_t any = 0, all = ~std::uint64_t{0};
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = order_key(xs[i]);
    any |= a[i], all &= a[i];
  }
  const int top = (any ^ all) == 0 ? 0 : 64 - std::countl_zero(any ^ all);  // bits below the highest differing one
  const int width = std::min(33, 64 - index_bits), low = std::max(0, top - width);
  constexpr int kBits = 11;
  constexpr std::size_t kBuckets = std::size_t{1} << kBits;
  // The items, and every digit's counts in the same pass; then a scattering pass a digit.
  const std::size_t digits = static_cast<std::size_t>((std::min(width, top) + kBits - 1) / kBits);
  std::vector<std::uint32_t> counts(digits * kBuckets);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t window = a[i] >> low;  // its bits above `top` are the same for every item
    a[i] = (window << index_bits) | i;
    for (std::size_t d = 0; d < digits; ++d, window >>= kBits) ++counts[d * kBuckets + (window & (kBuckets - 1))];
  }
  for (std::size_t d = 0; d < digits; ++d) {
    const int shift = index_bits + static_cast<int>(d) * kBits;
    std::uint32_t* count = &counts[d * kBuckets];
    if (n == 0 || count[(a[0] >> shift) & (kBuckets - 1)] == n) continue;  // one bucket: order unchanged
    std::uint32_t offset = 0;
    for (std::size_t v = 0; v < kBuckets; ++v) offset += std::exchange(count[v], offset);
    for (std::uint64_t item : a) b[count[(item >> shift) & (kBuckets - 1)]++] = item;
    a.swap(b);
  }
  std::vector<std::uint32_t> order(n);
  std::size_t run = 0;  // the start of the current run of items with the same window
  for (std::size_t i = 0; i <= n; ++i) {
    if (i == n || (a[i] & ~index_mask) != (a[run] & ~index_mask)) {
      if (i - run > 1)
        std::sort(order.begin() + static_cast<std::ptrdiff_t>(run), order.begin() + static_cast<std::ptrdiff_t>(i),
                  [&](std::uint32_t x, std::uint32_t y) { return xs[x] < xs[y]; });
      run = i;
    }
    if (i < n) order[i] = static_cast<std::uint32_t>(a[i] & index_mask);
  }
  return order;
}

ColumnDiagnostics column_diagnostics(Chains chains) {
  check_chains(chains, "diagnostics");
  ColumnDiagnostics out;
  const std::size_t n = chains[0].size();
  SplitDraws xs(std::move(chains));
  // One pass for the sum and the degenerate check (split_unusable), one for the squares.
  const std::span<const double> all = xs.all();
  const ChainSums whole = chain_sums({all});
  const bool unusable = n < 4 || whole.degenerate;
  const auto size = static_cast<double>(all.size());
  out.mean = whole.sums[0] / size;
  double ss = 0;
  for (double x : all) ss += (x - out.mean) * (x - out.mean);
  out.sd = all.size() > 1 ? std::sqrt(ss / (size - 1)) : 0.0;
  std::vector<std::uint32_t> order = sorted_order(xs.all());
  std::vector<double> sorted(order.size());  // ascending draws: all of them, then the split ones
  for (std::size_t k = 0; k < order.size(); ++k) sorted[k] = xs.all()[order[k]];
  out.q05 = sorted_quantile(sorted, 0.05);
  out.q50 = sorted_quantile(sorted, 0.50);
  out.q95 = sorted_quantile(sorted, 0.95);
  if (unusable) {
    out.mcse = out.ess_bulk = out.ess_tail = out.rhat = kNaN;
    return out;
  }
  xs.to_flat(order);  // now positions among the split draws, ascending
  const std::vector<double>& flat = xs.flat();
  const std::size_t s = order.size();
  if (s != sorted.size()) {
    sorted.resize(s);
    for (std::size_t k = 0; k < s; ++k) sorted[k] = flat[order[k]];
  }

  // mcse_mean: sd of every draw over the square root of the ESS of the split chains.
  out.mcse = out.sd / std::sqrt(ess_of_spans(xs.chains(flat)));

  // ESS of the indicators I(x <= q_p) of the split draws, q_p the p-quantile of the split draws.
  std::vector<double> z(s);  // per split draw: an indicator, then a normal score
  double tail = std::numeric_limits<double>::infinity();
  for (double p : {0.05, 0.95}) {
    const double q = sorted_quantile(sorted, p);
    for (std::size_t f = 0; f < s; ++f) z[f] = flat[f] <= q ? 1.0 : 0.0;
    const double e = ess_of_spans(xs.chains(z));
    tail = std::isnan(e) || std::isnan(tail) ? kNaN : std::min(tail, e);
  }
  out.ess_tail = tail;

  // Bulk: rank-normalized split chains.
  Scores scores(s);
  normal_scores(order, nullptr, [&](std::size_t k) { return sorted[k]; }, scores, z);
  const ChainSpans bulk = xs.chains(z);
  out.ess_bulk = ess_of_spans(bulk);
  const double rhat_bulk = rhat_of_spans(bulk);

  // Tail: the folded split draws |x - median of all draws|, in ascending order.
  const auto folded = [&](std::size_t k) { return std::abs(sorted[k] - out.q50); };
  const std::vector<std::uint32_t> folded_ranks = folded_order(sorted, out.q50);
  normal_scores(order, &folded_ranks, folded, scores, z);
  const double rhat_tail = rhat_of_spans(xs.chains(z));
  out.rhat = std::isnan(rhat_bulk) || std::isnan(rhat_tail) ? kNaN : std::max(rhat_bulk, rhat_tail);
  return out;
}

}  // namespace alea::diag_detail
