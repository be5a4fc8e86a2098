// alea compare: the naive and simplified models side by side: log densities of the
// visible variables at draws of the naive model, a two-sample test of the visible
// variables' draws, and the time each took.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "alea/infer/forward.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/two_sample.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/rewrite/simplify.hpp"
#include "commands.hpp"
#include "load.hpp"
#include "report.hpp"

namespace alea::cli {
namespace {

using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

// The log density of the visible variables at row r, or NaN with the reason.
double visible_logp(const Model& m, const DrawTable& t, std::size_t r, std::string& why) {
  std::map<std::string, Value> at;
  for (const Variable& v : m.variables()) {
    if (v.is_data || v.observed || !m.is_stochastic(v.name)) continue;
    const Shape& shape = m.graph().node(v.node).shape;
    std::vector<double> xs;
    for (const std::string& col : column_names(v.name, shape)) {
      if (std::find(t.columns().begin(), t.columns().end(), col) == t.columns().end()) {
        why = "'" + v.name + "' is not visible: its density needs marginalizing it";
        return NAN;
      }
      xs.push_back(t.at(r, t.column_index(col)));
    }
    at.emplace(v.name, Value(shape, xs, m.graph().node(v.node).type));
  }
  try {
    return log_density(m, at).total;
  } catch (const std::exception& e) {
    why = e.what();
    return NAN;
  }
}

}  // namespace

int compare_models(const Model& naive, std::ostream& out, std::size_t draws, std::uint64_t seed) {
  auto t0 = clock_type::now();
  rewrite::SimplifyResult simplified = rewrite::simplify(naive);
  const double simplify_ms = ms_since(t0);
  print_models(naive, simplified, out);

  std::vector<std::string> visible;
  for (const Variable& v : naive.variables())
    if (naive.role(v.name) == Role::Queried && simplified.model.has(v.name)) visible.push_back(v.name);
  bool observed = false;
  for (const Variable& v : naive.variables()) observed = observed || v.observed.has_value();

  if (observed) {
    std::string why_naive, why_simple;
    DrawTable empty{std::vector<std::string>{}};
    empty.add_row({}, 0);
    const double lp_naive = visible.empty() ? visible_logp(naive, empty, 0, why_naive) : NAN;
    const double lp_simple = visible.empty() ? visible_logp(simplified.model, empty, 0, why_simple) : NAN;
    out << "\nlog density of the observed data:\n";
    out << "  naive:      " << (std::isnan(lp_naive) ? "n/a (" + why_naive + ")" : format_number(lp_naive)) << "\n";
    out << "  simplified: " << (std::isnan(lp_simple) ? "n/a (" + why_simple + ")" : format_number(lp_simple)) << "\n";
    return 0;
  }
  if (visible.empty()) throw UsageError{"nothing to compare: no variable is monitored"};

  Rng rng_naive(seed, 0), rng_simple(seed, 1);
  t0 = clock_type::now();
  const DrawTable naive_draws = sample_prior(naive, draws, rng_naive, visible);
  const double naive_ms = ms_since(t0);
  t0 = clock_type::now();
  const DrawTable simple_draws = sample_prior(simplified.model, draws, rng_simple, visible);
  const double simple_ms = ms_since(t0);

  out << "\nlog density of the visible variables at draws of the naive model:\n";
  char buf[256];
  std::snprintf(buf, sizeof buf, "  %6s %16s %16s %12s\n", "draw", "naive", "simplified", "difference");
  out << buf;
  std::string why_naive, why_simple;
  for (std::size_t r = 0; r < std::min<std::size_t>(5, draws); ++r) {
    const double a = visible_logp(naive, naive_draws, r, why_naive);
    const double b = visible_logp(simplified.model, naive_draws, r, why_simple);
    std::snprintf(buf, sizeof buf, "  %6zu %16s %16s %12s\n", r + 1, std::isnan(a) ? "n/a" : format_number(a).c_str(),
                  std::isnan(b) ? "n/a" : format_number(b).c_str(),
                  std::isnan(a) || std::isnan(b) ? "" : format_number(b - a).c_str());
    out << buf;
  }
  if (!why_naive.empty()) out << "  naive: " << why_naive << "\n";
  if (!why_simple.empty()) out << "  simplified: " << why_simple << "\n";

  out << "\ntwo-sample Kolmogorov-Smirnov test of " << draws << " draws from each model:\n";
  const std::vector<std::string>& cols = naive_draws.columns();
  std::size_t width = 6;
  for (const std::string& c : cols) width = std::max(width, c.size());
  for (const std::string& c : cols) {
    const TwoSampleResult ks = ks_two_sample(naive_draws.column(c), simple_draws.column(c));
    std::snprintf(buf, sizeof buf, "  %-*s  D = %.4f  p = %.3g\n", static_cast<int>(width), c.c_str(), ks.statistic,
                  ks.p_value);
    out << buf;
  }
  std::snprintf(buf, sizeof buf,
                "\ntime: simplify %.2f ms; %zu forward draws: naive %.2f ms, simplified %.2f ms (%.1fx)\n",
                simplify_ms, draws, naive_ms, simple_ms, simple_ms > 0 ? naive_ms / simple_ms : 0.0);
  out << buf;
  return 0;
}

int run_compare(const std::vector<std::string>& argv) {
  CommandSpec spec{"compare", "alea compare MODEL [options]",
                   "The naive and simplified models side by side: their log densities at draws of the naive model,\n"
                   "a two-sample test of the visible variables' draws, and the time each took.",
                   common_options(), 1, 1};
  spec.options.push_back({"draws", "N", "draws from each model (default 4000)", false});
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  const auto draws = static_cast<std::size_t>(args.integer("draws", 4000, 2, 10'000'000));
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
  return compare_models(load_model(args), std::cout, draws, seed);
}

}  // namespace alea::cli
