// Expressions: lifting constants into the graph and applying ops.
#include "alea/model/expr.hpp"

#include <stdexcept>

namespace alea {

NodeId Arg::node_in(Graph& g) const {
  if (const Expr* e = expr()) {
    if (e->graph().get() != &g)
      throw std::invalid_argument("an expression from one model was used in another model");
    return e->id();
  }
  return g.constant(*value());
}

Expr apply(Op op, std::vector<Arg> args) {
  std::shared_ptr<Graph> g;
  for (const Arg& a : args)
    if (a.expr()) g = a.expr()->graph();
  if (!g) throw std::invalid_argument(std::string(op_info(op).name) + ": needs at least one model expression");
  std::vector<NodeId> inputs;
  for (const Arg& a : args) inputs.push_back(a.node_in(*g));
  return Expr(g, g->apply(op, std::move(inputs)));
}

Expr Expr::operator[](std::int64_t i) const {
  return Expr(graph_, graph_->apply(Op::Index, {id_, graph_->constant(Value::integer(static_cast<double>(i)))}));
}

Expr Expr::operator()(std::int64_t i, std::int64_t j) const {
  return Expr(graph_, graph_->apply(Op::Index, {id_, graph_->constant(Value::integer(static_cast<double>(i))),
                                                graph_->constant(Value::integer(static_cast<double>(j)))}));
}

Expr stack(const std::vector<Expr>& scalars) {
  if (scalars.empty()) throw std::invalid_argument("stack: needs at least one element");
  std::vector<Arg> args(scalars.begin(), scalars.end());
  return apply(Op::Stack, std::move(args));
}

}  // namespace alea
