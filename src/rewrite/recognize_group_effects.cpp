// Recognition of group effects written as a loop, as BUGS writes the eight schools:
//   for (j in 1:J) { theta[j] ~ dnorm(mu, p); y[j] ~ dnorm(theta[j], q[j]) }
// The front end makes theta one vector draw normal(mu, tau) [J] with scalar mu and tau;
// when theta is nuisance (not monitored, not observed) and used only as the mean of
// normal observations of its shape, it becomes the closed composite
// hierarchical_normal(mu, tau) [J], so that the composite's rule
// (hierarchical-normal-observed) sees it whole. The same joint: nothing is marginalized here.
#include <vector>

#include "alea/model/composite.hpp"
#include "alea/rewrite/simplify.hpp"

namespace alea::rewrite {
namespace {

bool is_group_draw(const Graph& g, const Node& n) {
  return n.op == Op::Draw && n.dist == DistKind::Normal && n.shape.rank() == 1 && n.inputs.size() == 2 &&
         g.node(n.inputs[0]).shape.is_scalar() && g.node(n.inputs[1]).shape.is_scalar();
}

}  // namespace

Model recognize_group_effects(const Model& m) {
  const Graph& g = m.graph();
  std::vector<bool> hidden(g.size(), true);  // not the node of an observed or queried variable
  for (const Variable& v : m.variables())
    if (v.is_data || m.role(v.name) != Role::Nuisance) hidden[v.node] = false;
  // A candidate stays one while every use is the mean (only) of a normal draw of its shape.
  std::vector<int> candidate(g.size(), 0);  // 0 no, 1 yes, -1 refused
  for (NodeId id = 0; id < g.size(); ++id)
    if (hidden[id] && is_group_draw(g, g.node(id))) candidate[id] = 1;
  std::vector<bool> used(g.size(), false);
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    for (std::size_t k = 0; k < n.inputs.size(); ++k) {
      const NodeId in = n.inputs[k];
      if (candidate[in] != 1) continue;
      used[in] = true;
      const bool observation = n.op == Op::Draw && n.dist == DistKind::Normal && k == 0 && n.inputs[1] != in &&
                               n.shape == g.node(in).shape;
      if (!observation) candidate[in] = -1;
    }
  }
  bool any = false;
  for (NodeId id = 0; id < g.size(); ++id) any = any || (candidate[id] == 1 && used[id]);
  if (!any) return m;
  return rebuild_model(m, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
    if (candidate[id] != 1 || !used[id]) return std::nullopt;
    const Node& n = g.node(id);
    return t.composite(composite::kHierarchicalNormal, DistKind::Normal, {map[n.inputs[0]], map[n.inputs[1]]}, n.shape);
  });
}

}  // namespace alea::rewrite
