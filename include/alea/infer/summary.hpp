// Summary statistics of draws, one row a column of the draw table.
#pragma once
#include <string>
#include <vector>

#include "alea/infer/draw_table.hpp"

namespace alea {

struct ColumnSummary {
  std::string name;
  double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
};

// Quantiles by linear interpolation between order statistics (R's type 7).
double quantile(std::vector<double> xs, double p);
std::vector<ColumnSummary> summarize(const DrawTable& t);
// A fixed-width table with a header row (Mean, StdDev, 5%, 50%, 95%).
std::string format_summary(const std::vector<ColumnSummary>& rows);

}  // namespace alea
