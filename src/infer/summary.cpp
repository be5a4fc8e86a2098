// Means, standard deviations and quantiles of draws.
#include "alea/infer/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace alea {

namespace {

// The type-7 quantile by selection (linear time): the order statistics at floor(h)
// and the next one. Reorders xs.
double select_quantile(std::vector<double>& xs, double p) {
  const double h = (static_cast<double>(xs.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  std::nth_element(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(lo), xs.end());
  const double x_lo = xs[lo];
  const double x_hi = lo + 1 < xs.size() ? *std::min_element(xs.begin() + static_cast<std::ptrdiff_t>(lo) + 1, xs.end()) : x_lo;
  return x_lo + (h - static_cast<double>(lo)) * (x_hi - x_lo);
}

}  // namespace

double quantile(std::vector<double> xs, double p) {
  if (xs.empty()) throw std::invalid_argument("quantile of no draws");
  return select_quantile(xs, p);
}

std::vector<ColumnSummary> summarize(const DrawTable& t) {
  std::vector<ColumnSummary> out;
  for (const std::string& name : t.columns()) {
    std::vector<double> xs = t.column(name);
    ColumnSummary s;
    s.name = name;
    if (!xs.empty()) {
      double sum = 0;
      for (double x : xs) sum += x;
      s.mean = sum / static_cast<double>(xs.size());
      double ss = 0;
      for (double x : xs) ss += (x - s.mean) * (x - s.mean);
      s.sd = xs.size() > 1 ? std::sqrt(ss / static_cast<double>(xs.size() - 1)) : 0.0;
      s.q05 = select_quantile(xs, 0.05);
      s.q50 = select_quantile(xs, 0.50);
      s.q95 = select_quantile(xs, 0.95);
    }
    out.push_back(s);
  }
  return out;
}

std::string format_summary(const std::vector<ColumnSummary>& rows) {
  std::size_t width = 8;
  for (const auto& r : rows) width = std::max(width, r.name.size());
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-*s %12s %12s %12s %12s %12s\n", static_cast<int>(width), "", "Mean", "StdDev",
                "5%", "50%", "95%");
  out += buf;
  for (const auto& r : rows) {
    std::snprintf(buf, sizeof buf, "%-*s %12.4g %12.4g %12.4g %12.4g %12.4g\n", static_cast<int>(width),
                  r.name.c_str(), r.mean, r.sd, r.q05, r.q50, r.q95);
    out += buf;
  }
  return out;
}

}  // namespace alea
