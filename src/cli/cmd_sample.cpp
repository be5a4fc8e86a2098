// alea sample: draws of the monitored variables as Stan CSV, one file a chain, and
// a summary table on stdout.
#include <filesystem>
#include <iostream>

#include "alea/infer/forward.hpp"
#include "alea/infer/summary.hpp"
#include "alea/io/stan_csv.hpp"
#include "alea/rewrite/simplify.hpp"
#include "commands.hpp"
#include "load.hpp"

namespace alea::cli {
namespace {

CommandSpec sample_spec() {
  CommandSpec s{"sample", "alea sample MODEL [options]",
                "Draws of the monitored variables in the Stan CSV format (lp__ first), and a summary table.\n"
                "A model with nothing observed is sampled forward (exact, independent draws).",
                common_options(), 1, 1};
  s.options.push_back({"draws", "N", "draws per chain (default 1000)", false});
  s.options.push_back({"chains", "C", "number of chains (default 1); files FILE_1.csv, ... when C > 1", false});
  s.options.push_back({"warmup", "W", "warmup iterations for MCMC (default 1000; unused by exact draws)", false});
  s.options.push_back({"output", "FILE", "write the draws to FILE (Stan CSV)", false});
  s.options.push_back({"naive", "", "sample the model as written, not the simplified model", false});
  return s;
}

std::string chain_file(const std::string& path, long long chain, long long chains) {
  if (chains == 1) return path;
  std::filesystem::path p(path);
  const std::string stem = p.extension() == ".csv" ? p.stem().string() : p.filename().string();
  return (p.parent_path() / (stem + "_" + std::to_string(chain) + ".csv")).string();
}

}  // namespace

int run_sample(const std::vector<std::string>& argv) {
  const CommandSpec spec = sample_spec();
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  const long long draws = args.integer("draws", 1000, 1, 100'000'000);
  const long long chains = args.integer("chains", 1, 1, 1024);
  const long long warmup = args.integer("warmup", 1000, 0, 100'000'000);
  const auto seed = static_cast<std::uint64_t>(args.integer("seed", 1, 0, std::numeric_limits<long long>::max()));
  if (auto out = args.get("output")) require_output_directory("output", *out);
  Model m = load_model(args);
  for (const Variable& v : m.variables())
    if (v.observed)
      throw InputError(v.loc, "variable '" + v.name +
                                  "' is observed: posterior sampling needs the conjugacy and MCMC layers, which "
                                  "this version of alea does not have yet; remove the data to sample the prior");
  std::vector<std::string> visible;
  for (const Variable& v : m.variables())
    if (m.role(v.name) == Role::Queried) visible.push_back(v.name);
  if (visible.empty()) throw UsageError{"nothing to sample: no variable is monitored"};

  // The simplified model has the same joint distribution of the visible variables,
  // with nuisance draws integrated out: fewer draws per row.
  const Model run = args.flag("naive") ? m : rewrite::simplify(m).model;
  std::vector<DrawTable> per_chain;
  for (long long c = 0; c < chains; ++c) {
    Rng rng(seed, static_cast<std::uint64_t>(c));
    per_chain.push_back(sample_prior(run, static_cast<std::size_t>(draws), rng, visible));
  }
  if (auto out = args.get("output")) {
    // Write every chain to its temporary file first; none is renamed until all succeeded.
    for (long long c = 0; c < chains; ++c) {
      io::StanCsvConfig cfg;
      cfg.settings = {{"model", args.positional[0]},
                      {"method", args.flag("naive") ? "sample (forward, exact, naive model)"
                                                    : "sample (forward, exact, simplified model)"},
                      {"num_samples", std::to_string(draws)}, {"num_warmup", std::to_string(warmup)},
                      {"chain_id", std::to_string(c + 1)}, {"seed", std::to_string(seed)}};
      io::write_stan_csv_file(chain_file(*out, c + 1, chains), per_chain[static_cast<std::size_t>(c)], cfg);
    }
  }
  DrawTable combined(per_chain[0].columns());
  for (const DrawTable& t : per_chain)
    for (std::size_t r = 0; r < t.rows(); ++r) {
      std::vector<double> row(t.cols());
      for (std::size_t c = 0; c < t.cols(); ++c) row[c] = t.at(r, c);
      combined.add_row(row, t.lp(r));
    }
  std::cout << "forward sampling of the " << (args.flag("naive") ? "naive" : "simplified") << " model: " << chains
            << " chain(s) x " << draws << " exact draws\n"
            << format_summary(summarize(combined));
  return 0;
}

}  // namespace alea::cli
