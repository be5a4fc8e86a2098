// The finite normal mixture: a normal whose mean and sd are picked by a categorical
// indicator, the indicator integrated out:
//   z ~ categorical(w), y ~ normal(mu[z], sigma[z])   ->   y ~ normal_mixture(w, mu, sigma)
// categorical draws 1..K and the graph's Index is 0-based, so the index is z - 1 (as
// the modelling API writes mu[z]: index(mu, z - 1)). sigma may also be one scalar for
// every component. A closure rule rather than a composite: the indicator and the indexed
// normal are already one pattern of primitive nodes, so there is no loop to recognize
// first. Two components written with a 0/1 indicator, y ~ normal(a + z d, s) with
// z ~ bernoulli(p) (models/mixture.bug), are the mixture of weights [1 - p, p]. The
// replacement covers the sites of y and z, so extraction refuses it wherever
// z is still needed (monitored, or used by another node).
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {
namespace {

// The categorical draw z of class c - 1, when `index` holds such a node: its site.
std::optional<std::uint32_t> indicator_site(const EGraph& g, ClassId index) {
  for (const ENode& n : g.eclass(index).nodes) {
    if (n.op != Op::Sub || n.children.size() != 2) continue;
    const auto& one = g.data(n.children[1]).constant;
    if (!one || !one->is_scalar() || one->scalar() != 1.0) continue;
    for (const ENode& z : g.eclass(n.children[0]).nodes)
      if (z.op == Op::Draw && z.dist == DistKind::Categorical && z.children.size() == 1) return z.payload;
  }
  return std::nullopt;
}

ClassId weights_of(const EGraph& g, std::uint32_t site, ClassId index) {
  for (const ENode& n : g.eclass(index).nodes)
    if (n.op == Op::Sub)
      for (const ENode& z : g.eclass(n.children[0]).nodes)
        if (z.op == Op::Draw && z.payload == site) return z.children[0];
  throw std::logic_error("mixture-marginal: the indicator vanished");
}

// The mixture with the given sigma (a class of the weights' shape), when ?i is z - 1
// for a scalar categorical z ~ categorical(w) with mu, sigma and w apart from z.
std::optional<ClassId> mixture(EGraph& g, const Match& m, std::optional<ClassId> sigma_vec, ClassId sigma_any) {
  const ClassId i = m["?i"];
  const auto z = indicator_site(g, i);
  if (!z || !g.data(i).shape.dims.empty()) return std::nullopt;
  const ClassId w = weights_of(g, *z, i), mu = m["?mu"];
  const Shape& wshape = g.data(w).shape;
  if (wshape.rank() != 1 || g.data(mu).shape != wshape) return std::nullopt;
  if (!g.data(m.root).shape.dims.empty()) return std::nullopt;  // one y per indicator
  const SiteSet& zcover = g.site(*z).cover;
  // mu, sigma and w must not depend on z (nor on y)
  const SiteSet cover = site_union(matched_cover(g, m), zcover);
  for (ClassId c : {mu, sigma_any, w})
    if (!disjoint(cover, g.data(c).sites)) return std::nullopt;
  ClassId sigma = sigma_any;
  if (sigma_vec) {
    if (g.data(*sigma_vec).shape != wshape) return std::nullopt;
    sigma = *sigma_vec;
  } else {
    if (!g.data(sigma_any).shape.dims.empty()) return std::nullopt;
    const ClassId ones = g.add_constant(Value(std::vector<double>(static_cast<std::size_t>(wshape.size()), 1.0)));
    sigma = g.add(ENode{Op::Mul, DistKind::Normal, 0, {sigma_any, ones}});
  }
  return g.add_replacement_draw(DistKind::NormalMixture, {w, mu, sigma}, Shape{}, cover, m.root);
}

// Two components written with a 0/1 indicator, as models/mixture.bug does:
//   z ~ bernoulli(p), y ~ normal(a + z d, s)  ->  y ~ normal_mixture([1 - p, p], [a, a + d], [s, s])
// elementwise: z and y of one shape, a, d, s and p scalars apart from z and y.
std::optional<ClassId> bernoulli_mixture(EGraph& g, const Match& m) {
  const SiteSet cover = matched_cover(g, m);
  for (const char* v : {"?a", "?d", "?s", "?p"}) {
    const ClassData& d = g.data(m[v]);
    if (!d.shape.dims.empty() || !disjoint(cover, d.sites)) return std::nullopt;
  }
  const ClassId one = g.add_constant(Value(1.0));
  const auto stack = [&](ClassId x, ClassId y) { return g.add(ENode{Op::Stack, DistKind::Normal, 0, {x, y}}); };
  const ClassId w = stack(g.add(ENode{Op::Sub, DistKind::Normal, 0, {one, m["?p"]}}), m["?p"]);
  const ClassId mu = stack(m["?a"], g.add(ENode{Op::Add, DistKind::Normal, 0, {m["?a"], m["?d"]}}));
  const ClassId ones = g.add_constant(Value(std::vector<double>{1.0, 1.0}));
  const ClassId sigma = g.add(ENode{Op::Mul, DistKind::Normal, 0, {m["?s"], ones}});
  return g.add_replacement_draw(DistKind::NormalMixture, {w, mu, sigma}, g.data(m.root).shape, cover, m.root);
}

}  // namespace

std::vector<Rule> mixture_closure_rules() {
  return {
      computed("mixture-marginal", RuleKind::Distributional, "(normal (index ?mu ?i) (index ?sigma ?i))",
               [](EGraph& g, const Match& m) { return mixture(g, m, m["?sigma"], m["?sigma"]); }, {},
               "(normal_mixture ?w ?mu ?sigma)  with ?i = z - 1, z ~ categorical(?w)"),
      computed("mixture-marginal-common-sd", RuleKind::Distributional, "(normal (index ?mu ?i) ?sigma)",
               [](EGraph& g, const Match& m) { return mixture(g, m, std::nullopt, m["?sigma"]); }, {},
               "(normal_mixture ?w ?mu (* ?sigma 1))  with ?i = z - 1, z ~ categorical(?w)"),
      computed("mixture-bernoulli-marginal", RuleKind::Distributional, "(normal (+ ?a (* (bernoulli ?p) ?d)) ?s)",
               bernoulli_mixture, {draws_shaped_like_root()},
               "(normal_mixture (stack (- 1 ?p) ?p) (stack ?a (+ ?a ?d)) (* ?s c(1, 1)))"),
  };
}

}  // namespace alea::rewrite
