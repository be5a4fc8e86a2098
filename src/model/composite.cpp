// Building closed composites in a model and expanding them level by level.
#include "alea/model/composite.hpp"

#include <algorithm>
#include <stdexcept>

#include "alea/dist/registry.hpp"
#include "constant_eval.hpp"

namespace alea {

CompositeCall iid_sum(const DistCall& d, std::int64_t n) {
  if (n < 1) throw std::invalid_argument("iid_sum: the count n is " + std::to_string(n) + ", but must be >= 1");
  CompositeCall c{composite::kIidSum, d.kind, {Arg(static_cast<double>(n))}, Shape::scalar()};
  for (const Arg& a : d.params) c.params.push_back(a);
  return c;
}

CompositeCall random_walk(Arg m, Arg sigma, std::int64_t n) {
  if (n < 1) throw std::invalid_argument("random_walk: the length n is " + std::to_string(n) + ", but must be >= 1");
  return {composite::kRandomWalk, DistKind::Normal, {m, sigma}, Shape::vector(n)};
}

CompositeCall hierarchical_normal(Arg mu, Arg tau, std::int64_t n) {
  if (n < 1)
    throw std::invalid_argument("hierarchical_normal: the count n is " + std::to_string(n) + ", but must be >= 1");
  return {composite::kHierarchicalNormal, DistKind::Normal, {mu, tau}, Shape::vector(n)};
}

CompositeCall dense_layer(Arg X, Arg m, Arg s, Arg b) {
  return {composite::kDenseLayer, DistKind::Normal, {X, m, s, b}, Shape{}};
}

NodeId Model::make_composite(const std::string& who, const CompositeCall& c) {
  const CompositeDef& def = composite_def(c.id);
  std::vector<NodeId> params;
  CompositeArgs args{c.dist, c.shape, {}, {}};
  for (const Arg& a : c.params) {
    params.push_back(a.node_in(*graph_));
    args.shapes.push_back(graph_->node(params.back()).shape);
    args.constants.push_back(graph_->is_constant_expr(params.back())
                                 ? std::optional<Value>(detail::constant_value(*graph_, params.back()))
                                 : std::nullopt);
  }
  Shape shape;
  try {
    shape = def.check(args);
  } catch (const std::domain_error& e) {
    throw std::domain_error(who + e.what());
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(who + e.what());
  }
  return graph_->composite(c.id, c.dist, std::move(params), std::move(shape));
}

Expr Model::random(const std::string& name, const CompositeCall& c, SourceLoc loc) {
  require_new_name(name, loc);
  NodeId id = make_composite("variable '" + name + "': ", c);
  add(name, id, std::move(loc));
  return Expr(graph_, id);
}

Expr Model::draw(const CompositeCall& c) { return Expr(graph_, make_composite("", c)); }

int composite_level(const Model& m) {
  const Graph& g = m.graph();
  if (!g.has_composites()) return 0;
  int level = 0;
  for (NodeId id = 0; id < g.size(); ++id)
    if (g.node(id).op == Op::Composite) level = std::max(level, composite_def(g.node(id).composite).level);
  return level;
}

Model rebuild_model(const Model& m, const RebuildHook& hook) {
  const Graph& g = m.graph();
  Model out;
  Graph& t = out.graph();
  for (const Variable& v : m.variables())
    if (v.is_data) out.data(v.name, *g.node(v.node).constant, v.loc);
  std::vector<NodeId> map(g.size(), kDroppedNode);
  for (NodeId id = 0; id < g.size(); ++id) {
    if (auto built = hook(t, id, map)) {
      map[id] = *built;
      continue;
    }
    const Node& n = g.node(id);
    std::vector<NodeId> in;
    for (NodeId i : n.inputs) in.push_back(map[i]);
    if (n.op == Op::Constant) map[id] = t.constant(*n.constant);
    else if (n.op == Op::Draw) map[id] = t.draw(n.dist, std::move(in), n.shape);
    else if (n.op == Op::Composite) map[id] = t.composite(n.composite, n.dist, std::move(in), n.shape);
    else map[id] = t.apply(n.op, std::move(in));
  }
  std::vector<std::string> monitored;
  for (const Variable& v : m.variables()) {
    if (v.is_data || map[v.node] == kDroppedNode) continue;
    out.define(v.name, Expr(out.graph_ptr(), map[v.node]), v.loc);
    if (v.observed) out.observe(v.name, *v.observed);
    if (m.role(v.name) == Role::Queried) monitored.push_back(v.name);
  }
  out.monitor(monitored);
  return out;
}

Model expand_level(const Model& m, int level) {
  const Graph& g = m.graph();
  return rebuild_model(m, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
    const Node& n = g.node(id);
    if (n.op != Op::Composite || composite_def(n.composite).level < level) return std::nullopt;
    std::vector<NodeId> in;
    for (NodeId i : n.inputs) in.push_back(map[i]);
    return composite_def(n.composite).expand(t, n.dist, in, n.shape);
  });
}

Model expand_all(const Model& m) {
  Model out = m;
  for (int level = composite_level(out); level > 0; level = composite_level(out)) out = expand_level(out, level);
  return out;
}

Model expand_all(const Model& m, const KeepClosed& keep_closed) {
  Model out = m;
  for (;;) {
    const Graph& g = out.graph();
    const auto expands = [&](NodeId id) { return g.node(id).op == Op::Composite && !keep_closed(out, id); };
    bool any = false;
    for (NodeId id = 0; id < g.size() && !any; ++id) any = expands(id);
    if (!any) return out;
    Model next = rebuild_model(out, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
      if (!expands(id)) return std::nullopt;
      const Node& n = g.node(id);
      std::vector<NodeId> in;
      for (NodeId i : n.inputs) in.push_back(map[i]);
      return composite_def(n.composite).expand(t, n.dist, in, n.shape);
    });
    out = std::move(next);
  }
}

}  // namespace alea
