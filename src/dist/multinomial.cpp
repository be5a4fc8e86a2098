// Multinomial distribution, factored into conditional binomials: count i given the
// counts before it is binomial(n - those counts, p_i / (p_i + ... + p_K)). Both the
// draw and the log mass use that factorization, so the log mass keeps the accuracy of
// Loader's binomial terms for large n instead of losing digits to lgamma(n + 1).
#include "alea/dist/multinomial.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "alea/dist/binomial.hpp"
#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "discrete_detail.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist {
namespace {

// tail[i] = p_i + ... + p_K, summed from the end so small trailing masses keep their digits.
Eigen::VectorXd tail_sums(const Eigen::VectorXd& p) {
  Eigen::VectorXd tail(p.size() + 1);
  tail[p.size()] = 0.0;
  for (Eigen::Index i = p.size() - 1; i >= 0; --i) tail[i] = tail[i + 1] + p[i];
  return tail;
}

}  // namespace

std::string check(const Multinomial& d) {
  auto why = check_nonnegative_integer("number of trials n", d.n);
  return why.empty() ? detail::check_probability_vector("probability vector p",
                                                        {d.p.data(), static_cast<std::size_t>(d.p.size())})
                     : why;
}

double logpdf(const Multinomial& d, const Eigen::VectorXd& x) {
  if (x.size() != d.p.size()) return kNegInf;
  for (double c : x)
    if (!(c >= 0.0 && c <= d.n) || c != std::floor(c)) return kNegInf;
  const Eigen::VectorXd tail = tail_sums(d.p);
  double left = d.n;
  double total = 0.0;
  for (Eigen::Index i = 0; i < d.p.size(); ++i) {
    if (left == 0.0) {
      if (x[i] != 0.0) return kNegInf;
      continue;
    }
    if (tail[i] <= 0.0) return kNegInf;
    const double pi = std::min(1.0, d.p[i] / tail[i]);
    const double qi = tail[i + 1] / tail[i];
    total += detail::binomial_log_pmf_raw(x[i], left, pi, qi);
    left -= x[i];
    if (left < 0.0) return kNegInf;
  }
  return left == 0.0 ? total : kNegInf;
}

Eigen::VectorXd draw(const Multinomial& d, Rng& rng) {
  const Eigen::VectorXd tail = tail_sums(d.p);
  Eigen::VectorXd x = Eigen::VectorXd::Zero(d.p.size());
  double left = d.n;
  for (Eigen::Index i = 0; i < d.p.size() && left > 0.0; ++i) {
    if (d.p[i] <= 0.0) continue;
    const double pi = std::min(1.0, d.p[i] / tail[i]);
    x[i] = draw(Binomial{left, pi}, rng);
    left -= x[i];
  }
  return x;
}

Eigen::VectorXd mean(const Multinomial& d) { return d.n * d.p; }
Eigen::VectorXd variance(const Multinomial& d) { return d.n * d.p.array() * (1.0 - d.p.array()); }
Support support(const Multinomial& d) { return {0.0, d.n, true}; }

namespace detail {
namespace multinomial_local {
namespace {

constexpr DistKind kKind = Multinomial::kind;

Multinomial make(std::span<const Value> p) {
  if (p.size() != 2) throw std::invalid_argument("multinomial takes 2 parameters, got " + std::to_string(p.size()));
  require_rank(kKind, 0, p[0].shape(), 0);
  require_rank(kKind, 1, p[1].shape(), 1);
  return Multinomial{p[0][0], as_vector(p[1])};
}

Shape mn_natural_shape(std::span<const Shape> shapes) {
  if (shapes.size() != 2)
    throw std::invalid_argument("multinomial takes 2 parameters, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 0);
  require_rank(kKind, 1, shapes[1], 1);
  return shapes[1];
}

Eigen::Index event_size(const Multinomial& d) { return d.p.size(); }

}  // namespace
}  // namespace multinomial_local

const DistOps& multinomial_ops() {
  using namespace ::alea::dist::detail::multinomial_local;
  static const DistOps ops =
      with_facts(VectorDist<Multinomial, &make, &event_size>::ops(&mn_natural_shape), {{0}, {kInf, 0}, true},
                 {"dmulti", 2, {{{BugsConv::Arg, 1}, {BugsConv::Arg, 0}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
