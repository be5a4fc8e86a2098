// The functions and operators of the BUGS language that alea reads, as a table for
// the docs (docs/bugs-language.md holds this table; a test keeps the two in sync).
#pragma once
#include <string>

namespace alea::io {

// A markdown table: name, arguments, result, and whether gradients flow through it.
std::string bugs_function_table();
// The d-, p- and q-functions of the distributions (dnorm, pnorm, qnorm, ...), one row
// per distribution, from the records (docs/bugs-language.md holds it too).
std::string bugs_dist_function_table();

}  // namespace alea::io
