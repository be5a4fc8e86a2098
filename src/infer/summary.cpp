// Means, standard deviations, quantiles and convergence diagnostics of draws, and
// the stansummary-style table that prints them.
#include "alea/infer/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <thread>

#include "alea/infer/diagnostics.hpp"
#include "diagnostics_detail.hpp"

namespace alea {

namespace {

constexpr double kRhatLimit = 1.01;
constexpr double kEssPerChain = 100;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// printf's "%f" of a NaN may be "-nan"; the table says "nan".
std::string number(const char* format, double x) {
  if (std::isnan(x)) return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

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

namespace {

// The row of one column from its draws, one vector a chain.
ColumnSummary summarize_column(const std::string& name, Chains chains) {
  ColumnSummary s;
  s.name = name;
  s.chains = chains.size();
  try {
    // One sort for the quantiles and every diagnostic (mcse_mean, ess_bulk, ess_tail, rhat).
    const diag_detail::ColumnDiagnostics d = diag_detail::column_diagnostics(std::move(chains));
    s.mean = d.mean, s.sd = d.sd;
    s.q05 = d.q05, s.q50 = d.q50, s.q95 = d.q95;
    s.mcse = d.mcse, s.ess_bulk = d.ess_bulk, s.ess_tail = d.ess_tail, s.rhat = d.rhat;
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument("summary of '" + name + "': " + e.what());
  }
  return s;
}

}  // namespace

std::vector<ColumnSummary> summarize(const DrawTable& t) {
  // Rows chain after chain: the draws pooled by chain are in row order, so the mean and
  // sd the diagnostics compute are the table's, bit for bit.
  bool chain_order = true;
  for (std::size_t r = 1; r < t.rows() && chain_order; ++r) chain_order = t.chain(r - 1) <= t.chain(r);
  std::vector<ColumnSummary> out;
  for (const std::string& name : t.columns()) {
    const std::size_t col = t.column_index(name), n = t.rows();
    if (n == 0) {
      ColumnSummary s;
      s.name = name;
      out.push_back(s);
      continue;
    }
    ColumnSummary s = summarize_column(name, t.column_by_chain(name));
    if (!chain_order) {  // the mean and sd in row order
      double sum = 0;
      for (std::size_t r = 0; r < n; ++r) sum += t.at(r, col);
      s.mean = sum / static_cast<double>(n);
      double ss = 0;
      for (std::size_t r = 0; r < n; ++r) ss += (t.at(r, col) - s.mean) * (t.at(r, col) - s.mean);
      s.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
    }
    out.push_back(s);
  }
  return out;
}

std::vector<ColumnSummary> summarize(std::span<const DrawTable> chains, std::size_t first_column) {
  if (chains.empty()) return {};
  const std::vector<std::string>& names = chains.front().columns();
  for (const DrawTable& t : chains)
    if (t.columns() != names) throw std::invalid_argument("summary: the chains' tables have different columns");
  const std::size_t first = std::min(first_column, names.size());
  std::vector<ColumnSummary> out(names.size() - first);
  const auto one = [&](std::size_t c) {
    ColumnSummary& s = out[c - first];
    if (chains.front().rows() == 0) {
      s.name = names[c];
      s.chains = chains.size();
      return;
    }
    Chains draws(chains.size());
    for (std::size_t k = 0; k < chains.size(); ++k) {
      const DrawTable& t = chains[k];
      draws[k].resize(t.rows());
      for (std::size_t r = 0; r < t.rows(); ++r) draws[k][r] = t.at(r, c);
    }
    s = summarize_column(names[c], std::move(draws));
  };
  // Columns are independent: split over the machine's cores once there are enough draws
  // for a thread to pay (a column of 20,000 draws takes about a millisecond).
  std::size_t draws = 0;
  for (const DrawTable& t : chains) draws += t.rows();
  const std::size_t width =
      draws * out.size() < 200000 ? 1 : std::min<std::size_t>(out.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::exception_ptr> errors(width);
  const auto part = [&](std::size_t w) {
    try {
      for (std::size_t c = first + w; c < names.size(); c += width) one(c);
    } catch (...) {
      errors[w] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < width; ++w) threads.emplace_back(part, w);
  part(0);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

std::string summary_warnings(const std::vector<ColumnSummary>& rows) {
  std::vector<std::string> high_rhat, low_ess;
  std::size_t chains = 1;
  for (const auto& r : rows) {
    chains = std::max(chains, r.chains);
    if (r.rhat > kRhatLimit) high_rhat.push_back(r.name);
    const double floor = kEssPerChain * static_cast<double>(r.chains);
    if (r.ess_bulk < floor || r.ess_tail < floor) low_ess.push_back(r.name);
  }
  std::string out;
  if (!high_rhat.empty())
    out += "Warning: R_hat > 1.01 for " + joined(high_rhat) +
           ": the chains have not mixed; the draws are not yet from one distribution.\n";
  if (!low_ess.empty())
    out += "Warning: ESS_bulk or ESS_tail below " + std::to_string(static_cast<long long>(kEssPerChain)) +
           " per chain (" + std::to_string(static_cast<long long>(kEssPerChain * static_cast<double>(chains))) +
           ") for " + joined(low_ess) + ": means and quantiles are unreliable; run longer chains.\n";
  return out;
}

std::string format_summary(const std::vector<ColumnSummary>& rows) {
  std::size_t width = 8;
  for (const auto& r : rows) width = std::max(width, r.name.size());
  const int w = static_cast<int>(width);
  std::string out;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-*s %11s %11s %11s %11s %11s %11s %9s %9s %7s\n", w, "", "Mean", "MCSE", "StdDev",
                "5%", "50%", "95%", "ESS_bulk", "ESS_tail", "R_hat");
  out += buf;
  for (const auto& r : rows) {
    std::snprintf(buf, sizeof buf, "%-*s %11s %11s %11s %11s %11s %11s %9s %9s %7s\n", w, r.name.c_str(),
                  number("%.4g", r.mean).c_str(), number("%.2g", r.mcse).c_str(), number("%.4g", r.sd).c_str(),
                  number("%.4g", r.q05).c_str(), number("%.4g", r.q50).c_str(), number("%.4g", r.q95).c_str(),
                  number("%.0f", r.ess_bulk).c_str(), number("%.0f", r.ess_tail).c_str(),
                  number("%.3f", r.rhat).c_str());
    out += buf;
  }
  return out + summary_warnings(rows);
}

}  // namespace alea
