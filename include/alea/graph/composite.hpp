// Composite ops (docs/design.md, Levels): a named random op with parameters, a level
// and a body that expands it one level, into primitive nodes or composites of a lower
// level. A closed composite is one node (Op::Composite) and one site in the graph,
// so rules can match it whole (patterns name it: "(random_walk ?m ?s)"). Every
// composite, the built-in ones included, is registered through register_composite,
// at run time: a user's C++ program defines its own ops without editing alea. The
// rewriter's rules of a composite and its lifting pass are registered beside it
// (rewrite::register_composite_rules, rewrite::register_lifting).
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
// The built-in composites, registered first, in this order. 0 is no composite.
inline constexpr CompositeId kIidSum = 1;             // (n, params of dist...)  the sum of n iid draws of dist
inline constexpr CompositeId kRandomWalk = 2;         // (x1 mean, sigma) [n]    x1 ~ normal(m, s), x[t] ~ normal(x[t-1], s)
inline constexpr CompositeId kHierarchicalNormal = 3; // (mu, tau) [n]           theta[j] ~ normal(mu, tau), iid given mu, tau
inline constexpr CompositeId kDenseLayer = 4;         // (X, m, s, b) [rows]     X w + b, w ~ hierarchical_normal(m, s) [cols]
}  // namespace composite

// What a composite's parameter check sees: the call's component distribution, the
// shape it asked for, and each parameter's shape and, where it is a constant
// expression, its value.
struct CompositeArgs {
  DistKind dist = DistKind::Normal;
  Shape shape;
  std::vector<Shape> shapes;
  std::vector<std::optional<Value>> constants;
};

struct CompositeDef {
  CompositeId id = 0;  // given by register_composite
  std::string name;    // as printed and as patterns name it: "iid_sum", "random_walk", ...
  int level = 1;       // 1 + the highest level of a composite in its body
  bool takes_dist = false;  // the node's DistKind is a parameter (iid_sum's component)
  std::vector<std::string> params;
  // The value's scalar type; real when not given.
  std::function<ScalarType(DistKind)> type;
  // Checks the parameters (throws std::invalid_argument for a wrong shape or count,
  // std::domain_error for a bad constant value, naming the parameter) and returns the
  // shape of the composite's value. When not given: one argument per parameter, and
  // the shape the call asked for.
  std::function<Shape(const CompositeArgs&)> check;
  // Builds the body one level down in `g` from the (already built) parameter nodes
  // and returns the node that stands for the composite's value. Draws in the body
  // are fresh sites.
  std::function<NodeId(Graph& g, DistKind dist, std::span<const NodeId> params, const Shape& shape)> expand;
  // Optional: the op's own log density of a value given its parameters' values, the
  // law of the body's value with the body's draws integrated out (exactly, or the
  // log_density and the sampler would disagree with the body). Where given, a closed
  // composite whose value is known (given or observed) is evaluated through it
  // instead of its body (alea::log_density, infer::LogDensityFunction); otherwise its
  // density is taken through the body.
  std::function<double(DistKind dist, std::span<const Value> params, const Value& value)> log_density;
  // Optional, with log_density: the same log density, adding its partial derivatives
  // with respect to each parameter's elements to d_params[k] (one per element). Where
  // given, gradients run through it (the value is then data: an observed composite).
  std::function<double(DistKind dist, std::span<const Value> params, const Value& value,
                       std::span<std::vector<double>> d_params)>
      gradient;
};

// Registers a composite op and returns its id. Throws std::invalid_argument for an
// empty or taken name (names are those of patterns: letters, digits and '_'), a
// level below 1, or no body. Thread-safe; a definition lives as long as the process.
CompositeId register_composite(CompositeDef def);
const CompositeDef& composite_def(CompositeId id);  // std::out_of_range for an unknown id
std::optional<CompositeId> composite_by_name(std::string_view name);
// Every registered composite, in the order of registration.
std::vector<const CompositeDef*> composite_defs();

}  // namespace alea
