// Ancestral sampling: evaluate the graph in id order (a topological order),
// drawing every site from its distribution given its parents' values.
#include "alea/infer/forward.hpp"

#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "alea/model/composite.hpp"
#include "variable_elements.hpp"

namespace alea {

DrawTable sample_prior(const Model& model, std::size_t n, Rng& rng, std::vector<std::string> variables) {
  // A closed composite is drawn through its body.
  const Model m = model.graph().has_composites() ? expand_all(model) : model;
  const Graph& g = m.graph();
  if (variables.empty())
    for (const Variable& v : m.variables())
      if (!v.is_data) variables.push_back(v.name);
  std::vector<std::string> columns;
  std::vector<NodeId> nodes;
  for (const std::string& name : variables) {
    const Variable& v = m.variable(name);
    nodes.push_back(v.node);
    for (auto& c : column_names(name, g.node(v.node).shape)) columns.push_back(std::move(c));
  }
  const detail::NodeNames names(m);
  DrawTable table(columns);
  std::vector<Value> vals(g.size());
  std::vector<double> row;
  for (std::size_t r = 0; r < n; ++r) {
    double lp = 0.0;
    for (NodeId id = 0; id < g.size(); ++id) {
      const Node& node = g.node(id);
      if (node.op == Op::Constant) {
        if (r == 0) vals[id] = *node.constant;
        continue;
      }
      std::vector<Value> in;
      in.reserve(node.inputs.size());
      for (NodeId i : node.inputs) in.push_back(vals[i]);
      if (node.op == Op::Draw) {
        try {
          vals[id] = dist::draw(node.dist, in, node.shape, rng);
        } catch (const std::exception& e) {
          throw std::domain_error(names.describe(id) + ": " + e.what());
        }
        lp += dist::logpdf(node.dist, in, vals[id]);
      } else {
        vals[id] = dist::evaluate(node.op, in);
      }
    }
    row.clear();
    for (NodeId id : nodes) row.insert(row.end(), vals[id].data().begin(), vals[id].data().end());
    table.add_row(row, lp);
  }
  return table;
}

}  // namespace alea
