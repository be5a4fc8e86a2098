// Internal to the BUGS builder: functions and operators of BUGS expressions as ops.
#pragma once
#include <string>
#include <vector>

#include "bugs_internal.hpp"

namespace alea::io::detail {

// A BUGS function call on built arguments (exp, pow, inprod, inverse, ...).
// InputError at the call for unknown or unsupported functions and wrong arity.
Expr call_function(Model& m, const bugs::Expr& call, const std::vector<Expr>& args);
// `a op b` for a Binary expression `e` (x^2 becomes square(x)).
Expr binary(const bugs::Expr& e, const Expr& a, const Expr& b);
// Functions that apply to each element alone (so a loop of them can be one vector op).
bool is_elementwise_function(const std::string& name);

}  // namespace alea::io::detail
