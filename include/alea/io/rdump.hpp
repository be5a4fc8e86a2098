// Reader for data in R dump format as R's dump() and dput() and JAGS's data and inits
// files write it: `N <- 10`, `"y" = c(1, NA)`, `x <- structure(c(...), .Dim = as.integer(c(2, 3)))`,
// or a `list(N = 3, ...)` whose members are the variables.
#pragma once
#include <string>
#include <string_view>

#include "alea/io/data.hpp"

namespace alea::io {

// Parses the whole text. Arrays are column-major as in R; NA becomes NaN (see
// is_missing). A value is Integer when every element is integral and written
// without a decimal point or exponent (or with an L suffix, or is TRUE/FALSE, or
// comes from as.integer()), otherwise Real. A bare number is a scalar; c(...) is a
// vector even of length 1. Values are numbers, NA, TRUE, FALSE, Inf, ranges a:b and
// c(), structure(), as.integer(), as.double(), as.numeric(), integer(n), double(n) and
// numeric(n) of them, evaluated as R does (c() and as.*() drop dim; as.integer()
// truncates). structure() reads .Dim (or dim) and drops R's other standard attributes
// (.Dimnames, .Names, class, levels, ...). JAGS's .RNG.* settings are dropped.
// Throws InputError "FILE:LINE:COL: variable 'y': ..." on any malformed input.
DataSet read_rdump(std::string_view text, const std::string& filename);

}  // namespace alea::io
