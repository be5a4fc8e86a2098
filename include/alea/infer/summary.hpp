// Summary statistics of draws, one row a column of the draw table, with the columns
// of CmdStan's stansummary: Mean, MCSE, StdDev, 5%, 50%, 95%, ESS_bulk, ESS_tail, R_hat.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "alea/infer/draw_table.hpp"

namespace alea {

struct ColumnSummary {
  std::string name;
  double mean = 0, sd = 0, q05 = 0, q50 = 0, q95 = 0;
  // Convergence diagnostics (alea/infer/diagnostics.hpp) over the table's chains; NaN
  // where they are undefined (a constant column, fewer than 4 draws a chain).
  double mcse = 0, ess_bulk = 0, ess_tail = 0, rhat = 0;
  std::size_t chains = 1;  // how many chains the row was computed from
};

// Quantiles by linear interpolation between order statistics (R's type 7).
double quantile(std::vector<double> xs, double p);
// One row a column; the diagnostics treat the rows of each chain id of the table as
// one chain (a table with no chain ids is one chain: R-hat is the split R-hat of its
// halves). Throws std::invalid_argument, naming the column, when chains differ in length.
std::vector<ColumnSummary> summarize(const DrawTable& t);
// The same, one table a chain (tables with the same columns, each with one chain id),
// for the columns from `first_column` on: no table is copied or concatenated.
std::vector<ColumnSummary> summarize(std::span<const DrawTable> chains, std::size_t first_column = 0);
// A fixed-width table with a header row (Mean, MCSE, StdDev, 5%, 50%, 95%, ESS_bulk,
// ESS_tail, R_hat), then the warnings of summary_warnings.
std::string format_summary(const std::vector<ColumnSummary>& rows);
// One line for each problem, naming the variables: R_hat > 1.01, and ESS_bulk or
// ESS_tail below 100 a chain (Vehtari et al. 2021). Empty when there is none.
std::string summary_warnings(const std::vector<ColumnSummary>& rows);

}  // namespace alea
