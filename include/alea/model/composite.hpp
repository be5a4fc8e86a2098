// Composite ops in a model (docs/design.md, Levels): calls that build a closed composite
// (graph/composite.hpp) as a site, and the expansion of a model one level at a
// time. expand_all gives a model of primitive nodes only, which forward sampling,
// log densities and reverse-mode gradients work on.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>

#include "alea/graph/composite.hpp"
#include "alea/model/model.hpp"

namespace alea {

// A composite op with its parameters, not yet built: Model::random turns it into a site.
struct CompositeCall {
  CompositeId id;
  DistKind dist = DistKind::Normal;  // the component of iid_sum
  std::vector<Arg> params;
  Shape shape;
};

// The sum of n independent draws of d (a scalar distribution with scalar parameters).
CompositeCall iid_sum(const DistCall& d, std::int64_t n);
// x[1] ~ normal(m, sigma), x[t] ~ normal(x[t-1], sigma) for t = 2..n.
CompositeCall random_walk(Arg m, Arg sigma, std::int64_t n);
// theta[j] ~ normal(mu, tau), j = 1..n, independent given mu and tau.
CompositeCall hierarchical_normal(Arg mu, Arg tau, std::int64_t n);
// X w + b with w[k] ~ normal(m, s) independent, k = 1..cols(X) (a Bayesian dense layer).
CompositeCall dense_layer(Arg X, Arg m, Arg s, Arg b);

// Copies a model node by node into a new one (names, roles, data and observations
// kept). For each node the hook may build its replacement in the new graph from the
// map of the nodes before it (new ids, indexed by old id) and return it; nothing
// means "copy the node as it is". Variables whose node the hook mapped to
// kDroppedNode are left out.
inline constexpr NodeId kDroppedNode = static_cast<NodeId>(-1);
using RebuildHook = std::function<std::optional<NodeId>(Graph& target, NodeId id, const std::vector<NodeId>& map)>;
Model rebuild_model(const Model& m, const RebuildHook& hook);

// The highest level of a composite in the model; 0 when it has none.
int composite_level(const Model& m);
// The model with every composite of level `level` or higher expanded one level
// (its body's own composites stay closed). Names, roles and data are kept.
Model expand_level(const Model& m, int level);
// Every composite expanded, level by level: a model of primitive nodes only.
Model expand_all(const Model& m);
// Every composite expanded but those `keep_closed` keeps (asked again of the model
// after each expansion; their parameters are expanded all the same).
using KeepClosed = std::function<bool(const Model& m, NodeId id)>;
Model expand_all(const Model& m, const KeepClosed& keep_closed);

}  // namespace alea
