// Evaluation of constant subexpressions (for parameter checks at model build time).
#include "constant_eval.hpp"

#include <stdexcept>
#include <unordered_map>

#include "alea/dist/ops.hpp"

namespace alea::detail {
namespace {

const Value& eval(const Graph& g, NodeId id, std::unordered_map<NodeId, Value>& memo) {
  if (auto it = memo.find(id); it != memo.end()) return it->second;
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return memo.emplace(id, *n.constant).first->second;
  if (n.op == Op::Draw) throw std::logic_error("constant_value: the expression is random");
  std::vector<Value> in;
  for (NodeId i : n.inputs) in.push_back(eval(g, i, memo));
  return memo.emplace(id, dist::evaluate(n.op, in)).first->second;
}

}  // namespace

Value constant_value(const Graph& g, NodeId id) {
  std::unordered_map<NodeId, Value> memo;
  return eval(g, id, memo);
}

}  // namespace alea::detail
