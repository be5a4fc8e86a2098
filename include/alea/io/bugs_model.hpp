// From the BUGS language to alea models and back: a parsed program plus its data
// becomes a Model (JAGS's distributions and parameterizations converted to alea's),
// and a Model prints as BUGS text that parses back to the same model.
#pragma once
#include <string>
#include <string_view>

#include "alea/io/bugs_ast.hpp"
#include "alea/io/data.hpp"
#include "alea/model/model.hpp"

namespace alea::io {

// Data variables that are defined in the model become observations; the others
// are constants (sizes, covariates). Throws InputError with FILE:LINE:COLUMN and the
// variable's name for unknown distributions or functions, bad indices, loops over
// non-constant ranges, shape mismatches, invalid constant parameters, data of the
// wrong shape or outside the support, and unsupported constructs.
Model build_model(const bugs::Program& program, const DataSet& data);

// parse_bugs + build_model.
Model load_bugs_model(std::string_view text, const std::string& filename, const DataSet& data);

// The model in the BUGS language: JAGS's names and parameterizations where JAGS has
// the distribution, alea's documented names otherwise (see docs/distributions.md).
std::string to_bugs(const Model& m);

}  // namespace alea::io
