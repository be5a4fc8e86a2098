// Composite ops (DESIGN.md, Levels): a named random op with parameters, a level and
// a body that expands it one level, into primitive nodes or composites of a lower
// level. A closed composite is one node (Op::Composite) and one site in the graph,
// so rules can match it whole; the rewriter's rules for each composite live in
// src/rewrite/rules_composite_*.cpp. The registry is a fixed table keyed by name.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "alea/graph/graph.hpp"

namespace alea {

using CompositeId = std::uint16_t;

namespace composite {
// The built-in composites. 0 is no composite.
inline constexpr CompositeId kIidSum = 1;             // (n, params of dist...)  the sum of n iid draws of dist
inline constexpr CompositeId kRandomWalk = 2;         // (x1 mean, sigma) [n]    x1 ~ normal(m, s), x[t] ~ normal(x[t-1], s)
inline constexpr CompositeId kHierarchicalNormal = 3; // (mu, tau) [n]           theta[j] ~ normal(mu, tau), iid given mu, tau
inline constexpr CompositeId kDenseLayer = 4;         // (X, m, s, b) [rows]     X w + b, w ~ hierarchical_normal(m, s) [cols]
}  // namespace composite

struct CompositeDef {
  CompositeId id;
  std::string_view name;  // as printed: "iid_sum", "random_walk", ...
  int level;              // 1 + the highest level of a composite in its body
  bool takes_dist;        // the node's DistKind is a parameter (iid_sum's component)
  std::vector<std::string_view> params;
  std::function<ScalarType(DistKind)> type;
  // Builds the body one level down in `g` from the (already built) parameter nodes
  // and returns the node that stands for the composite's value. Draws in the body
  // are fresh sites.
  std::function<NodeId(Graph& g, DistKind dist, std::span<const NodeId> params, const Shape& shape)> expand;
};

const CompositeDef& composite_def(CompositeId id);  // std::out_of_range for an unknown id
std::optional<CompositeId> composite_by_name(std::string_view name);
std::span<const CompositeDef> composite_defs();

}  // namespace alea
