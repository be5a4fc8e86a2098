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

namespace {

std::size_t index_hash(Op op, const std::vector<NodeId>& inputs, const Value* constant) {
  std::size_t h = std::hash<int>()(static_cast<int>(op));
  auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  for (NodeId i : inputs) mix(i);
  if (constant) {
    mix(static_cast<std::size_t>(constant->type()));
    for (auto d : constant->shape().dims) mix(static_cast<std::size_t>(d));
    for (double x : constant->data()) mix(std::hash<double>()(x));
  }
  return h;
}

}  // namespace

std::size_t Graph::IndexHash::operator()(NodeId id) const {
  const Node& n = graph->nodes_[id];
  return index_hash(n.op, n.inputs, n.constant.get());
}

std::size_t Graph::IndexHash::operator()(const Probe& p) const { return index_hash(p.op, p.inputs, p.constant); }

bool Graph::IndexEqual::operator()(const Probe& p, NodeId id) const {
  const Node& n = graph->nodes_[id];
  if (p.op != n.op || p.inputs != n.inputs) return false;
  if (p.constant == n.constant.get()) return true;
  return p.constant && n.constant && same_constant(*p.constant, *n.constant);
}

Graph::Graph(const Graph& o)
    : nodes_(o.nodes_),
      index_(o.index_.begin(), o.index_.end(), o.index_.bucket_count(), IndexHash{this}, IndexEqual{this}),
      random_(o.random_),
      next_site_(o.next_site_),
      composites_(o.composites_) {}

Graph& Graph::operator=(const Graph& o) {
  if (this == &o) return *this;
  nodes_ = o.nodes_;
  index_.clear();
  index_.insert(o.index_.begin(), o.index_.end());
  random_ = o.random_;
  next_site_ = o.next_site_;
  composites_ = o.composites_;
  return *this;
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
  static const std::vector<NodeId> none;
  if (auto it = index_.find(Probe{Op::Constant, none, &v}); it != index_.end()) return *it;
  Node n;
  n.op = Op::Constant;
  n.shape = v.shape();
  n.type = v.type();
  n.constant = std::make_shared<const Value>(std::move(v));
  NodeId id = push(std::move(n));
  index_.insert(id);
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
  if (auto it = index_.find(Probe{op, inputs, nullptr}); it != index_.end()) return *it;
  Node n;
  n.op = op;
  n.shape = result_shape(op, shapes);
  n.type = result_type(op, types);
  n.inputs = std::move(inputs);
  NodeId id = push(std::move(n));
  index_.insert(id);
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
