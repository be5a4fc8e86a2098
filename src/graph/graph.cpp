// Hash-consing of nodes and the shape checks at construction.
#include "alea/graph/graph.hpp"

#include "alea/graph/composite.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace alea {

namespace {

// Constants are the same node when they hold the same numbers; NaN (a hole of a ragged
// array) is one number here, so that a large ragged array makes one NaN node, not one
// per hole (NaNs hash alike: unequal, they made a bucket searched in quadratic time).
bool same_constant(const Value& a, const Value& b) {
  if (a.type() != b.type() || a.shape() != b.shape()) return false;
  const auto x = a.data(), y = b.data();
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!(x[i] == y[i] || (std::isnan(x[i]) && std::isnan(y[i])))) return false;
  return true;
}

}  // namespace

bool Graph::Key::operator==(const Key& o) const {
  if (op != o.op || inputs != o.inputs) return false;
  if (constant == o.constant) return true;
  return constant && o.constant && same_constant(*constant, *o.constant);
}

std::size_t Graph::KeyHash::operator()(const Key& k) const {
  std::size_t h = std::hash<int>()(static_cast<int>(k.op));
  auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  for (NodeId i : k.inputs) mix(i);
  if (k.constant) {
    mix(static_cast<std::size_t>(k.constant->type()));
    for (auto d : k.constant->shape().dims) mix(static_cast<std::size_t>(d));
    for (double x : k.constant->data()) mix(std::hash<double>()(x));
  }
  return h;
}

NodeId Graph::push(Node n) {
  if (nodes_.size() >= std::numeric_limits<NodeId>::max()) throw std::length_error("model graph is too large");
  bool random = is_site(n.op);
  for (NodeId i : n.inputs) random = random || random_[i];
  nodes_.push_back(std::move(n));
  random_.push_back(random);
  return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId Graph::constant(Value v) {
  Key probe{Op::Constant, {}, &v};
  if (auto it = index_.find(probe); it != index_.end()) return it->second;
  Node n;
  n.op = Op::Constant;
  n.shape = v.shape();
  n.type = v.type();
  n.constant = std::make_shared<const Value>(std::move(v));
  const Value* stored = n.constant.get();
  NodeId id = push(std::move(n));
  index_.emplace(Key{Op::Constant, {}, stored}, id);
  return id;
}

NodeId Graph::draw(DistKind dist, std::vector<NodeId> params, Shape shape) {
  for (NodeId p : params)
    if (p >= nodes_.size()) throw std::out_of_range("draw: unknown parameter node");
  Node n;
  n.op = Op::Draw;
  n.dist = dist;
  n.site = next_site_++;
  n.inputs = std::move(params);
  n.shape = std::move(shape);
  n.type = dist_info(dist).value_type;
  return push(std::move(n));
}

NodeId Graph::composite(std::uint16_t id, DistKind dist, std::vector<NodeId> params, Shape shape) {
  for (NodeId p : params)
    if (p >= nodes_.size()) throw std::out_of_range("composite: unknown parameter node");
  Node n;
  n.op = Op::Composite;
  n.dist = dist;
  n.composite = id;
  n.site = next_site_++;
  n.inputs = std::move(params);
  n.type = composite_def(id).type(dist);
  n.shape = std::move(shape);
  ++composites_;
  return push(std::move(n));
}

NodeId Graph::apply(Op op, std::vector<NodeId> inputs) {
  if (op == Op::Constant || is_site(op)) throw std::logic_error("Graph::apply takes deterministic ops only");
  std::vector<Shape> shapes;
  std::vector<ScalarType> types;
  for (NodeId i : inputs) {
    if (i >= nodes_.size()) throw std::out_of_range(std::string(op_info(op).name) + ": unknown input node");
    shapes.push_back(nodes_[i].shape);
    types.push_back(nodes_[i].type);
  }
  Key probe{op, inputs, nullptr};
  if (auto it = index_.find(probe); it != index_.end()) return it->second;
  Node n;
  n.op = op;
  n.shape = result_shape(op, shapes);
  n.type = result_type(op, types);
  n.inputs = inputs;
  NodeId id = push(std::move(n));
  index_.emplace(std::move(probe), id);
  return id;
}

bool Graph::is_constant_expr(NodeId id) const { return !random_.at(id); }

std::vector<NodeId> stacked_leaves(const Graph& g, NodeId id) {
  std::vector<NodeId> out;
  const Node& n = g.node(id);
  if (n.op != Op::Stack) return out;
  for (NodeId i : n.inputs) {
    if (g.node(i).shape.is_scalar()) {
      out.push_back(i);
      continue;
    }
    std::vector<NodeId> sub = stacked_leaves(g, i);
    if (sub.empty()) return {};  // a column that is not itself a stack: no scalar leaves
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

}  // namespace alea
