// Dirichlet distribution: draws as normalized gamma variates, formed in logs.
#include "alea/dist/dirichlet.hpp"

#include <cmath>
#include <stdexcept>

#include "alea/dist/check.hpp"
#include "dist_table.hpp"
#include "multivariate_adapter.hpp"
#include "variates.hpp"

namespace alea::dist {

std::string check(const Dirichlet& d) {
  if (d.alpha.size() == 0) return "concentration vector alpha has no elements, but must have at least one";
  for (Eigen::Index i = 0; i < d.alpha.size(); ++i) {
    auto why = check_positive_finite("concentration alpha[" + std::to_string(i + 1) + "]", d.alpha[i]);
    if (!why.empty()) return why;
  }
  return {};
}

double logpdf(const Dirichlet& d, const Eigen::VectorXd& x) {
  if (x.size() != d.alpha.size()) return kNegInf;
  double sum = 0.0;
  for (double xi : x) {
    if (!(xi >= 0.0 && xi <= 1.0)) return kNegInf;
    sum += xi;
  }
  if (std::abs(sum - 1.0) > 1e-8) return kNegInf;
  double total = std::lgamma(d.alpha.sum());
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    total -= std::lgamma(d.alpha[i]);
    // alpha = 1 contributes nothing even at x = 0, where (alpha - 1) log x would be NaN.
    if (d.alpha[i] != 1.0) total += (d.alpha[i] - 1.0) * std::log(x[i]);
  }
  return total;
}

Eigen::VectorXd draw(const Dirichlet& d, Rng& rng) {
  Eigen::VectorXd lg(d.alpha.size());
  for (Eigen::Index i = 0; i < lg.size(); ++i) lg[i] = detail::log_std_gamma(d.alpha[i], rng);
  // Subtracting the largest log keeps at least one term at 1, so the sum never underflows.
  const double top = lg.maxCoeff();
  Eigen::VectorXd x = (lg.array() - top).exp();
  return x / x.sum();
}

Eigen::VectorXd mean(const Dirichlet& d) { return d.alpha / d.alpha.sum(); }
Eigen::VectorXd variance(const Dirichlet& d) {
  const double a0 = d.alpha.sum();
  return d.alpha.array() * (a0 - d.alpha.array()) / (a0 * a0 * (a0 + 1.0));
}
Support support(const Dirichlet&) { return {0.0, 1.0, false}; }

namespace detail {
namespace dirichlet_local {
namespace {

constexpr DistKind kKind = Dirichlet::kind;

Dirichlet make(std::span<const Value> p) {
  if (p.size() != 1) throw std::invalid_argument("dirichlet takes 1 parameter, got " + std::to_string(p.size()));
  require_rank(kKind, 0, p[0].shape(), 1);
  return Dirichlet{as_vector(p[0])};
}

Shape dir_natural_shape(std::span<const Shape> shapes) {
  if (shapes.size() != 1) throw std::invalid_argument("dirichlet takes 1 parameter, got " + std::to_string(shapes.size()));
  require_rank(kKind, 0, shapes[0], 1);
  return shapes[0];
}

Eigen::Index event_size(const Dirichlet& d) { return d.alpha.size(); }

}  // namespace
}  // namespace dirichlet_local

const DistOps& dirichlet_ops() {
  using namespace ::alea::dist::detail::dirichlet_local;
  static const DistOps ops = with_facts(VectorDist<Dirichlet, &make, &event_size>::ops(&dir_natural_shape),
                                        {{0}, {1}, false, true}, {"ddirch", 1, {{{BugsConv::Arg, 0}}}});
  return ops;
}
}  // namespace detail

}  // namespace alea::dist
