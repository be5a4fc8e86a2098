// The support of a distribution: an interval of the reals or of the integers.
#pragma once
#include <limits>

namespace alea::dist {

struct Support {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool integer = false;  // only integers in [lo, hi]

  bool contains(double x) const;
};

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNegInf = -std::numeric_limits<double>::infinity();
inline constexpr double kMinNormal = std::numeric_limits<double>::min();  // the smallest normal double

}  // namespace alea::dist
