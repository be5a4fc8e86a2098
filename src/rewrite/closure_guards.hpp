// Guards shared by the closure rule files (rules_closure_*.cpp): the sign of an
// operand and the checks behind rules that the common guards do not express.
#pragma once
#include "alea/rewrite/rule.hpp"

namespace alea::rewrite::detail {

// Every element < 0 (uniform scaling by a negative factor swaps the bounds).
inline Guard negative(std::string var) {
  return [var](const EGraph& g, const Match& m) {
    const Range& r = g.data(m[var]).range;
    return r.hi < 0 || (r.hi == 0 && r.hi_open);
  };
}

// A factor that no draw reaches (a function of constants alone). The scale rules of
// the location-scale families take only such a factor: s * Z with Z a latent standard
// draw and s random is the non-centred form of a hierarchical group (Z's density does
// not depend on s), and moving s into Z's scale (the centred form) makes the funnel
// between s and the group that NUTS cannot cross. alea keeps the parameterization
// that the model states for a random scale (docs/sampling.md, "The rewriter keeps a non-centred group").
inline Guard not_random(std::string var) {
  return [var](const EGraph& g, const Match& m) { return g.data(m[var]).sites.empty(); };
}

}  // namespace alea::rewrite::detail
