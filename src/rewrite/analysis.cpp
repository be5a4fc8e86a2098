// Site-set algebra and range intersection.
#include "alea/rewrite/analysis.hpp"

#include <algorithm>
#include <iterator>

namespace alea::rewrite {

Range intersect(const Range& a, const Range& b) {
  Range r;
  if (a.lo > b.lo || (a.lo == b.lo && a.lo_open)) {
    r.lo = a.lo;
    r.lo_open = a.lo_open;
  } else {
    r.lo = b.lo;
    r.lo_open = b.lo_open;
  }
  if (a.hi < b.hi || (a.hi == b.hi && a.hi_open)) {
    r.hi = a.hi;
    r.hi_open = a.hi_open;
  } else {
    r.hi = b.hi;
    r.hi_open = b.hi_open;
  }
  r.integer = a.integer || b.integer;
  return r;
}

SiteSet site_union(const SiteSet& a, const SiteSet& b) {
  SiteSet out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

SiteSet site_intersection(const SiteSet& a, const SiteSet& b) {
  SiteSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

bool disjoint(const SiteSet& a, const SiteSet& b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return false;
    if (*i < *j) ++i;
    else ++j;
  }
  return true;
}

}  // namespace alea::rewrite
