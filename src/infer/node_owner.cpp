// Owners of draws: a variable's own draw, or an element of an array variable.
#include "node_owner.hpp"

namespace alea::detail {

std::vector<Owner> draw_owners(const Model& m) {
  const Graph& g = m.graph();
  std::vector<Owner> owners(g.size());
  for (NodeId id = 0; id < g.size(); ++id)
    if (is_site(g.node(id).op)) owners[id].display = "_s" + std::to_string(g.node(id).site);
  const auto& vars = m.variables();
  for (std::size_t k = 0; k < vars.size(); ++k) {
    const Node& n = g.node(vars[k].node);
    if (is_site(n.op) && owners[vars[k].node].var < 0) {
      owners[vars[k].node] = {static_cast<int>(k), vars[k].name};
    } else if (n.op == Op::Stack) {
      const std::vector<NodeId> leaves = stacked_leaves(g, vars[k].node);
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        NodeId e = leaves[i];
        if (g.node(e).op == Op::Draw && owners[e].var < 0)
          owners[e] = {static_cast<int>(k), vars[k].name + element_suffix(n.shape, i)};
      }
    }
  }
  return owners;
}

}  // namespace alea::detail
