// Reader for data in CSV form: a header row of variable names, then one row per
// observation; each column becomes a vector variable.
#pragma once
#include <string>
#include <string_view>

#include "alea/io/data.hpp"

namespace alea::io {

// Fields are separated by ',' and may be quoted with '"' ("" inside quotes is a
// quote). NA or an empty field is missing (NaN); TRUE/FALSE read as 1/0. A column
// is Integer when every value is written without a decimal point or exponent.
// A first header field that is empty marks a row-name column (as R's write.csv
// writes) and that column is skipped. Throws InputError "FILE:LINE:COL: ..." for
// an empty file, a bad or duplicate column name, ragged rows and non-numeric values.
DataSet read_csv(std::string_view text, const std::string& filename);

}  // namespace alea::io
