// Interval censoring (JAGS's dinterval(t, c)): the index of the interval of the sorted
// cut points c that t falls in, 0 for t <= c[1], K for t > c[K]. Its log density is 0
// or -inf: observed, it only constrains t (alea's sampler bounds t's transform by it).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Interval {
  static constexpr DistKind kind = DistKind::Interval;
  static constexpr std::string_view name = "interval";
  double t = 0;                 // the censored value
  std::vector<double> cuts;     // cut points, non-decreasing, not NaN
};

std::string check(const Interval& d);
// The number of cut points below t.
double interval_index(const Interval& d);
// 0 where x is the index of t's interval, -inf elsewhere.
double logpdf(const Interval& d, double x);
// The bounds that an observed index y puts on t: (c[y], c[y+1]], with c[0] = -inf and
// c[K+1] = +inf; nullopt-like (lo > hi) when y is no index.
Support censoring_bounds(const std::vector<double>& cuts, double y);

}  // namespace alea::dist
