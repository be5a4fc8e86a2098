// Means, standard deviations and quantiles of draws.
#include "alea/infer/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace alea {

double quantile(std::vector<double> xs, double p) {
  if (xs.empty()) throw std::invalid_argument("quantile of no draws");
  std::sort(xs.begin(), xs.end());
  const double h = (static_cast<double>(xs.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, xs.size() - 1);
  return xs[lo] + (h - static_cast<double>(lo)) * (xs[hi] - xs[lo]);
}

std::vector<ColumnSummary> summarize(const DrawTable& t) {
  std::vector<ColumnSummary> out;
  for (const std::string& name : t.columns()) {
    const std::vector<double> xs = t.column(name);
    ColumnSummary s;
    s.name = name;
    if (!xs.empty()) {
      double sum = 0;
      for (double x : xs) sum += x;
      s.mean = sum / static_cast<double>(xs.size());
      double ss = 0;
      for (double x : xs) ss += (x - s.mean) * (x - s.mean);
      s.sd = xs.size() > 1 ? std::sqrt(ss / static_cast<double>(xs.size() - 1)) : 0.0;
      s.q05 = quantile(xs, 0.05);
      s.q50 = quantile(xs, 0.50);
      s.q95 = quantile(xs, 0.95);
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
