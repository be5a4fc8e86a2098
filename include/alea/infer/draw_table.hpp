// A table of draws: one row a draw, one column a scalar (vectors expand to
// theta.1, theta.2, ...; matrices to x.1.1, x.2.1, ... in column-major order, as
// CmdStan names them), with the joint log density lp__ of each row and the chain it
// came from (0 unless given: a table filled without chain ids is one chain).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "alea/graph/value.hpp"

namespace alea {

class DrawTable {
 public:
  DrawTable() = default;
  explicit DrawTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}

  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t rows() const { return lp_.size(); }
  std::size_t cols() const { return columns_.size(); }
  double at(std::size_t row, std::size_t col) const { return values_[row * columns_.size() + col]; }
  double lp(std::size_t row) const { return lp_[row]; }
  // The chain of a row (0-based), and the number of chains: one more than the largest id.
  std::size_t chain(std::size_t row) const { return chain_.empty() ? 0 : chain_[row]; }
  std::size_t chains() const { return chains_; }
  // The draws of one column; throws std::invalid_argument for an unknown column.
  std::vector<double> column(const std::string& name) const;
  std::size_t column_index(const std::string& name) const;
  // The draws of one column, one vector a chain, each in row order.
  std::vector<std::vector<double>> column_by_chain(const std::string& name) const;

  void add_row(const std::vector<double>& values, double lp, std::size_t chain = 0);
  // Rows at once: `values` row after row (cols() values a row), one lp a row.
  void add_rows(std::span<const double> values, std::span<const double> lp, std::size_t chain = 0);
  // Rows [first, last) as a table of their own, with their chain ids.
  DrawTable slice(std::size_t first, std::size_t last) const;
  // Room for `rows` rows, so that adding them does not reallocate.
  // The memory is also mapped at once (Linux: one call rather than a page fault a page,
  // which a virtual machine makes costly).
  void reserve(std::size_t rows);

 private:
  std::vector<std::string> columns_;
  std::vector<double> values_;
  std::vector<double> lp_;
  std::vector<std::uint32_t> chain_;  // empty while every row is chain 0 (a table of one chain keeps none)
  std::size_t chains_ = 0;
};

// The column names for a variable of this shape: "x", or "x.1", "x.2", ...
std::vector<std::string> column_names(const std::string& name, const Shape& shape);

}  // namespace alea
