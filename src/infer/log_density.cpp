// The naive joint log density: every draw must have a value (given, observed, or
// an element of a given array); deterministic nodes are computed.
#include "alea/infer/log_density.hpp"

#include <cmath>
#include <deque>
#include <optional>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "alea/model/composite.hpp"
#include "node_owner.hpp"

namespace alea {
namespace {

// Binds a variable's value to the draws it is made of (by address: nothing is
// copied; the elements of a stack of scalar draws go into `scratch`); returns false
// when the variable is deterministic (its value is then computed, not bound).
bool bind(const Graph& g, NodeId node, const Value& v, std::vector<const Value*>& bound, std::deque<Value>& scratch) {
  const Node& n = g.node(node);
  if (is_site(n.op)) {  // a draw, or a composite kept closed for its own density
    bound[node] = &v;
    return true;
  }
  if (n.op == Op::Stack) {
    const std::vector<NodeId> leaves = stacked_leaves(g, node);
    bool all = !leaves.empty();
    for (std::size_t i = 0; i < leaves.size(); ++i) {
      if (g.node(leaves[i]).op == Op::Draw)
        bound[leaves[i]] = &scratch.emplace_back(Shape{}, std::vector<double>{v[i]}, v.type());
      else
        all = false;
    }
    return all;
  }
  return false;
}

}  // namespace

LogDensity log_density(const Model& model, const std::map<std::string, Value>& at) {
  // A closed composite's density is its own where its op has one and its value is
  // known; otherwise its body's (expanded: a chain or a vector of draws).
  std::optional<Model> expanded;
  if (model.graph().has_composites())
    expanded = expand_all(model, [&](const Model& mm, NodeId id) {
      if (!composite_def(mm.graph().node(id).composite).log_density) return false;
      for (const Variable& v : mm.variables())
        if (v.node == id && (v.observed || at.count(v.name))) return true;
      return false;
    });
  const Model& m = expanded ? *expanded : model;
  const Graph& g = m.graph();
  std::vector<const Value*> bound(g.size(), nullptr);
  std::deque<Value> scratch;
  for (const auto& [name, value] : at) {
    const Variable& v = m.variable(name);  // throws for an unknown name
    if (v.is_data) throw std::invalid_argument("log density: '" + name + "' is data, not a random variable");
    if (v.observed) throw std::invalid_argument("log density: '" + name + "' is observed; its value is its data");
    const Shape& want = g.node(v.node).shape;
    if (value.shape() != want)
      throw std::invalid_argument("log density: variable '" + name + "' has shape " + to_string(want) +
                                  " but the value has shape " + to_string(value.shape()));
    if (!bind(g, v.node, value, bound, scratch))
      throw std::invalid_argument("log density: variable '" + name +
                                  "' is deterministic; give values for the random variables it is computed from");
  }
  for (const Variable& v : m.variables()) {
    if (!v.observed) continue;
    if (!bind(g, v.node, *v.observed, bound, scratch))
      throw std::invalid_argument("log density: variable '" + v.name +
                                  "' is observed but is a deterministic function of random variables; "
                                  "the naive model has no density for it: simplify the model first");
  }
  const std::vector<detail::Owner> owners = detail::draw_owners(m);
  LogDensity out;
  std::vector<double> per_var(m.variables().size(), 0.0);
  // Values by address: constants, bound values and observed data are not copied; only
  // computed nodes own storage.
  std::vector<const Value*> vals(g.size(), nullptr);
  std::vector<Value> computed(g.size());
  std::vector<Value> in;
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& node = g.node(id);
    if (node.op == Op::Constant) {
      vals[id] = &*node.constant;
      continue;
    }
    in.clear();
    for (NodeId i : node.inputs) in.push_back(*vals[i]);
    if (!is_site(node.op)) {
      computed[id] = dist::evaluate(node.op, in);
      vals[id] = &computed[id];
      continue;
    }
    const detail::Owner& owner = owners[id];
    if (!bound[id]) {
      if (owner.var < 0)
        throw std::invalid_argument("log density: the model has an anonymous draw " + owner.display +
                                    "; its density needs marginalization: simplify the model first");
      throw std::invalid_argument("log density: no value for variable '" + owner.display + "' (" +
                                  to_string(node.shape) + ")");
    }
    vals[id] = bound[id];
    const double term = node.op == Op::Composite ? composite_def(node.composite).log_density(node.dist, in, *vals[id])
                                                 : dist::logpdf(node.dist, in, *vals[id]);
    per_var[static_cast<std::size_t>(owner.var)] += term;
    out.total += term;
  }
  for (std::size_t k = 0; k < m.variables().size(); ++k)
    if (m.is_stochastic(m.variables()[k].name)) out.terms.emplace_back(m.variables()[k].name, per_var[k]);
  return out;
}

}  // namespace alea
