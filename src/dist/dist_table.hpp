// Internal: the records behind registry.hpp and record.hpp, one per DistKind, each
// defined in its distribution's own .cpp file.
#pragma once
#include <span>

#include "alea/dist/record.hpp"

namespace alea::dist::detail {

// The record (record.hpp) under its old name: each distribution's .cpp file fills it.
using DistOps = DistRecord;

// A record with the facts that its value-level operations do not carry.
inline DistRecord with_facts(DistRecord r, SupportSpec support, BugsForm bugs = {}) {
  r.support_spec = support;
  r.bugs = bugs;
  return r;
}

// A record with its distribution function (record.hpp's Cdf; a discrete record leaves
// the quantiles null: truncation inverts it by searching the integers).
inline DistRecord with_cdf(DistRecord r, Cdf cdf) {
  r.cdf = cdf;
  return r;
}

}  // namespace alea::dist::detail
