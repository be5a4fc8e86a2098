// The functions and operators of the BUGS language that alea reads, as a table for
// the docs (docs/bugs-language.md holds this table; a test keeps the two in sync).
#pragma once
#include <string>

namespace alea::io {

// A markdown table: name, arguments, result, and whether gradients flow through it.
std::string bugs_function_table();

}  // namespace alea::io
