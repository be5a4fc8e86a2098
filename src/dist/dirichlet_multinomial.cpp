// dirichlet_multinomial(n, alpha): counts x[1..K] ~ multinomial(n, p) with p ~ dirichlet(alpha)
// integrated out (the marginal of the Dirichlet-multinomial pair, one observation):
//   log p(x) = lgamma(n + 1) - sum lgamma(x + 1) + lgamma(A) - lgamma(A + n)
//              + sum(lgamma(alpha + x) - lgamma(alpha)),   A = sum(alpha),
// d/dalpha_k = psi(A) - psi(A + n) + psi(alpha_k + x_k) - psi(alpha_k) (n and x are integers).
#include <cmath>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "joint_detail.hpp"
#include "partials_detail.hpp"

namespace alea::dist::detail {
namespace dirichlet_multinomial_local {
namespace {

constexpr DistKind kKind = DistKind::DirichletMultinomial;

void check(std::span<const Value> p, const Shape& shape) {
  if (!p[0].is_scalar() || p[1].shape().rank() != 1 || shape != p[1].shape())
    throw std::invalid_argument("dirichlet_multinomial: n must be a scalar and alpha a vector of the draw's shape " +
                                to_string(shape) + ", got " + to_string(p[0].shape()) + " and " +
                                to_string(p[1].shape()));
  throw_if_invalid("dirichlet_multinomial", check_nonnegative_integer("number of trials n", p[0].scalar()));
  for (std::size_t k = 0; k < p[1].size(); ++k)
    throw_if_invalid("dirichlet_multinomial", check_positive_finite("concentration alpha", p[1][k]));
}

double logpdf_partials(std::span<const ArrayView> p, ArrayView x, std::span<double* const> dp, double*) {
  const double n = p[0][0];
  const ArrayView alpha = p[1];
  if (!(n >= 0) || !grad::is_integer(n) || alpha.n != x.n) return kNegInf;
  double a_total = 0.0, x_total = 0.0, terms = 0.0;
  for (std::size_t k = 0; k < x.n; ++k) {
    const double xk = x[k], ak = alpha.data[k];
    if (!(xk >= 0.0) || xk != std::floor(xk) || !(ak > 0) || !std::isfinite(ak)) return kNegInf;
    a_total += ak;
    x_total += xk;
    terms += std::lgamma(ak + xk) - std::lgamma(ak) - std::lgamma(xk + 1.0);
  }
  if (x_total != n) return kNegInf;
  if (dp[1]) {
    const double common = grad::digamma(a_total) - grad::digamma(a_total + n);
    for (std::size_t k = 0; k < x.n; ++k)
      dp[1][k] += common + grad::digamma(alpha.data[k] + x[k]) - grad::digamma(alpha.data[k]);
  }
  return std::lgamma(n + 1.0) + std::lgamma(a_total) - std::lgamma(a_total + n) + terms;
}

double logpdf(std::span<const Value> p, const Value& x) {
  try {
    check(p, x.shape());
  } catch (const std::domain_error&) {
    return kNegInf;
  }
  const std::vector<double*> none(p.size(), nullptr);
  return logpdf_partials(views(p), view(x), none, nullptr);
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check(p, shape);
  const Value prob = dist::draw(DistKind::Dirichlet, std::vector<Value>{p[1]}, shape, rng);
  return dist::draw(DistKind::Multinomial, std::vector<Value>{p[0], prob}, shape, rng);
}

Value moment(std::span<const Value> p, const Shape& shape, bool variance) {
  double a_total = 0.0;
  for (double a : p[1].data()) a_total += a;
  const double n = p[0].scalar();
  std::vector<double> out(p[1].size());
  for (std::size_t k = 0; k < out.size(); ++k) {
    const double q = p[1][k] / a_total;  // E x_k = n q; Var x_k = n q (1 - q) (n + A) / (1 + A)
    out[k] = variance ? n * q * (1.0 - q) * (n + a_total) / (1.0 + a_total) : n * q;
  }
  return Value(shape, std::move(out), ScalarType::Real);
}

}  // namespace
}  // namespace dirichlet_multinomial_local

const DistOps& dirichlet_multinomial_ops() {
  using namespace ::alea::dist::detail::dirichlet_multinomial_local;
  static const DistOps ops = [] {
    DistOps r{
        [](std::span<const Shape> s) { return s[1]; },
        &check,
        &logpdf,
        &draw,
        [](std::span<const Value> p, const Shape& s) { return moment(p, s, false); },
        [](std::span<const Value> p, const Shape& s) { return moment(p, s, true); },
        [](std::span<const Value> p) {
          return Support{0.0, p[0].data().empty() ? kInf : p[0][0], true};
        },
    };
    r.array_partials = &logpdf_partials;
    return r;
  }();
  return ops;
}

}  // namespace alea::dist::detail
