// Conjugate pairs with a gamma prior on a rate (shape al, rate be).
//   gamma-poisson (exposure e): y[i] ~ poisson(e[i] lambda)
//     lambda | y ~ gamma(al + sum(y), be + sum(e)),
//     y ~ neg_binomial(al, be / (be + e))  (one count, or one lambda each),
//     y ~ poisson_gamma_joint(al, be, e)    (counts sharing lambda).
//   gamma-exponential: y[i] ~ exponential(lambda)
//     lambda | y ~ gamma(al + n, be + sum(y)),  y ~ gamma_rate_joint(1, al, be).
//   gamma-gamma (known shape k): y[i] ~ gamma(k[i], lambda)
//     lambda | y ~ gamma(al + sum(k), be + sum(y)),  y ~ gamma_rate_joint(k, al, be).
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {
namespace {

// The prior's shape and rate: gamma(al, be), or exponential(be) = gamma(1, be) (the
// closure rules turn gamma(1, b) into exponential(b) before conjugacy sees the model).
std::pair<NodeId, NodeId> gamma_prior(PairInput& in) {
  const Node prior = in.g.node(in.prior);
  if (prior.dist == DistKind::Exponential) return {num(in.g, 1.0), prior.inputs[0]};
  return {prior.inputs[0], prior.inputs[1]};
}

std::optional<PairOutput> gamma_poisson(PairInput& in, Layout l) {
  Graph& g = in.g;
  const Node child = g.node(in.child);
  const auto ab = match_affine(in, child.inputs[0]);
  if (!ab || !is_const(g, ab->a, 0.0)) return std::nullopt;  // the rate is e * lambda
  const auto [al, be] = gamma_prior(in);
  const NodeId e = ab->b;
  const std::int64_t n = child.shape.size();
  PairOutput out;
  out.rule = "gamma-poisson";
  out.posterior_kind = DistKind::Gamma;
  out.posterior_params = {add(g, al, total(g, in.child, l, n)), add(g, be, total(g, e, l, n))};
  if (l == Layout::Elementwise || child.shape.is_scalar()) {
    out.marginal_kind = DistKind::NegativeBinomial;
    out.marginal_params = {al, div(g, be, add(g, be, e))};
  } else {
    out.marginal_kind = DistKind::PoissonGammaJoint;
    out.marginal_params = {al, be, e};
  }
  return out;
}

// Exponential (k = 1) and gamma observations of a shared rate.
std::optional<PairOutput> gamma_gamma(PairInput& in, Layout l, NodeId k, NodeId rate, const char* rule) {
  Graph& g = in.g;
  if (l != Layout::Shared || !in.is_latent(rate) || in.depends(k)) return std::nullopt;
  const auto [al, be] = gamma_prior(in);
  const std::int64_t n = g.node(in.child).shape.size();
  PairOutput out;
  out.rule = rule;
  out.posterior_kind = DistKind::Gamma;
  out.posterior_params = {add(g, al, total(g, k, l, n)), add(g, be, total(g, in.child, l, n))};
  out.marginal_kind = DistKind::GammaRateJoint;
  out.marginal_params = {k, al, be};
  return out;
}

}  // namespace

std::optional<PairOutput> gamma_rate_rules(PairInput& in) {
  const Node prior = in.g.node(in.prior), child = in.g.node(in.child);
  const auto l = layout(in);
  if ((prior.dist != DistKind::Gamma && prior.dist != DistKind::Exponential) || !l) return std::nullopt;
  switch (child.dist) {
    case DistKind::Poisson: return gamma_poisson(in, *l);
    case DistKind::Exponential: return gamma_gamma(in, *l, num(in.g, 1.0), child.inputs[0], "gamma-exponential");
    case DistKind::Gamma: return gamma_gamma(in, *l, child.inputs[0], child.inputs[1], "gamma-gamma (rate)");
    default: return std::nullopt;
  }
}

}  // namespace alea::rewrite::detail
