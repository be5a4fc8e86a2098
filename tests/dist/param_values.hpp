// Scalar parameters as the values a distribution's record takes.
#pragma once
#include <vector>

#include "alea/graph/value.hpp"

namespace alea::test {

inline std::vector<Value> values(const std::vector<double>& p) {
  std::vector<Value> v;
  for (double x : p) v.emplace_back(x);
  return v;
}

}  // namespace alea::test
