// R-hat: the classic and split potential scale reduction factors, and the
// rank-normalized split R-hat of Vehtari et al. (2021).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "diagnostics_detail.hpp"

namespace alea {

using namespace diag_detail;

double rhat_of_chains(const Chains& chains) {
  check_chains(chains, "rhat");
  return rhat_of_spans(spans_of(chains));
}

double diag_detail::rhat_of_spans(const ChainSpans& chains) {
  const std::size_t m = chains.size(), n = chains[0].size();
  if (m < 2 || n < 2) return kNaN;
  const ChainSums sums = chain_sums(chains);
  if (sums.degenerate) return kNaN;
  const double nd = static_cast<double>(n), md = static_cast<double>(m);
  std::vector<double> means(m), vars(m);
  for (std::size_t c = 0; c < m; ++c) {
    means[c] = sums.sums[c] / nd;
    double ss = 0;
    for (double x : chains[c]) ss += (x - means[c]) * (x - means[c]);
    vars[c] = ss / (nd - 1);
  }
  const double grand = std::accumulate(means.begin(), means.end(), 0.0) / md;
  double between = 0;  // B = n * the sample variance of the chain means
  for (double mu : means) between += (mu - grand) * (mu - grand);
  between *= nd / (md - 1);
  const double within = std::accumulate(vars.begin(), vars.end(), 0.0) / md;  // W
  const double var_plus = (nd - 1) / nd * within + between / nd;
  return std::sqrt(var_plus / within);
}

double split_rhat(const Chains& chains) {
  check_chains(chains, "split_rhat");
  if (chains[0].size() < 4) return kNaN;
  return rhat_of_chains(split_chains(chains));
}

double rhat(const Chains& chains) {
  check_chains(chains, "rhat");
  if (split_unusable(chains)) return kNaN;
  const double bulk = rhat_of_chains(rank_normalize(split_chains(chains)));
  const double tail = rhat_of_chains(rank_normalize(split_chains(fold(chains))));
  // As posterior: NaN when either is (a folded two-point distribution is constant).
  if (std::isnan(bulk) || std::isnan(tail)) return kNaN;
  return std::max(bulk, tail);
}

}  // namespace alea
