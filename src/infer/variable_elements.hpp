// Internal: the draw behind each element of a named variable, and a name with a
// source location for any node, for messages and for initial values.
#pragma once
#include <string>
#include <vector>

#include "alea/model/model.hpp"
#include "node_owner.hpp"

namespace alea::detail {

// Element k (column-major) of a variable is element `offset` of draw `draw`; draw is
// kNoDraw when the element is computed (a deterministic node), not drawn.
struct ElementSource {
  static constexpr NodeId kNoDraw = static_cast<NodeId>(-1);
  NodeId draw = kNoDraw;
  std::size_t offset = 0;
};

// One entry per element of the variable's value: its own draw (any shape), or the
// leaves of a stack (of scalars, or of equal-shaped values stacked along a new last
// axis, at any depth).
std::vector<ElementSource> element_sources(const Graph& g, NodeId variable_node);

// Names every node for a message: "variable 'mu' (model.bug:3:3)" for a variable's
// draw or an element of it ("variable 'theta[2]' (...)"), and for a node that belongs
// to no variable (an anonymous draw the simplifier introduced, a computed parameter)
// the first variable, in model order, whose definition uses it:
// "an unnamed draw (one the rewriter introduced) in the definition of 'y' (model.bug:7:5)",
// "a term in the definition of 'y' (...)". Never an internal name such as `_s3`.
class NodeNames {
 public:
  explicit NodeNames(const Model& m);
  std::string describe(NodeId id) const;
  // A short name for lists: the variable element ("theta", "b[1,2]"), or for a draw the
  // rewriter introduced, "a draw in 'v'" after the variable whose definition uses it.
  std::string short_name(NodeId id) const;

 private:
  const Model& m_;
  std::vector<Owner> owners_;
  std::vector<int> context_;  // a variable whose definition uses the node, -1 if none
};

}  // namespace alea::detail
