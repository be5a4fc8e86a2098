// Initial values for MCMC, as JAGS's `inits in` files give them: values of named
// random variables of the model as written, with where each was given. A NaN element
// means "no initial value for this element" (R's NA); the sampler starts it as it
// starts a variable with no initial value (uniform(-2, 2) on the unconstrained scale).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "alea/graph/source_loc.hpp"
#include "alea/graph/value.hpp"
#include "alea/model/model.hpp"

namespace alea {

struct InitialValues {
  std::map<std::string, Value> values;
  std::map<std::string, SourceLoc> where;  // same keys as `values` (may be missing)
};

// Checks initial values against the model as written, as data are checked. A name
// the model does not have is not an error (JAGS warns "Unused variable(s) in initial
// value table", and its own examples have such names): the messages returned, with
// their locations, say which are unused. Throws InputError at the value's location
// naming the variable when it is data, observed (an observed element given a value) or deterministic
// (defined by `<-`), when its shape differs from the variable's, or when an element is
// outside the support of its distribution (with constant parameters; against random
// parameters the sampler checks it at the start, sampler.hpp). A scalar may be given
// as a vector of length 1.
std::vector<std::string> check_initial_values(const Model& written, const InitialValues& inits);

}  // namespace alea
