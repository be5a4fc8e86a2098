// alea compare: the naive and simplified models side by side. Without data: the log
// density of the visible variables at draws of the naive model, in both models (exact
// where a model gives it in closed form, else estimated with its standard error:
// marginal.hpp), and a two-sample test of their draws. With data: the log evidence in
// both, and the posteriors of NUTS on the naive model and of alea's plan, side by side.
// --output FILE writes the densities as CSV.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "alea/infer/forward.hpp"
#include "alea/infer/marginal.hpp"
#include "alea/infer/posterior.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/infer/summary.hpp"
#include "alea/infer/two_sample.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/number_text.hpp"
#include "alea/io/replace_file.hpp"
#include "alea/rewrite/conjugacy.hpp"
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

struct Row {
  std::string what;
  MarginalEstimate naive, simplified;
};

// The visible variables' values at row r of a table of draws.
std::map<std::string, Value> point_at(const Model& m, const std::vector<std::string>& visible, const DrawTable& t,
                                      std::size_t r) {
  std::map<std::string, Value> at;
  for (const std::string& name : visible) {
    const Variable& v = m.variable(name);
    const Shape& shape = m.graph().node(v.node).shape;
    std::vector<double> xs;
    for (const std::string& col : column_names(name, shape)) xs.push_back(t.at(r, t.column_index(col)));
    at.emplace(name, Value(shape, xs, m.graph().node(v.node).type));
  }
  return at;
}

// Six significant digits, for the tables.
std::string sig(double x) {
  char buf[io::kNumberTextRoom];
  return std::string(buf, io::write_significant(buf, x, 6));
}

std::string with_se(const MarginalEstimate& e) {
  if (!std::isfinite(e.log_density) || e.se == 0) return sig(e.log_density);
  char buf[io::kNumberTextRoom];
  return sig(e.log_density) + " +- " + std::string(buf, io::write_significant(buf, e.se, 2));
}

// |difference| in combined standard errors, or "exact" when neither has one.
std::string agreement(const Row& r) {
  const double d = r.simplified.log_density - r.naive.log_density;
  const double se = std::hypot(r.naive.se, r.simplified.se);
  char buf[64];
  if (!std::isfinite(d)) return "";
  if (se == 0) std::snprintf(buf, sizeof buf, "%.3g", d);
  else std::snprintf(buf, sizeof buf, "%.2f se", std::abs(d) / se);
  return buf;
}

void print_rows(const std::vector<Row>& rows, std::ostream& out) {
  std::size_t w = 10;
  for (const Row& r : rows) w = std::max({w, with_se(r.naive).size(), with_se(r.simplified).size()});
  char buf[512];
  std::snprintf(buf, sizeof buf, "  %-12s %*s %*s %12s\n", "", static_cast<int>(w), "naive", static_cast<int>(w),
                "simplified", "difference");
  out << buf;
  for (const Row& r : rows) {
    std::snprintf(buf, sizeof buf, "  %-12s %*s %*s %12s\n", r.what.c_str(), static_cast<int>(w),
                  with_se(r.naive).c_str(), static_cast<int>(w), with_se(r.simplified).c_str(), agreement(r).c_str());
    out << buf;
  }
  if (!rows.empty()) {
    out << "  naive: " << rows.front().naive.method;
    if (rows.front().naive.draws) out << " (" << rows.front().naive.draws << " draws)";
    out << "; simplified: " << rows.front().simplified.method;
    if (rows.front().simplified.draws) out << " (" << rows.front().simplified.draws << " draws)";
    out << "\n";
  }
}

// The densities as CSV (what,naive,naive_se,simplified), written to a temporary file
// renamed into place.
void write_csv(const std::string& path, const std::vector<Row>& rows) {
  namespace fs = std::filesystem;
  const fs::path tmp = fs::path(path).concat(".tmp-alea");
  {
    std::ofstream f(tmp);
    f << "what,naive,naive_se,simplified\n";
    for (const Row& r : rows)
      f << r.what << "," << format_number(r.naive.log_density) << "," << format_number(r.naive.se) << ","
        << format_number(r.simplified.log_density) << "\n";
    f.flush();
    if (!f) {
      f.close();
      fs::remove(tmp);
      throw std::runtime_error("--output: cannot write '" + path + "'");
    }
  }
  io::replace_file(tmp, path);
}

// Posteriors of NUTS on the naive model and of alea's plan, side by side.
void compare_posteriors(const Model& naive, const rewrite::Factorization& f, const std::vector<std::string>& visible,
                        const CompareOptions& o, std::ostream& out) {
  SamplerOptions opt;
  opt.warmup = o.warmup, opt.draws = o.mcmc_draws, opt.chains = 1, opt.seed = o.seed, opt.threads = 1;
  opt.variables = visible;
  SamplerOptions plain = opt;
  plain.conjugate_gibbs = false, plain.invert_residual = false, plain.signed_scales = false;
  auto t0 = clock_type::now();
  std::vector<ChainResult> a;
  try {
    a = sample_chains(naive, plain);
  } catch (const std::exception& e) {
    out << "\nposteriors: NUTS cannot run on the naive model: " << e.what() << "\n";
    return;
  }
  const double naive_ms = ms_since(t0);
  t0 = clock_type::now();
  DrawTable planned{std::vector<std::string>{}};
  if (f.fully_conjugate()) {
    Rng rng(o.seed, 7);
    planned = sample_posterior(f, static_cast<std::size_t>(o.mcmc_draws), rng, visible);
  } else {
    planned = sample_chains(f.model, opt).front().draws;
  }
  const double plan_ms = ms_since(t0);
  const std::vector<ColumnSummary> sa = summarize(std::span<const DrawTable>(&a.front().draws, 1), kSamplerColumns.size());
  std::vector<ColumnSummary> sb = summarize(planned);
  out << "\nposteriors, " << o.mcmc_draws << " draws each: NUTS on the naive model (" << o.warmup
      << " warmup) against alea's plan (" << (f.fully_conjugate() ? "exact draws, conjugate" : "simplified, then sampled")
      << "):\n";
  char buf[512];
  std::snprintf(buf, sizeof buf, "  %-12s %10s %10s %10s %10s %8s %11s %11s\n", "", "naive mean", "alea mean", "naive sd",
                "alea sd", "|z|", "naive ESS/s", "alea ESS/s");
  out << buf;
  double slowest_naive = INFINITY, slowest_alea = INFINITY;
  for (const ColumnSummary& x : sa) {
    const auto it = std::find_if(sb.begin(), sb.end(), [&](const ColumnSummary& y) { return y.name == x.name; });
    if (it == sb.end()) continue;
    const double z = std::abs(x.mean - it->mean) / std::hypot(x.mcse, it->mcse);
    const double ea = x.ess_bulk / (naive_ms / 1000), eb = it->ess_bulk / (plan_ms / 1000);
    slowest_naive = std::min(slowest_naive, ea), slowest_alea = std::min(slowest_alea, eb);
    std::snprintf(buf, sizeof buf, "  %-12s %10s %10s %10s %10s %8.2f %11.0f %11.0f\n", x.name.c_str(),
                  sig(x.mean).c_str(), sig(it->mean).c_str(), sig(x.sd).c_str(), sig(it->sd).c_str(), z, ea, eb);
    out << buf;
  }
  std::snprintf(buf, sizeof buf,
                "  |z|: the difference of the means in combined Monte Carlo standard errors (above 3.9: a "
                "disagreement at the 1e-4 level)\n  time: naive %.0f ms (%ld divergent transitions), alea %.0f ms; "
                "slowest ESS/s: %.3gx\n",
                naive_ms, a.front().divergences, plan_ms, slowest_alea / slowest_naive);
  out << buf;
}

}  // namespace

int compare_models(const Model& naive, std::ostream& out, const CompareOptions& o) {
  auto t0 = clock_type::now();
  rewrite::SimplifyResult simplified = rewrite::simplify(naive);
  const double simplify_ms = ms_since(t0);
  print_models(naive, simplified, out);

  std::vector<std::string> visible;
  for (const Variable& v : naive.variables())
    if (naive.role(v.name) == Role::Queried && simplified.model.has(v.name)) visible.push_back(v.name);
  bool observed = false;
  for (const Variable& v : naive.variables()) observed = observed || v.observed.has_value();
  Rng rng(o.seed, 2);
  std::vector<Row> rows;

  if (observed) {
    // The evidence: the observed data's density, every latent integrated out; the
    // simplified side through the conjugate factorization alea samples (exact where it
    // is complete).
    const rewrite::Factorization f = sampled_factorization(naive, simplified.model);
    Row r{"log_evidence", log_evidence(naive, o.draws, rng, o.seed), log_evidence(f.model, o.draws, rng, o.seed)};
    if (f.fully_conjugate() && r.simplified.se == 0) r.simplified.method = "exact (conjugate)";
    rows.push_back(std::move(r));
    out << "\nlog evidence, log p(data):\n";
    print_rows(rows, out);
    if (o.output) write_csv(*o.output, rows);
    if (!visible.empty() && o.mcmc_draws > 0) compare_posteriors(naive, f, visible, o, out);
    return 0;
  }
  if (visible.empty()) throw UsageError{"nothing to compare: no variable is monitored"};

  Rng rng_naive(o.seed, 0), rng_simple(o.seed, 1);
  t0 = clock_type::now();
  const DrawTable naive_draws = sample_prior(naive, o.draws, rng_naive, visible);
  const double naive_ms = ms_since(t0);
  t0 = clock_type::now();
  const DrawTable simple_draws = sample_prior(simplified.model, o.draws, rng_simple, visible);
  const double simple_ms = ms_since(t0);

  for (std::size_t r = 0; r < std::min<std::size_t>(o.points, o.draws); ++r) {
    const std::map<std::string, Value> at = point_at(naive, visible, naive_draws, r);
    rows.push_back({"point." + std::to_string(r + 1), marginal_log_density(naive, at, o.draws, rng),
                    marginal_log_density(simplified.model, at, o.draws, rng)});
  }
  out << "\nlog density of the visible variables at draws of the naive model:\n";
  print_rows(rows, out);
  if (o.output) write_csv(*o.output, rows);

  out << "\ntwo-sample Kolmogorov-Smirnov test of " << o.draws << " draws from each model:\n";
  const std::vector<std::string>& cols = naive_draws.columns();
  std::size_t width = 6;
  for (const std::string& c : cols) width = std::max(width, c.size());
  char buf[256];
  for (const std::string& c : cols) {
    const TwoSampleResult ks = ks_two_sample(naive_draws.column(c), simple_draws.column(c));
    std::snprintf(buf, sizeof buf, "  %-*s  D = %.4f  p = %.3g\n", static_cast<int>(width), c.c_str(), ks.statistic,
                  ks.p_value);
    out << buf;
  }
  std::snprintf(buf, sizeof buf,
                "\ntime: simplify %.2f ms; %zu forward draws: naive %.2f ms, simplified %.2f ms (%.1fx)\n",
                simplify_ms, o.draws, naive_ms, simple_ms, simple_ms > 0 ? naive_ms / simple_ms : 0.0);
  out << buf;
  return 0;
}

int run_compare(const std::vector<std::string>& argv) {
  CommandSpec spec{"compare", "alea compare MODEL [options]",
                   "The naive and simplified models side by side. Without data: the log density of the visible\n"
                   "variables at draws of the naive model in both (exact where a model has it in closed form,\n"
                   "else estimated with its standard error), and a two-sample test of their draws. With data:\n"
                   "the log evidence in both, and the posteriors of NUTS on the naive model and of alea's plan.",
                   common_options(), 1, 1};
  spec.options.push_back({"draws", "N", "forward draws, and importance samples per estimate (default 4000)", false});
  spec.options.push_back({"points", "K", "evaluation points (default 5)", false});
  spec.options.push_back({"mcmc-draws", "N", "posterior draws of each sampler, 0 for none (default 1000)", false});
  spec.options.push_back({"warmup", "N", "warmup of the naive model's NUTS (default 1000)", false});
  spec.options.push_back({"output", "FILE", "write the densities as CSV: what,naive,naive_se,simplified", false});
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  CompareOptions o;
  o.draws = static_cast<std::size_t>(args.integer("draws", 4000, 2, 10'000'000));
  o.points = static_cast<std::size_t>(args.integer("points", 5, 1, 1000));
  o.mcmc_draws = static_cast<long>(args.integer("mcmc-draws", 1000, 0, 10'000'000));
  o.warmup = static_cast<long>(args.integer("warmup", 1000, 0, 10'000'000));
  o.seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
  if (auto out = args.get("output")) {
    require_output_directory("output", *out);
    o.output = *out;
  }
  return compare_models(load_model(args), std::cout, o);
}

}  // namespace alea::cli
