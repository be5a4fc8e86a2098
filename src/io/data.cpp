// Merging data sets read from several files.
#include "alea/io/data.hpp"

namespace alea::io {

void merge(DataSet& into, const DataSet& more) {
  for (const auto& [name, value] : more.values) {
    const SourceLoc& loc = more.where.at(name);
    if (auto it = into.where.find(name); it != into.where.end())
      throw InputError(loc, "variable '" + name + "' is already defined at " + to_string(it->second));
  }
  for (const auto& [name, value] : more.values) {
    into.values.insert_or_assign(name, value);
    into.where.insert_or_assign(name, more.where.at(name));
  }
}

}  // namespace alea::io
