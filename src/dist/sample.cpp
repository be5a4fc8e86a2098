// Sampling without replacement (JAGS's dsample), by the elementary symmetric
// polynomials of the weights, kept in log space: e_j over the items i..N for every i
// gives the mass, the exact sequential draw (item i is taken with probability
// w_i e_{r-1}(i+1..N) / e_r(i..N) when r items are left to take) and the inclusion
// probabilities.
#include "alea/dist/sample.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist {
namespace {

double log_add(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b)));
}

// le[i][j] = log e_j(w_i, ..., w_{N-1}) for j = 0..k, i = 0..N (le[N] is e_0 = 1 only).
std::vector<std::vector<double>> suffix_log_esp(const Eigen::VectorXd& log_w, std::size_t k) {
  const auto n = static_cast<std::size_t>(log_w.size());
  std::vector<std::vector<double>> le(n + 1, std::vector<double>(k + 1, kNegInf));
  le[n][0] = 0;
  for (std::size_t i = n; i-- > 0;) {
    le[i][0] = 0;
    for (std::size_t j = 1; j <= k; ++j)
      le[i][j] = log_add(le[i + 1][j], log_w[static_cast<Eigen::Index>(i)] + le[i + 1][j - 1]);
  }
  return le;
}

Eigen::VectorXd log_weights(const Sample& d) { return d.p.array().log(); }

}  // namespace

std::string check(const Sample& d) {
  if (d.p.size() == 0) return "weights p have no elements, but must have at least one";
  for (Eigen::Index i = 0; i < d.p.size(); ++i)
    if (auto why = check_positive_finite("weight p[" + std::to_string(i + 1) + "]", d.p[i]); !why.empty()) return why;
  if (auto why = check_nonnegative_integer("number of items drawn k", d.k); !why.empty()) return why;
  if (d.k > static_cast<double>(d.p.size()))
    return "number of items drawn k is " + format_number(d.k) + ", but must be at most the number of weights, " +
           std::to_string(d.p.size());
  return {};
}

double logpdf(const Sample& d, const Eigen::VectorXd& x) {
  if (x.size() != d.p.size()) return kNegInf;
  double ones = 0, lp = 0;
  const Eigen::VectorXd lw = log_weights(d);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x[i] == 1) ones += 1, lp += lw[i];
    else if (x[i] != 0) return kNegInf;
  }
  if (ones != d.k) return kNegInf;
  // e_k(w) over all items, one pass (the suffix table's first row).
  const auto k = static_cast<std::size_t>(d.k);
  std::vector<double> e(k + 1, kNegInf);
  e[0] = 0;
  for (Eigen::Index i = 0; i < lw.size(); ++i)
    for (std::size_t j = std::min<std::size_t>(k, static_cast<std::size_t>(i) + 1); j > 0; --j)
      e[j] = log_add(e[j], lw[i] + e[j - 1]);
  return lp - e[k];
}

Eigen::VectorXd draw(const Sample& d, Rng& rng) {
  const auto k = static_cast<std::size_t>(d.k);
  const Eigen::VectorXd lw = log_weights(d);
  const auto le = suffix_log_esp(lw, k);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(d.p.size());
  std::size_t r = k;
  for (Eigen::Index i = 0; i < x.size() && r > 0; ++i) {
    const auto u = static_cast<std::size_t>(i);
    const double take = std::exp(lw[i] + le[u + 1][r - 1] - le[u][r]);
    if (rng.uniform01() < take) x[i] = 1, --r;
  }
  return x;
}

// P(item i drawn) = w_i e_{k-1}(all but i) / e_k(all); e_{k-1} without item i from the
// recursion e_j(all) = e_j(all but i) + w_i e_{j-1}(all but i), upwards from e_0 = 1
// (in linear space, scaled by the largest weight; inclusion probabilities are at most 1).
Eigen::VectorXd mean(const Sample& d) {
  const auto k = static_cast<std::size_t>(d.k);
  const Eigen::Index n = d.p.size();
  Eigen::VectorXd out = Eigen::VectorXd::Zero(n);
  if (k == 0) return out;
  const Eigen::VectorXd lw = log_weights(d);
  const auto le = suffix_log_esp(lw, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    // log e_j(all but i) for j = 0..k-1
    double prev = 0;  // j = 0
    for (std::size_t j = 1; j < k; ++j) {
      const double all = le[0][j], minus = lw[i] + prev;
      prev = all > minus ? all + std::log1p(-std::exp(minus - all)) : kNegInf;
    }
    out[i] = std::clamp(std::exp(lw[i] + prev - le[0][k]), 0.0, 1.0);
  }
  return out;
}

Eigen::VectorXd variance(const Sample& d) {
  const Eigen::VectorXd m = mean(d);
  return m.array() * (1.0 - m.array());
}

Support support(const Sample&) { return {0, 1, true}; }

namespace detail {
namespace sample_local {
namespace {

constexpr DistKind kKind = Sample::kind;

Sample make(std::span<const Value> p) {
  if (p.size() != 2) throw std::invalid_argument("sample_without_replacement takes 2 parameters, got " + std::to_string(p.size()));
  require_rank(kKind, 0, p[0].shape(), 1);
  require_rank(kKind, 1, p[1].shape(), 0);
  return Sample{as_vector(p[0]), p[1][0]};
}

Shape natural(std::span<const Shape> shapes) {
  if (shapes.size() != 2)
    throw std::invalid_argument("sample_without_replacement takes 2 parameters, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 1);
  require_rank(kKind, 1, shapes[1], 0);
  return shapes[0];
}

Eigen::Index event_size(const Sample& d) { return d.p.size(); }

}  // namespace
}  // namespace sample_local

// lp = sum_{x_i = 1} log w_i - log e_k(w), so d/dw_i = (x_i - pi_i) / w_i with pi_i the
// inclusion probability of item i (mean); k and x are integers.
double sample_partials(std::span<const ArrayView> p, ArrayView x, std::span<double* const> dp, double*) {
  using namespace ::alea::dist::detail::sample_local;
  Sample d{Eigen::Map<const Eigen::VectorXd>(p[0].data, static_cast<Eigen::Index>(p[0].n)), p[1][0]};
  if (!check(d).empty() || x.n != p[0].n) return kNegInf;
  const double lp = logpdf(d, Eigen::Map<const Eigen::VectorXd>(x.data, static_cast<Eigen::Index>(x.n)));
  if (lp == kNegInf || !dp[0]) return lp;
  const Eigen::VectorXd pi = mean(d);
  for (std::size_t i = 0; i < x.n; ++i) dp[0][i] += (x[i] - pi[static_cast<Eigen::Index>(i)]) / p[0].data[i];
  return lp;
}

const DistOps& sample_ops() {
  using namespace ::alea::dist::detail::sample_local;
  static const DistOps ops = [] {
    DistOps r = with_facts(VectorDist<Sample, &make, &event_size>::ops(&natural), {{0}, {1}, true},
                           {"dsample", 2, {{{BugsConv::Arg, 0}, {BugsConv::Arg, 1}}}});
    r.array_partials = &sample_partials;
    return r;
  }();
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
