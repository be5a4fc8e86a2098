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

}  // namespace alea::rewrite::detail
