// Closure of distribution families: equalities in distribution of a subterm's
// marginal, each guarded by the independence of the draws it consumes. The right
// side's draws are replacements covering the matched draws' sites, so extraction
// refuses them wherever a consumed draw is still needed (DESIGN.md, Semantics).
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {

std::vector<Rule> closure_rules() {
  const Guard indep = draws_independent();
  const Guard shaped = draws_shaped_like_root();
  return {
      // Normal: affine maps (by anything independent of the draw) and sums of independent normals.
      dist_rw("normal-shift", "(+ (normal ?m ?s) ?c)", "(normal (+ ?m ?c) ?s)", {independent_of("?c"), shaped}),
      dist_rw("normal-scale", "(* ?c (normal ?m ?s))", "(normal (* ?c ?m) (* (abs ?c) ?s))",
              {independent_of("?c"), nonzero("?c"), shaped}),
      dist_rw("normal-neg", "(neg (normal ?m ?s))", "(normal (neg ?m) ?s)"),
      dist_rw("normal-sum", "(+ (normal ?m1 ?s1) (normal ?m2 ?s2))",
              "(normal (+ ?m1 ?m2) (sqrt (+ (square ?s1) (square ?s2))))", {indep, shaped}),
      // A normal whose mean is itself a normal draw (used nowhere else): the mean integrates out.
      dist_rw("normal-mean-marginal", "(normal (normal ?m ?s) ?t)", "(normal ?m (sqrt (+ (square ?s) (square ?t))))",
              {shaped, [](const EGraph& g, const Match& m) {
                 return disjoint(g.site(m.draws[1].site).cover, g.data(m["?t"]).sites);
               }}),
  };
}

}  // namespace alea::rewrite
