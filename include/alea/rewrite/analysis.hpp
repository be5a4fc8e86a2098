// E-class analyses: what is known of every value in a class. Constant value (for
// folding), site set (the primitive draws the class depends on, for independence),
// shape and type, and a sign/support range (for guards such as x > 0).
#pragma once
#include <limits>
#include <optional>
#include <vector>

#include "alea/graph/shape.hpp"
#include "alea/graph/value.hpp"

namespace alea::rewrite {

using SiteSet = std::vector<std::uint32_t>;  // sorted, unique

// Every element of the class lies in [lo, hi] (closed unless open_* says so), and
// is an integer when `integer`.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = true, hi_open = true;
  bool integer = false;

  bool positive() const { return lo > 0 || (lo == 0 && lo_open); }
  bool nonnegative() const { return lo >= 0; }
  bool nonzero() const { return positive() || hi < 0 || (hi == 0 && hi_open); }
  bool in_unit_open() const { return (lo > 0 || (lo == 0 && lo_open)) && (hi < 1 || (hi == 1 && hi_open)); }
  static Range point(double x) { return {x, x, false, false, false}; }
  static Range all() { return {}; }
  friend bool operator==(const Range&, const Range&) = default;
};

// Intersection: both facts hold of a merged class.
Range intersect(const Range& a, const Range& b);

struct ClassData {
  std::optional<Value> constant;
  SiteSet sites;
  Shape shape;
  ScalarType type = ScalarType::Real;
  Range range;
};

SiteSet site_union(const SiteSet& a, const SiteSet& b);
SiteSet site_intersection(const SiteSet& a, const SiteSet& b);
bool disjoint(const SiteSet& a, const SiteSet& b);

}  // namespace alea::rewrite
