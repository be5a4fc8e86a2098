// A set of named data values read from data files (R dump or CSV), with where
// each was defined so that later errors can point back into the file.
#pragma once
#include <cmath>
#include <map>
#include <string>

#include "alea/graph/source_loc.hpp"
#include "alea/graph/value.hpp"

namespace alea::io {

struct DataSet {
  std::map<std::string, Value> values;
  std::map<std::string, SourceLoc> where;  // same keys as `values`

  bool contains(const std::string& name) const { return values.count(name) != 0; }
  std::size_t size() const { return values.size(); }
};

// Missing values (R's NA, an empty CSV field) are stored as NaN; callers that
// need observed data must reject them.
inline bool is_missing(double x) { return std::isnan(x); }

// Adds every variable of `more` to `into`. Data files never override each other:
// a name defined in both is an InputError at the second definition naming the first.
void merge(DataSet& into, const DataSet& more);

}  // namespace alea::io
