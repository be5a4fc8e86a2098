// Conjugate pairs with a Dirichlet prior on probabilities p[1..K] ~ dirichlet(alpha).
//   dirichlet-multinomial: y ~ multinomial(n, p)
//     p | y ~ dirichlet(alpha + y),  y ~ dirichlet_multinomial(n, alpha).
//   dirichlet-categorical: y[i] ~ categorical(p), values 1..K
//     p | y ~ dirichlet(alpha + c), c_k = sum(y == k),  y ~ categorical_dirichlet_joint(alpha).
#include "conjugacy_rules.hpp"

namespace alea::rewrite::detail {

std::optional<PairOutput> dirichlet_rules(PairInput& in) {
  Graph& g = in.g;
  const Node prior = g.node(in.prior), child = g.node(in.child);
  if (prior.dist != DistKind::Dirichlet || prior.shape.rank() != 1) return std::nullopt;
  const NodeId alpha = prior.inputs[0];
  PairOutput out;
  out.posterior_kind = DistKind::Dirichlet;
  if (child.dist == DistKind::Multinomial) {
    if (!in.is_latent(child.inputs[1]) || in.depends(child.inputs[0]) || child.shape != prior.shape)
      return std::nullopt;
    out.rule = "dirichlet-multinomial";
    out.posterior_params = {add(g, alpha, in.child)};
    out.marginal_kind = DistKind::DirichletMultinomial;
    out.marginal_params = {child.inputs[0], alpha};
    return out;
  }
  if (child.dist == DistKind::Categorical) {
    if (!in.is_latent(child.inputs[0]) || child.shape.rank() > 1) return std::nullopt;
    std::vector<NodeId> counts;
    for (std::int64_t k = 1; k <= prior.shape.dims[0]; ++k)
      counts.push_back(g.apply(Op::Sum, {g.apply(Op::Equals, {in.child, num(g, static_cast<double>(k))})}));
    out.rule = "dirichlet-categorical";
    out.posterior_params = {add(g, alpha, g.apply(Op::Stack, counts))};
    out.marginal_kind = DistKind::CategoricalDirichletJoint;
    out.marginal_params = {alpha};
    return out;
  }
  return std::nullopt;
}

}  // namespace alea::rewrite::detail
