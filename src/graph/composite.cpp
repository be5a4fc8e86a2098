// The built-in composite ops and their bodies (one level each).
#include "alea/graph/composite.hpp"

#include <stdexcept>

namespace alea {
namespace {

ScalarType real(DistKind) { return ScalarType::Real; }

std::int64_t constant_count(const Graph& g, NodeId n) {
  const Node& node = g.node(n);
  if (node.op != Op::Constant || !node.constant->is_scalar() || node.constant->scalar() < 1)
    throw std::invalid_argument("iid_sum: the count n must be a constant integer >= 1");
  return static_cast<std::int64_t>(node.constant->scalar());
}

// sum(x), x a vector of n iid draws: one level down, the iid closure rules apply.
NodeId iid_sum_body(Graph& g, DistKind d, std::span<const NodeId> p, const Shape&) {
  const std::int64_t n = constant_count(g, p[0]);
  const NodeId x = g.draw(d, std::vector<NodeId>(p.begin() + 1, p.end()), Shape::vector(n));
  return g.apply(Op::Sum, {x});
}

// x[1] ~ normal(m, s); x[t] ~ normal(x[t-1], s): the chain as written in BUGS.
NodeId random_walk_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
  std::vector<NodeId> xs;
  NodeId mean = p[0];
  for (std::int64_t t = 0; t < shape.size(); ++t) {
    xs.push_back(g.draw(DistKind::Normal, {mean, p[1]}, Shape::scalar()));
    mean = xs.back();
  }
  return g.apply(Op::Stack, xs);
}

NodeId hierarchical_normal_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape& shape) {
  return g.draw(DistKind::Normal, {p[0], p[1]}, shape);
}

// X w + b with w ~ hierarchical_normal(m, s) [cols]: one level down, a level-1 composite.
NodeId dense_layer_body(Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
  const Shape& x = g.node(p[0]).shape;
  const NodeId w = g.composite(composite::kHierarchicalNormal, DistKind::Normal, {p[1], p[2]},
                               Shape::vector(x.dims.at(1)));
  return g.apply(Op::Add, {g.apply(Op::MatVec, {p[0], w}), p[3]});
}

const std::vector<CompositeDef>& table() {
  static const std::vector<CompositeDef> defs{
      {composite::kIidSum, "iid_sum", 1, true, {"n", "..."}, [](DistKind d) { return dist_info(d).value_type; },
       iid_sum_body},
      {composite::kRandomWalk, "random_walk", 1, false, {"m", "sigma"}, real, random_walk_body},
      {composite::kHierarchicalNormal, "hierarchical_normal", 1, false, {"mu", "tau"}, real,
       hierarchical_normal_body},
      {composite::kDenseLayer, "dense_layer", 2, false, {"X", "m", "s", "b"}, real, dense_layer_body},
  };
  return defs;
}

}  // namespace

std::span<const CompositeDef> composite_defs() { return table(); }

const CompositeDef& composite_def(CompositeId id) {
  if (id == 0 || id > table().size()) throw std::out_of_range("unknown composite op " + std::to_string(id));
  return table()[id - 1];
}

std::optional<CompositeId> composite_by_name(std::string_view name) {
  for (const CompositeDef& d : table())
    if (d.name == name) return d.id;
  return std::nullopt;
}

}  // namespace alea
