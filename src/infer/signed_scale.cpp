// The signed scales of a density (gradient.hpp's SignedScale): found from the graph's
// structure alone, so one search decides for every chain.
#include <algorithm>
#include <cmath>
#include <optional>

#include "alea/infer/gradient.hpp"
#include "gradient_ops.hpp"

namespace alea::infer {

std::vector<SignedScale> find_signed_scales(const Graph& g, const LogDensityFunction& f, const std::vector<bool>& held) {
  // The density's readers of each node.
  std::vector<std::vector<NodeId>> readers(g.size());
  for (NodeId id = 0; id < g.size(); ++id)
    if (f.in_density(id))
      for (NodeId i : g.node(id).inputs) readers[i].push_back(id);
  std::vector<const FreeVariable*> free(g.size(), nullptr);
  for (const FreeVariable& fv : f.free_variables()) free[fv.node] = &fv;
  // Not held, and sampled as it is (f may be a density with non-centred groups).
  const auto moved_only_by_nuts = [&](const FreeVariable& fv) {
    for (std::size_t i = 0; i < fv.size; ++i)
      if (fv.offset + i < held.size() && held[fv.offset + i]) return false;
    return fv.transform != TransformKind::LocationScale && fv.transform != TransformKind::LogLocationScale;
  };
  // The draw whose elements `id` selects by constant indices (b[g[i]] of BUGS, g data):
  // b's sign flips them as it flips b.
  const auto indexed = [&](NodeId id) -> std::optional<NodeId> {
    const Node& n = g.node(id);
    if (n.op != Op::Index || n.inputs.size() < 2) return std::nullopt;
    for (std::size_t k = 1; k < n.inputs.size(); ++k)
      if (!g.is_constant_expr(n.inputs[k])) return std::nullopt;
    return n.inputs[0];
  };
  // The other factor of a product of the scale (either side): a free normal(0, c)
  // draw, c constant, or elements of one selected by constant indices.
  const auto standard_factor = [&](NodeId product, NodeId scale) -> std::optional<NodeId> {
    const Node& p = g.node(product);
    if (p.op != Op::Mul || p.inputs.size() != 2 || p.inputs[0] == p.inputs[1] ||
        (p.inputs[0] != scale && p.inputs[1] != scale))
      return std::nullopt;
    NodeId other = p.inputs[0] == scale ? p.inputs[1] : p.inputs[0];
    if (const auto of = indexed(other)) other = *of;
    if (!free[other] || !moved_only_by_nuts(*free[other]) || !detail::standard_partner(g, other)) return std::nullopt;
    return other;
  };
  // Whether `reader` reads partner p only as a factor of the scale: directly, or by
  // selecting elements that only such products read.
  const auto reads_as_factor = [&](NodeId reader, NodeId p, NodeId scale) {
    if (standard_factor(reader, scale) == p) return true;
    if (indexed(reader) != p || readers[reader].empty()) return false;
    return std::all_of(readers[reader].begin(), readers[reader].end(),
                       [&](NodeId r) { return standard_factor(r, scale) == p; });
  };
  std::vector<SignedScale> out;
  for (const FreeVariable& fv : f.free_variables()) {
    if (fv.size != 1 || g.node(fv.node).shape.size() != 1 || !moved_only_by_nuts(fv) ||
        !detail::mirrored_bound(g, fv.node) || readers[fv.node].empty())
      continue;
    SignedScale sc{fv.node, {}};
    bool fits = true;
    for (NodeId r : readers[fv.node]) {
      const auto partner = standard_factor(r, fv.node);
      if (!partner) {
        fits = false;
        break;
      }
      if (std::find(sc.partners.begin(), sc.partners.end(), *partner) == sc.partners.end())
        sc.partners.push_back(*partner);
    }
    // Each partner is read only as a factor of the scale.
    for (NodeId p : sc.partners)
      for (NodeId r : readers[p])
        fits = fits && reads_as_factor(r, p, fv.node);
    if (fits) out.push_back(std::move(sc));
  }
  return out;
}

}  // namespace alea::infer
