// Recognition of a Gaussian random walk written element by element, as BUGS loops
// write it:  x[1] ~ dnorm(m, p); for (t in 2:T) x[t] ~ dnorm(x[t-1], p)
// becomes one closed random_walk(m, s) [T], each x[t] read through index(x, t), so
// the composite's rules see it whole. Observations written one by one on it,
// y[t] ~ dnorm(x[t], q) for every t in order, become one vector draw
// normal(x, q) [T] (the same joint: the same draws, stacked). Nothing is
// marginalized here: the walk keeps its name and role.
#include <map>

#include "alea/model/composite.hpp"
#include "alea/rewrite/simplify.hpp"

namespace alea::rewrite {
namespace {

// The elements of a stack variable when it is a random walk: x[0] ~ normal(m, s),
// x[t] ~ normal(x[t-1], s) with one s, none of them an observed variable's node
// (another name for an element, end <- x[T], is read through index(x, T)).
std::optional<std::vector<NodeId>> walk_elements(const Model& m, const Variable& v, const std::vector<bool>& observed) {
  const Graph& g = m.graph();
  const Node& stack = g.node(v.node);
  if (v.is_data || v.observed || stack.op != Op::Stack || stack.inputs.size() < 2) return std::nullopt;
  NodeId scale = 0;
  for (std::size_t t = 0; t < stack.inputs.size(); ++t) {
    const NodeId e = stack.inputs[t];
    const Node& n = g.node(e);
    if (n.op != Op::Draw || n.dist != DistKind::Normal || !n.shape.is_scalar() || observed[e]) return std::nullopt;
    if (t == 0) scale = n.inputs[1];
    else if (n.inputs[0] != stack.inputs[t - 1] || n.inputs[1] != scale) return std::nullopt;
  }
  return stack.inputs;
}

// A stack variable y whose element t is normal(x[t], q) for every t, one q.
bool observes_walk(const Graph& g, const Node& stack, const std::map<NodeId, std::pair<NodeId, std::size_t>>& element,
                   NodeId& walk, NodeId& noise) {
  if (stack.op != Op::Stack) return false;
  for (std::size_t t = 0; t < stack.inputs.size(); ++t) {
    const Node& n = g.node(stack.inputs[t]);
    if (n.op != Op::Draw || n.dist != DistKind::Normal || !n.shape.is_scalar()) return false;
    auto it = element.find(n.inputs[0]);
    if (it == element.end() || it->second.second != t || (t > 0 && (it->second.first != walk || n.inputs[1] != noise)))
      return false;
    walk = it->second.first;
    noise = n.inputs[1];
  }
  return g.node(walk).inputs.size() == stack.inputs.size();
}

}  // namespace

Model recognize_random_walks(const Model& m) {
  const Graph& g = m.graph();
  std::vector<bool> named(g.size(), false), observed(g.size(), false);
  for (const Variable& v : m.variables()) {
    named[v.node] = true;
    if (v.observed) observed[v.node] = true;
  }
  std::map<NodeId, std::pair<NodeId, std::size_t>> element;  // element draw -> (its walk's stack, t)
  for (const Variable& v : m.variables())
    if (auto es = walk_elements(m, v, observed))
      for (std::size_t t = 0; t < es->size(); ++t) element[(*es)[t]] = {v.node, t};
  if (element.empty()) return m;
  std::map<NodeId, NodeId> observation_of;  // stack of observations -> stack of the walk
  std::map<NodeId, NodeId> noise_of;
  std::map<NodeId, bool> in_observation;  // element draws of an observation stack
  std::vector<int> uses(g.size(), 0);
  for (NodeId id = 0; id < g.size(); ++id)
    for (NodeId i : g.node(id).inputs) ++uses[i];
  const auto only_in_stack = [&](const Node& stack) {
    for (NodeId e : stack.inputs)
      if (uses[e] != 1 || named[e]) return false;
    return true;
  };
  for (const Variable& v : m.variables()) {
    NodeId walk = 0, noise = 0;
    if (!v.is_data && observes_walk(g, g.node(v.node), element, walk, noise) && only_in_stack(g.node(v.node))) {
      observation_of[v.node] = walk;
      noise_of[v.node] = noise;
      for (NodeId e : g.node(v.node).inputs) in_observation[e] = true;
    }
  }
  std::map<NodeId, NodeId> built;  // walk stack -> its composite in the new graph
  return rebuild_model(m, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
    if (in_observation.count(id)) return kDroppedNode;
    if (auto o = observation_of.find(id); o != observation_of.end())
      return t.draw(DistKind::Normal, {built.at(o->second), map[noise_of.at(id)]}, g.node(id).shape);
    if (auto w = built.find(id); w != built.end()) return w->second;
    auto e = element.find(id);
    if (e == element.end()) return std::nullopt;
    const auto [walk, step] = e->second;
    if (step == 0) {
      const Node& first = g.node(id);
      built[walk] = t.composite(composite::kRandomWalk, DistKind::Normal, {map[first.inputs[0]], map[first.inputs[1]]},
                                g.node(walk).shape);
    }
    return t.apply(Op::Index, {built.at(walk), t.constant(Value::integer(static_cast<double>(step)))});
  });
}

}  // namespace alea::rewrite
