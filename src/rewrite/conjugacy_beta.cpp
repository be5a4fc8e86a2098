// Conjugate pairs with a beta prior on a success probability p ~ beta(a, b).
//   beta-binomial: y[i] ~ binomial(n[i], p)  (bernoulli: n = 1)
//     p | y ~ beta(a + sum(y), b + sum(n - y)),
//     y ~ beta_binomial(n, a, b)          (one observation, or one p each),
//     y ~ binomial_beta_joint(n, a, b)    (observations sharing p).
//   beta-negative-binomial: y[i] ~ neg_binomial(r[i], p) failures  (geometric: r = 1)
//     p | y ~ beta(a + sum(r), b + sum(y)),  y ~ neg_binomial_beta_joint(r, a, b).
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {
namespace {

std::optional<PairOutput> beta_binomial(PairInput& in, Layout l, NodeId trials, NodeId p, const char* rule) {
  Graph& g = in.g;
  if (!in.is_latent(p) || in.depends(trials)) return std::nullopt;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  const std::int64_t n = child.shape.size();
  const NodeId a = prior.inputs[0], b = prior.inputs[1];
  PairOutput out;
  out.rule = rule;
  out.posterior_kind = DistKind::Beta;
  out.posterior_params = {add(g, a, total(g, in.child, l, n)),
                          add(g, b, sub(g, total(g, trials, l, n), total(g, in.child, l, n)))};
  const bool classical = l == Layout::Elementwise || child.shape.is_scalar();
  out.marginal_kind = classical ? DistKind::BetaBinomial : DistKind::BinomialBetaJoint;
  out.marginal_params = {trials, a, b};
  return out;
}

std::optional<PairOutput> beta_neg_binomial(PairInput& in, Layout l, NodeId r, NodeId p, const char* rule) {
  Graph& g = in.g;
  if (l != Layout::Shared || !in.is_latent(p) || in.depends(r)) return std::nullopt;
  const Node prior = g.node(in.prior);
  const std::int64_t n = g.node(in.child).shape.size();
  PairOutput out;
  out.rule = rule;
  out.posterior_kind = DistKind::Beta;
  out.posterior_params = {add(g, prior.inputs[0], total(g, r, l, n)),
                          add(g, prior.inputs[1], total(g, in.child, l, n))};
  out.marginal_kind = DistKind::NegBinomialBetaJoint;
  out.marginal_params = {r, prior.inputs[0], prior.inputs[1]};
  return out;
}

}  // namespace

std::optional<PairOutput> beta_rules(PairInput& in) {
  const Node prior = in.g.node(in.prior), child = in.g.node(in.child);
  const auto l = layout(in);
  if (prior.dist != DistKind::Beta || !l) return std::nullopt;
  switch (child.dist) {
    case DistKind::Bernoulli: return beta_binomial(in, *l, num(in.g, 1.0), child.inputs[0], "beta-bernoulli");
    case DistKind::Binomial: return beta_binomial(in, *l, child.inputs[0], child.inputs[1], "beta-binomial");
    case DistKind::Geometric:
      return beta_neg_binomial(in, *l, num(in.g, 1.0), child.inputs[0], "beta-geometric");
    case DistKind::NegativeBinomial:
      return beta_neg_binomial(in, *l, child.inputs[0], child.inputs[1], "beta-negative-binomial");
    default: return std::nullopt;
  }
}

}  // namespace alea::rewrite::detail
