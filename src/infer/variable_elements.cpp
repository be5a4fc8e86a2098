// Elements of variables back to their draws, and nodes back to the user's names.
#include "variable_elements.hpp"

namespace alea::detail {
namespace {

void collect(const Graph& g, NodeId id, std::vector<ElementSource>& out) {
  const Node& n = g.node(id);
  if (n.op == Op::Draw) {
    for (std::size_t i = 0; i < static_cast<std::size_t>(n.shape.size()); ++i) out.push_back({id, i});
    return;
  }
  if (n.op == Op::Stack) {
    // Column-major, stacked along a new last axis: each input's elements in turn.
    for (NodeId in : n.inputs) collect(g, in, out);
    return;
  }
  out.insert(out.end(), static_cast<std::size_t>(n.shape.size()), ElementSource{});
}

}  // namespace

std::vector<ElementSource> element_sources(const Graph& g, NodeId variable_node) {
  std::vector<ElementSource> out;
  collect(g, variable_node, out);
  return out;
}

NodeNames::NodeNames(const Model& m) : m_(m), owners_(draw_owners(m)), context_(m.graph().size(), -1) {
  const Graph& g = m.graph();
  const auto& vars = m.variables();
  std::vector<bool> named(g.size(), false);
  for (const Variable& v : vars) named[v.node] = true;
  for (std::size_t k = 0; k < vars.size(); ++k) {
    if (vars[k].is_data) continue;
    // The nodes of this variable's definition: its ancestors up to other variables.
    std::vector<NodeId> stack = {vars[k].node};
    while (!stack.empty()) {
      const NodeId id = stack.back();
      stack.pop_back();
      for (NodeId in : g.node(id).inputs) {
        const int owner = owners_[in].var;
        if (named[in] || context_[in] >= 0 || g.node(in).op == Op::Constant) continue;
        if (owner >= 0 && owner != static_cast<int>(k)) continue;  // another variable's element
        context_[in] = static_cast<int>(k);
        stack.push_back(in);
      }
    }
  }
}

std::string NodeNames::describe(NodeId id) const {
  const auto where = [](const SourceLoc& loc) {
    return loc.known() ? " (" + to_string(loc) + ")" : std::string();
  };
  const auto& vars = m_.variables();
  if (id < owners_.size() && owners_[id].var >= 0) {
    const Variable& v = vars[static_cast<std::size_t>(owners_[id].var)];
    return "variable '" + owners_[id].display + "'" + where(v.loc);
  }
  for (const Variable& v : vars)
    if (v.node == id) return "variable '" + v.name + "'" + where(v.loc);
  if (id < context_.size() && context_[id] >= 0) {
    const Variable& v = vars[static_cast<std::size_t>(context_[id])];
    const bool draw = m_.graph().node(id).op == Op::Draw;
    return std::string(draw ? "an unnamed draw (one the rewriter introduced)" : "a term") +
           " in the definition of '" + v.name + "'" + where(v.loc);
  }
  return "a node of the model";
}

std::string NodeNames::short_name(NodeId id) const {
  const auto& vars = m_.variables();
  if (id < owners_.size() && owners_[id].var >= 0) return owners_[id].display;
  for (const Variable& v : vars)
    if (v.node == id) return v.name;
  if (id < context_.size() && context_[id] >= 0)
    return "a draw in '" + vars[static_cast<std::size_t>(context_[id])].name + "'";
  return "an unnamed draw";
}

}  // namespace alea::detail
