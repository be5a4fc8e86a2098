// Recognition of iid sums written out term by term: x1 + x2 + ... + xn with the xi
// independent scalar draws of one distribution with the same parameters becomes one
// closed iid_sum(dist, n), whose rules (rules_composite_iid_sum.cpp) close it in one
// step where the chain of additions would take one saturation iteration per term.
// Guards: a term must be an anonymous draw (a named variable may be visible, and a
// visible variable is never marginalized away) used once only (x + x is 2x, not a
// sum of two draws); its parameters are the same nodes, so given them the terms are
// independent and identically distributed.
#include <map>

#include "alea/model/composite.hpp"
#include "alea/rewrite/simplify.hpp"

namespace alea::rewrite {
namespace {

struct Sums {
  std::vector<int> uses;        // times each node is an input
  std::vector<bool> named;      // the node of a named variable (or an element of one)
  std::vector<bool> absorbed;   // an inner + or a term that a recognized sum replaces
  std::map<NodeId, std::vector<std::vector<NodeId>>> groups;  // at a sum's root: its iid groups
  std::map<NodeId, std::vector<NodeId>> rest;                  // ... and its other terms
};

bool inner_add(const Graph& g, const Sums& s, NodeId id) {
  return g.node(id).op == Op::Add && s.uses[id] == 1 && !s.named[id];
}

void terms(const Graph& g, const Sums& s, NodeId id, std::vector<NodeId>& out, std::vector<NodeId>& inner) {
  for (NodeId i : g.node(id).inputs) {
    if (inner_add(g, s, i)) {
      inner.push_back(i);
      terms(g, s, i, out, inner);
    } else {
      out.push_back(i);
    }
  }
}

Sums find_sums(const Model& m) {
  const Graph& g = m.graph();
  Sums s{std::vector<int>(g.size(), 0), std::vector<bool>(g.size(), false), std::vector<bool>(g.size(), false), {}, {}};
  std::vector<bool> feeds_add(g.size(), false);
  for (NodeId id = 0; id < g.size(); ++id)
    for (NodeId i : g.node(id).inputs) {
      ++s.uses[i];
      if (g.node(id).op == Op::Add) feeds_add[i] = true;
    }
  for (const Variable& v : m.variables()) {
    s.named[v.node] = true;
    if (g.node(v.node).op == Op::Stack) {
      for (NodeId i : g.node(v.node).inputs) s.named[i] = true;
      for (NodeId i : stacked_leaves(g, v.node)) s.named[i] = true;
    }
  }
  for (NodeId id = 0; id < g.size(); ++id) {
    if (g.node(id).op != Op::Add || (inner_add(g, s, id) && feeds_add[id])) continue;
    std::vector<NodeId> leaves, inner;
    terms(g, s, id, leaves, inner);
    std::map<std::pair<DistKind, std::vector<NodeId>>, std::vector<NodeId>> by_law;
    std::vector<NodeId> rest;
    for (NodeId leaf : leaves) {
      const Node& n = g.node(leaf);
      const bool iid_term = n.op == Op::Draw && n.shape.is_scalar() && s.uses[leaf] == 1 && !s.named[leaf] &&
                            dist_info(n.dist).value_arity == Arity::Scalar;
      if (iid_term) by_law[{n.dist, n.inputs}].push_back(leaf);
      else rest.push_back(leaf);
    }
    std::vector<std::vector<NodeId>> groups;
    for (auto& [law, members] : by_law) {
      if (members.size() < 2) {
        rest.push_back(members[0]);
        continue;
      }
      for (NodeId d : members) s.absorbed[d] = true;
      groups.push_back(std::move(members));
    }
    if (groups.empty()) continue;
    for (NodeId i : inner) s.absorbed[i] = true;
    s.groups.emplace(id, std::move(groups));
    s.rest.emplace(id, std::move(rest));
  }
  return s;
}

}  // namespace

Model recognize_iid_sums(const Model& m) {
  const Sums s = find_sums(m);
  if (s.groups.empty()) return m;
  const Graph& g = m.graph();
  return rebuild_model(m, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
    if (s.absorbed[id]) return kDroppedNode;
    auto it = s.groups.find(id);
    if (it == s.groups.end()) return std::nullopt;
    std::vector<NodeId> parts;
    for (const std::vector<NodeId>& group : it->second) {
      const Node& d = g.node(group[0]);
      std::vector<NodeId> params{t.constant(Value(static_cast<double>(group.size())))};
      for (NodeId p : d.inputs) params.push_back(map[p]);
      parts.push_back(t.composite(composite::kIidSum, d.dist, std::move(params), Shape::scalar()));
    }
    for (NodeId r : s.rest.at(id)) parts.push_back(map[r]);
    NodeId acc = parts[0];
    for (std::size_t k = 1; k < parts.size(); ++k) acc = t.apply(Op::Add, {acc, parts[k]});
    return acc;
  });
}

}  // namespace alea::rewrite
