// Parsing BUGS model text into the syntax tree of bugs_ast.hpp, printing it back
// in canonical form, and comparing trees regardless of source locations.
#pragma once
#include <string>
#include <string_view>

#include "alea/io/bugs_ast.hpp"

namespace alea::io {

// Throws InputError "FILE:LINE:COL: message" on the first lexical or syntax error.
bugs::Program parse_bugs(std::string_view text, const std::string& filename);

// Canonical BUGS text: minimal parentheses, `a + b * c^-d`, two-space indentation.
// parse_bugs(to_string(p)) is structurally equal to p.
std::string to_string(const bugs::Expr& e);
std::string to_string(const bugs::Stmt& s, int indent = 0);
std::string to_string(const bugs::Program& p);

// Structural equality that ignores source locations.
bool same_structure(const bugs::Expr& a, const bugs::Expr& b);
bool same_structure(const bugs::Stmt& a, const bugs::Stmt& b);
bool same_structure(const bugs::Program& a, const bugs::Program& b);

}  // namespace alea::io
