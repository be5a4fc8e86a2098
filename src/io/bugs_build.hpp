// Internal to the BUGS builder: functions and operators of BUGS expressions as ops.
#pragma once
#include <optional>
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

// JAGS's dNAME(x, ...), pNAME(q, ...), qNAME(p, ...) of a distribution of scalars
// (bugs_dist_functions.cpp): nullopt when `call` names none; InputError for a wrong
// arity, a bad constant parameter, or a p/q function the record cannot give.
std::optional<Expr> call_dist_function(Model& m, const bugs::Expr& call, const std::vector<Expr>& args);
bool is_dist_function_name(const std::string& name);
// The docs' table of those functions, one row per distribution.
std::string dist_function_table();

}  // namespace alea::io::detail
