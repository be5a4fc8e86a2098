// Helpers shared by the io tests: comparing values that may hold NaN (missing).
#pragma once
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "alea/graph/value.hpp"

namespace alea::test {

inline constexpr double NA = NAN;

// Same shape, type and elements, with NaN equal to NaN.
inline bool same_value(const Value& a, const Value& b) {
  if (a.shape() != b.shape() || a.type() != b.type() || a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  return true;
}

}  // namespace alea::test
