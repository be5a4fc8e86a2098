// Draw tables and CmdStan-style column names.
#include "alea/infer/draw_table.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace alea {

std::vector<double> DrawTable::column(const std::string& name) const {
  const std::size_t c = column_index(name);
  std::vector<double> out(rows());
  for (std::size_t r = 0; r < rows(); ++r) out[r] = at(r, c);
  return out;
}

std::size_t DrawTable::column_index(const std::string& name) const {
  auto it = std::find(columns_.begin(), columns_.end(), name);
  if (it == columns_.end()) throw std::invalid_argument("no column '" + name + "' in the draws");
  return static_cast<std::size_t>(it - columns_.begin());
}

std::vector<std::vector<double>> DrawTable::column_by_chain(const std::string& name) const {
  const std::size_t c = column_index(name);
  if (chain_.empty()) return {column(name)};
  std::vector<std::size_t> length(chains_, 0);
  for (std::size_t ch : chain_) ++length[ch];
  std::vector<std::vector<double>> out(chains_);
  std::vector<double*> next(chains_);  // where each chain's next draw goes
  for (std::size_t k = 0; k < chains_; ++k) out[k].resize(length[k]), next[k] = out[k].data();
  for (std::size_t r = 0; r < rows(); ++r) *next[chain_[r]]++ = at(r, c);
  return out;
}

void DrawTable::add_row(const std::vector<double>& values, double lp, std::size_t chain) {
  if (values.size() != columns_.size())
    throw std::invalid_argument("draw table: a row of " + std::to_string(values.size()) + " values for " +
                                std::to_string(columns_.size()) + " columns");
  add_rows(values, std::span(&lp, 1), chain);
}

void DrawTable::add_rows(std::span<const double> values, std::span<const double> lp, std::size_t chain) {
  if (values.size() != lp.size() * columns_.size())
    throw std::invalid_argument("draw table: " + std::to_string(values.size()) + " values for " +
                                std::to_string(lp.size()) + " rows of " + std::to_string(columns_.size()) + " columns");
  if (chain > std::numeric_limits<std::uint32_t>::max())
    throw std::invalid_argument("draw table: chain " + std::to_string(chain) + " is beyond 2^32");
  if (chain != 0 && chain_.empty()) chain_.assign(lp_.size(), 0);
  values_.insert(values_.end(), values.begin(), values.end());
  lp_.insert(lp_.end(), lp.begin(), lp.end());
  if (!chain_.empty()) chain_.insert(chain_.end(), lp.size(), static_cast<std::uint32_t>(chain));
  if (!lp.empty()) chains_ = std::max(chains_, chain + 1);
}

namespace {

// Maps the pages of [data, data + bytes) now (MADV_POPULATE_WRITE, Linux 5.14), where
// the kernel supports it; nothing otherwise.
void populate(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto first = (reinterpret_cast<std::uintptr_t>(data) + page - 1) / page * page;
  const auto last = (reinterpret_cast<std::uintptr_t>(data) + bytes) / page * page;
  if (last > first) (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
  (void)data, (void)bytes;
#endif
}

}  // namespace

void DrawTable::reserve(std::size_t rows) {
  const std::size_t had = values_.capacity();
  values_.reserve(rows * columns_.size());
  lp_.reserve(rows);
  if (values_.capacity() > had && values_.capacity() * sizeof(double) >= (1 << 20))
    populate(values_.data() + values_.size(), (values_.capacity() - values_.size()) * sizeof(double));
}

DrawTable DrawTable::slice(std::size_t first, std::size_t last) const {
  if (first > last || last > rows())
    throw std::invalid_argument("draw table: rows [" + std::to_string(first) + ", " + std::to_string(last) +
                                ") of a table of " + std::to_string(rows()));
  DrawTable out(columns_);
  const std::size_t w = columns_.size();
  out.values_.assign(values_.begin() + static_cast<std::ptrdiff_t>(first * w),
                     values_.begin() + static_cast<std::ptrdiff_t>(last * w));
  out.lp_.assign(lp_.begin() + static_cast<std::ptrdiff_t>(first), lp_.begin() + static_cast<std::ptrdiff_t>(last));
  if (!chain_.empty()) {
    out.chain_.assign(chain_.begin() + static_cast<std::ptrdiff_t>(first), chain_.begin() + static_cast<std::ptrdiff_t>(last));
    for (std::uint32_t c : out.chain_) out.chains_ = std::max(out.chains_, static_cast<std::size_t>(c) + 1);
  } else if (last > first) {
    out.chains_ = 1;
  }
  return out;
}

std::vector<std::string> column_names(const std::string& name, const Shape& shape) {
  if (shape.is_scalar()) return {name};
  std::vector<std::string> out;
  const auto n = shape.size();
  std::vector<std::int64_t> idx(shape.rank(), 0);
  for (std::int64_t k = 0; k < n; ++k) {
    std::string col = name;
    for (auto i : idx) col += "." + std::to_string(i + 1);
    out.push_back(col);
    // Column-major: the first index varies fastest.
    for (std::size_t d = 0; d < idx.size(); ++d) {
      if (++idx[d] < shape.dims[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

}  // namespace alea
