// Questions the rewrite tests ask of a model: what a variable's node is, whether it
// is a draw of a given distribution, and how many draws the model has.
#pragma once
#include <string>

#include "alea/model/model.hpp"

namespace alea::test {

inline const Node& var_node(const Model& m, const std::string& var) { return m.graph().node(m.variable(var).node); }

inline bool is_draw(const Model& m, const std::string& var, DistKind d) {
  const Node& n = var_node(m, var);
  return n.op == Op::Draw && n.dist == d;
}

inline std::size_t count_draws(const Model& m) {
  std::size_t k = 0;
  for (NodeId id = 0; id < m.graph().size(); ++id) k += m.graph().node(id).op == Op::Draw;
  return k;
}

}  // namespace alea::test
