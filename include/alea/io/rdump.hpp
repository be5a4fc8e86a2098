// Reader for data in R dump format as JAGS reads it: `N <- 10`, `y = c(1, NA)`,
// `x <- structure(c(...), .Dim = c(2L, 3L))`, or a dput-style `list(N = 3, ...)`.
#pragma once
#include <string>
#include <string_view>

#include "alea/io/data.hpp"

namespace alea::io {

// Parses the whole text. Arrays are column-major as in R; NA becomes NaN (see
// is_missing). A value is Integer when every element is integral and written
// without a decimal point or exponent (or with an L suffix, or is TRUE/FALSE),
// otherwise Real. A bare number is a scalar; c(...) is a vector even of length 1.
// Throws InputError "FILE:LINE:COL: variable 'y': ..." on any malformed input.
DataSet read_rdump(std::string_view text, const std::string& filename);

}  // namespace alea::io
