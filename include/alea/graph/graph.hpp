// The model IR: an immutable, hash-consed DAG of nodes (op + inputs). Building the
// same deterministic node twice gives the same id; every Draw is a distinct site,
// so two draws of normal(0, 1) are two nodes (identity is not independence).
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <unordered_set>
#include <vector>

#include "alea/graph/dist_kind.hpp"
#include "alea/graph/op.hpp"
#include "alea/graph/value.hpp"

namespace alea {

using NodeId = std::uint32_t;
using SiteId = std::uint32_t;

struct Node {
  Op op = Op::Constant;
  DistKind dist = DistKind::Normal;  // Op::Draw; Op::Composite: the component distribution, if any
  SiteId site = 0;                   // Op::Draw and Op::Composite: distinct for every draw
  std::uint16_t composite = 0;       // Op::Composite only: its id in graph/composite.hpp
  std::vector<NodeId> inputs;        // always ids of earlier nodes: ids are a topological order
  std::shared_ptr<const Value> constant;  // Op::Constant only
  Shape shape;
  ScalarType type = ScalarType::Real;
};

class Graph {
 public:
  Graph() = default;
  // The index's hash and equality read this graph's nodes: a copy (or a move, which
  // copies) indexes its own.
  Graph(const Graph& o);
  Graph& operator=(const Graph& o);
  // Constant folding is not done here: the graph records what the user wrote.
  NodeId constant(Value v);
  // A fresh draw (new site) of `shape`; parameters are broadcast to it.
  NodeId draw(DistKind dist, std::vector<NodeId> params, Shape shape);
  // A closed composite op (a fresh site, like a draw) of `shape`; its body is built
  // by expand_composite (graph/composite.hpp).
  NodeId composite(std::uint16_t id, DistKind dist, std::vector<NodeId> params, Shape shape);
  // A deterministic op, hash-consed. Checks shapes (std::invalid_argument).
  NodeId apply(Op op, std::vector<NodeId> inputs);

  const Node& node(NodeId id) const { return nodes_.at(id); }
  std::size_t size() const { return nodes_.size(); }
  std::size_t site_count() const { return next_site_; }

  // True when no Draw is reachable from id (its value is fixed by constants).
  bool is_constant_expr(NodeId id) const;
  // True when the graph holds a closed composite.
  bool has_composites() const { return composites_ > 0; }

 private:
  // The hash-cons index holds node ids, hashed and compared through the nodes they
  // name: an entry holds no copy of a node's inputs (on a large model, copies as
  // large as the nodes themselves). A probe is a node not yet built.
  struct Probe {
    Op op;
    const std::vector<NodeId>& inputs;
    const Value* constant;
  };
  struct IndexHash {
    using is_transparent = void;
    const Graph* graph;
    std::size_t operator()(NodeId id) const;
    std::size_t operator()(const Probe& p) const;
  };
  struct IndexEqual {
    using is_transparent = void;
    const Graph* graph;
    bool operator()(NodeId a, NodeId b) const { return a == b; }
    bool operator()(const Probe& p, NodeId id) const;
    bool operator()(NodeId id, const Probe& p) const { return (*this)(p, id); }
  };

  NodeId push(Node n);

  // A deque, not a vector: a large model's nodes are never copied to grow the storage,
  // which held up to twice their memory (old and new block) at the moment of doubling.
  std::deque<Node> nodes_;
  std::unordered_set<NodeId, IndexHash, IndexEqual> index_{0, IndexHash{this}, IndexEqual{this}};
  std::vector<bool> random_;  // random_[id]: a Draw is reachable from id
  SiteId next_site_ = 0;
  std::size_t composites_ = 0;
};

// The scalar nodes an array is stacked from, in column-major order: the inputs of a
// stack of scalars, the leaves of a stack of stacks (an array of rank 2 or more defined
// element by element); empty when `id` is not a stack.
std::vector<NodeId> stacked_leaves(const Graph& g, NodeId id);

// A node that introduces a site: a Draw or a closed Composite.
inline bool is_site(Op op) { return op == Op::Draw || op == Op::Composite; }

}  // namespace alea
