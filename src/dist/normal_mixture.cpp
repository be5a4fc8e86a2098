// normal_mixture(w, mu, sigma): a K-component normal mixture, the component indicator
// z ~ categorical(w) integrated out (the marginal that rewrite's `mixture-marginal`
// rule introduces). Each element of a draw is independent:
//   log p(y) = log sum_k w[k] normal(y; mu[k], sigma[k])   (by log-sum-exp),
// drawn by choosing the component k with probability w[k], then y ~ normal(mu[k], sigma[k]).
// E y = sum_k w[k] mu[k]; Var y = sum_k w[k] (sigma[k]^2 + mu[k]^2) - (E y)^2.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "alea/dist/check.hpp"
#include "alea/dist/registry.hpp"
#include "discrete_detail.hpp"
#include "log_density_terms.hpp"
#include "multivariate_adapter.hpp"

namespace alea::dist::detail {
namespace normal_mixture_local {
namespace {

constexpr DistKind kKind = DistKind::NormalMixture;

Shape natural(std::span<const Shape> shapes) {
  if (shapes.size() != 3) throw std::invalid_argument("normal_mixture takes 3 parameters, got " + std::to_string(shapes.size()));
  for (std::size_t i = 0; i < 3; ++i) require_rank(kKind, i, shapes[i], 1);
  if (shapes[1] != shapes[0] || shapes[2] != shapes[0])
    throw std::invalid_argument("normal_mixture: parameters w, mu and sigma must have one length, got " +
                                to_string(shapes[0]) + ", " + to_string(shapes[1]) + " and " + to_string(shapes[2]));
  return Shape::scalar();
}

void check_shapes(std::span<const Value> p) {
  natural(std::vector<Shape>{p[0].shape(), p[1].shape(), p[2].shape()});
}

void check_params(std::span<const Value> p, const Shape&) {
  check_shapes(p);
  throw_if_invalid("normal_mixture", check_probability_vector("weight vector w", p[0].data()));
  for (std::size_t k = 0; k < p[1].size(); ++k) {
    throw_if_invalid("normal_mixture", check_finite("component mean mu[" + std::to_string(k + 1) + "]", p[1][k]));
    throw_if_invalid("normal_mixture",
                     check_positive_finite("component sd sigma[" + std::to_string(k + 1) + "]", p[2][k]));
  }
}

double logpdf(std::span<const Value> p, const Value& y) {
  try {
    check_params(p, y.shape());
  } catch (const std::domain_error&) {
    return kNegInf;
  }
  const std::size_t k_count = p[0].size();
  std::vector<double> terms(k_count);
  double total = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (std::isnan(y[i])) return kNegInf;
    double top = kNegInf;
    for (std::size_t k = 0; k < k_count; ++k) {
      const double z = (y[i] - p[1][k]) / p[2][k];
      terms[k] = std::log(p[0][k]) - 0.5 * z * z - std::log(p[2][k]) - kHalfLog2Pi;
      top = std::max(top, terms[k]);
    }
    if (top == kNegInf) return kNegInf;
    double sum = 0.0;
    for (double t : terms) sum += std::exp(t - top);
    total += top + std::log(sum);
  }
  return total;
}

Value draw(std::span<const Value> p, const Shape& shape, Rng& rng) {
  check_params(p, shape);
  const std::size_t n = static_cast<std::size_t>(shape.size());
  std::vector<double> out(n);
  double w_total = 0.0;
  for (double w : p[0].data()) w_total += w;
  for (double& v : out) {
    double u = rng.uniform01() * w_total;
    std::size_t chosen = 0;
    for (std::size_t k = 0; k < p[0].size(); ++k) {
      if (p[0][k] <= 0.0) continue;
      chosen = k;
      u -= p[0][k];
      if (u <= 0.0) break;
    }
    v = p[1][chosen] + p[2][chosen] * rng.std_normal();
  }
  return Value(shape, std::move(out), ScalarType::Real);
}

Value moment(std::span<const Value> p, const Shape& shape, bool variance) {
  check_shapes(p);
  double m = 0.0, m2 = 0.0;
  for (std::size_t k = 0; k < p[0].size(); ++k) {
    m += p[0][k] * p[1][k];
    m2 += p[0][k] * (p[2][k] * p[2][k] + p[1][k] * p[1][k]);
  }
  return Value::filled(shape, variance ? m2 - m * m : m);
}

}  // namespace
}  // namespace normal_mixture_local

const DistOps& normal_mixture_ops() {
  using namespace ::alea::dist::detail::normal_mixture_local;
  static const DistOps ops{
      &natural,
      &check_params,
      &logpdf,
      &draw,
      [](std::span<const Value> p, const Shape& s) { return moment(p, s, false); },
      [](std::span<const Value> p, const Shape& s) { return moment(p, s, true); },
      [](std::span<const Value>) { return Support{}; },
      nullptr,
      kRealLine,
      nullptr,
      // JAGS's mix module: dnormmix(mu[], tau[], pi[]), means, precisions, weights.
      {"dnormmix",
       3,
       {{{BugsConv::Arg, 2}, {BugsConv::Arg, 0}, {BugsConv::PrecisionToSd, 1}}},
       {{{1, "precision tau"}}}},
  };
  return ops;
}

}  // namespace alea::dist::detail
