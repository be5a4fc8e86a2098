// alea sample: draws of the monitored variables as Stan CSV, one file a chain, and
// a summary table with convergence diagnostics on stdout. A model with nothing
// observed is sampled forward; one with observations by NUTS (with Gibbs and
// forward blocks, see sampler.hpp).
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <span>
#include <sstream>

#include "alea/infer/deviance.hpp"
#include "alea/infer/forward.hpp"
#include "alea/infer/posterior.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "alea/infer/summary.hpp"
#include "alea/io/stan_csv.hpp"
#include "alea/rewrite/simplify.hpp"
#include "commands.hpp"
#include "load.hpp"
#include "report.hpp"

namespace alea::cli {
namespace {

CommandSpec sample_spec() {
  CommandSpec s{"sample", "alea sample MODEL [options]",
                "Draws of the monitored variables in the Stan CSV format (lp__ first), and a summary table\n"
                "(Mean, MCSE, StdDev, 5%, 50%, 95%, ESS_bulk, ESS_tail, R_hat over the chains) with warnings\n"
                "when R_hat > 1.01 or an ESS is below 100 per chain.\n"
                "A model with nothing observed is sampled forward (exact, independent draws). With observed\n"
                "data, conjugate latents are integrated out or drawn exactly (alea simplify shows the\n"
                "factorization): a fully conjugate model gets exact iid posterior draws; the latents that are\n"
                "left are sampled by NUTS (columns lp__, accept_stat__, ..., energy__ as CmdStan writes them)\n"
                "and the conjugate ones drawn exactly given them at every iteration.\n"
                "--monitor deviance adds a column deviance, as JAGS's deviance monitor: minus twice the log\n"
                "density of the observed variables given the parameters at each draw (the model as written,\n"
                "not a marginal; the variables it needs are sampled and their columns dropped if not monitored).\n"
                "Points where a parameter leaves its domain (a scale of 0 or Inf at an extreme point) are\n"
                "rejected, as in Stan, and counted in a line after the summary.",
                common_options(), 1, 1};
  s.options.push_back({"draws", "N", "draws per chain (default 1000)", false});
  s.options.push_back({"chains", "C", "number of chains (default 1); files FILE_1.csv, ... when C > 1", false});
  s.options.push_back({"warmup", "W", "warmup iterations for MCMC (default 1000; unused by exact draws)", false});
  s.options.push_back({"output", "FILE", "write the draws to FILE (Stan CSV)", false});
  s.options.push_back({"sig-figs", "S",
                       "significant digits of the numbers in FILE, 1 to 17, as CmdStan's sig_figs (default: the "
                       "digits that read back to the same double)",
                       false});
  s.options.push_back({"naive", "", "sample the model as written, not the simplified model", false});
  s.options.push_back({"max-depth", "D", "NUTS maximum tree depth (default 10)", false});
  s.options.push_back({"adapt-delta", "A", "NUTS target acceptance statistic in (0, 1) (default 0.8)", false});
  s.options.push_back({"metric", "M",
                       "NUTS metric: diag (CmdStan's diag_e), dense (dense_e: the covariance of the warmup draws, "
                       "for correlated posteriors) or auto (default: dense when NUTS samples at most " +
                           std::to_string(SamplerOptions::kAutoDenseMax) +
                           " coordinates, no hierarchical group and no signed scale, diag otherwise)",
                       false});
  s.options.push_back({"residual", "R",
                       "a single continuous coordinate left to sample (eight schools' tau once theta and mu are "
                       "integrated out): inversion (default: i.i.d. draws by numerical inversion of its posterior, "
                       "UNU.RAN's PINV with u-error <= 1e-10, no warmup) or nuts",
                       false});
  s.options.push_back({"signed-scales", "S",
                       "a positive scale that the model reads only as the factor of standard normal draws (a group "
                       "written non-centred: sigma * b[i], b[i] ~ dnorm(0, 1)) with a uniform(0, U), half-normal or "
                       "half-Cauchy prior: on (default: NUTS samples it with a sign, s on (-U, U), sigma = |s| and "
                       "b = sign(s) u, the same law without the stiffness of log sigma in its upper tail) or off (on "
                       "its log scale; where the data say much about each element it can diverge less: see "
                       "docs/sampling.md)",
                       false});
  s.options.push_back({"centring", "C",
                       "a hierarchical group that NUTS samples (random effects of a logistic or Poisson regression): "
                       "auto (default: a short pilot run measures how much of each group's posterior precision the "
                       "data give: wholly centred when every share is over 0.9, non-centred when every one is under "
                       "0.1, else partially centred, each element by the information its data give at every value "
                       "of the scale: see docs/sampling.md), centred or noncentred",
                       false});
  s.options.push_back({"thin", "K",
                       "keep every K-th draw (default 1): --draws N runs N iterations after warmup and keeps "
                       "draws 1, K+1, 2K+1, ... (ceil(N/K) rows), as CmdStan's thin and JAGS's update N with thin(K)",
                       false});
  s.options.push_back({"inits", "FILE",
                       "initial values in R dump format or list(...), as JAGS's inits in: one file for every chain, "
                       "or one per chain (as many as --chains). NA: no initial value for that element. Values of "
                       "the model as written; those of variables the rewriter integrated out or draws exactly are "
                       "ignored (the summary says which). Without: uniform(-2, 2) on the unconstrained scale, as "
                       "Stan, retried up to 100 times until the density and its gradient are finite",
                       true});
  return s;
}

std::string chain_file(const std::string& path, long long chain, long long chains) {
  if (chains == 1) return path;
  std::filesystem::path p(path);
  const std::string stem = p.extension() == ".csv" ? p.stem().string() : p.filename().string();
  return (p.parent_path() / (stem + "_" + std::to_string(chain) + ".csv")).string();
}

double real_option(const ParsedArgs& args, const std::string& name, double fallback, double lo, double hi) {
  const auto text = args.get(name);
  if (!text) return fallback;
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || !(v > lo && v < hi))
    throw UsageError{"--" + name + " is '" + *text + "', but must be a number in (" + format_number(lo) + ", " +
                     format_number(hi) + ")"};
  return v;
}

// "[=====>    ] 42%" on stderr, redrawn in place.
void draw_progress(long done, long total) {
  const int width = 40;
  const long pct = total > 0 ? 100 * done / total : 100;
  const int filled = static_cast<int>(width * pct / 100);
  std::fprintf(stderr, "\r[%s%s] %3ld%%", std::string(static_cast<std::size_t>(filled), '=').c_str(),
               std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), pct);
  std::fflush(stderr);
}

// The summary of the chains' tables (from column `first_column` on), computed while
// `files` are written (all of them or none: io::write_stan_csv_files) on threads of
// their own. Throws the writing's error, if any, once both are done.
std::string summary_while_writing(const std::vector<io::StanCsvFile>& files, const std::vector<DrawTable>& tables,
                                  std::size_t first_column) {
  std::future<void> written;
  if (!files.empty()) written = std::async(std::launch::async, [&files] { io::write_stan_csv_files(files); });
  std::string summary;
  std::exception_ptr error;
  try {
    summary = format_summary(summarize(std::span<const DrawTable>(tables), first_column));
  } catch (...) {
    error = std::current_exception();
  }
  if (written.valid()) written.get();
  if (error) std::rethrow_exception(error);
  return summary;
}

// Every thin-th row (0, thin, 2 thin, ...) of each chain.
DrawTable thinned(DrawTable t, long thin) {
  if (thin == 1) return t;
  DrawTable out(t.columns());
  std::vector<double> row(t.cols());
  for (std::size_t r = 0; r < t.rows(); r += static_cast<std::size_t>(thin)) {
    for (std::size_t c = 0; c < t.cols(); ++c) row[c] = t.at(r, c);
    out.add_row(row, t.lp(r), t.chain(r));
  }
  return out;
}

// The columns shown: the sampler's (first `sampler` columns), the visible variables',
// then the deviance (when given) computed from the sampled variables' columns.
DrawTable shown_columns(DrawTable t, std::size_t sampler, const Model& m, const std::vector<std::string>& visible,
                        const Deviance* deviance) {
  std::vector<std::string> cols(t.columns().begin(), t.columns().begin() + static_cast<long>(sampler));
  for (const std::string& v : visible)
    for (std::string& c : column_names(v, m.graph().node(m.variable(v).node).shape)) cols.push_back(std::move(c));
  std::vector<std::size_t> from;
  for (const std::string& c : cols) from.push_back(t.column_index(c));
  std::vector<double> dev;
  if (deviance) {
    dev = (*deviance)(t);
    cols.push_back("deviance");
  }
  if (!deviance && cols.size() == t.cols()) return t;
  DrawTable out(cols);
  out.reserve(t.rows());
  std::vector<double> row(cols.size());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    for (std::size_t c = 0; c < from.size(); ++c) row[c] = t.at(r, from[c]);
    if (deviance) row.back() = dev[r];
    out.add_row(row, t.lp(r), t.chain(r));
  }
  return out;
}

// The variables the run samples: the visible ones and those the deviance needs.
std::vector<std::string> with_inputs(std::vector<std::string> names, const Deviance* deviance) {
  if (deviance)
    for (const std::string& v : deviance->inputs())
      if (std::find(names.begin(), names.end(), v) == names.end()) names.push_back(v);
  return names;
}

std::string thin_note(long long draws, long thin) {
  if (thin == 1) return "";
  return ", thin " + std::to_string(thin) + ": " + std::to_string((draws + thin - 1) / thin) + " kept a chain";
}

std::string inits_setting(const ParsedArgs& args) {
  std::string files;
  for (const std::string& f : args.all("inits")) files += (files.empty() ? "" : ", ") + f;
  return files.empty() ? "uniform(-2, 2) on the unconstrained scale" : files;
}

std::vector<std::string> adaptation_comments(const ChainResult& c) {
  if (!c.inverted.empty())
    return {"No adaptation: " + c.inverted.front() + " drawn i.i.d. by numerical inversion (UNU.RAN PINV, u-error <= 1e-10)"};
  const auto row = [](const double* x, std::size_t n) {
    std::string line;
    for (std::size_t i = 0; i < n; ++i) line += (i ? ", " : "") + format_number(x[i]);
    return line;
  };
  std::vector<std::string> out = {"Adaptation terminated", "Step size = " + format_number(c.step_size)};
  const std::size_t n = c.inv_metric.size();
  if (c.dense_inv_metric.size() == n * n && n > 0) {  // as CmdStan's dense_e: the matrix, a row a line
    out.push_back("Elements of inverse mass matrix:");
    for (std::size_t i = 0; i < n; ++i) out.push_back(row(c.dense_inv_metric.data() + i * n, n));
  } else {
    out.push_back("Diagonal elements of inverse mass matrix:");
    out.push_back(row(c.inv_metric.data(), n));
  }
  return out;
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
  const auto max_depth = static_cast<int>(args.integer("max-depth", 10, 1, 30));
  const double adapt_delta = real_option(args, "adapt-delta", 0.8, 0.0, 1.0);
  const auto sig_figs = static_cast<int>(args.integer("sig-figs", 0, 1, 17));
  const long thin = static_cast<long>(args.integer("thin", 1, 1, 100'000'000));
  SamplerOptions::Metric metric = SamplerOptions::Metric::Auto;
  if (auto m = args.get("metric")) {
    if (*m == "diag") metric = SamplerOptions::Metric::Diag;
    else if (*m == "dense") metric = SamplerOptions::Metric::Dense;
    else if (*m != "auto") throw UsageError{"--metric is '" + *m + "', but must be diag, dense or auto"};
  }
  bool invert_residual = true;
  if (auto r = args.get("residual")) {
    if (*r == "nuts") invert_residual = false;
    else if (*r != "inversion") throw UsageError{"--residual is '" + *r + "', but must be inversion or nuts"};
  }
  bool signed_scales = true;
  if (auto s = args.get("signed-scales")) {
    if (*s == "off") signed_scales = false;
    else if (*s != "on") throw UsageError{"--signed-scales is '" + *s + "', but must be on or off"};
  }
  SamplerOptions::Centring centring = SamplerOptions::Centring::Auto;
  if (auto c = args.get("centring")) {
    if (*c == "centred") centring = SamplerOptions::Centring::Centred;
    else if (*c == "noncentred") centring = SamplerOptions::Centring::NonCentred;
    else if (*c != "auto") throw UsageError{"--centring is '" + *c + "', but must be auto, centred or noncentred"};
  }
  if (auto out = args.get("output")) require_output_directory("output", *out);
  bool want_deviance = false;
  Model m = load_model(args, &want_deviance);
  std::vector<std::string> visible;
  for (const Variable& v : m.variables())
    if (m.role(v.name) == Role::Queried) visible.push_back(v.name);
  if (visible.empty() && !want_deviance) throw UsageError{"nothing to sample: no variable is monitored"};
  std::vector<InitialValues> inits = read_inits_files(args.all("inits"));
  if (!inits.empty() && inits.size() != 1 && static_cast<long long>(inits.size()) != chains)
    throw UsageError{"--inits is given " + std::to_string(inits.size()) + " times for " + std::to_string(chains) +
                     " chains: give one file for every chain, or one per chain"};
  for (InitialValues& iv : inits) {
    for (const std::string& unused : check_initial_values(m, iv)) std::cerr << "alea: warning: " << unused << "\n";
    std::erase_if(iv.values, [&](const auto& kv) { return !m.has(kv.first); });  // said unused: not "ignored" again
  }
  // The deviance needs the parameters of the observed variables: they are sampled (as
  // JAGS samples them) even when not shown.
  std::optional<Deviance> deviance;
  if (want_deviance) {
    deviance.emplace(m);
    m.monitor(with_inputs(visible, &*deviance));
  }
  const Deviance* dev = deviance ? &*deviance : nullptr;
  const std::vector<std::string> sampled = with_inputs(visible, dev);
  bool observed = false;
  for (const Variable& v : m.variables()) observed = observed || v.observed.has_value();
  // Observed data: the conjugate factorization of the simplified model. Exact posterior
  // draws when every latent is conjugate; NUTS on the rest otherwise (--naive: NUTS on the
  // model as written).
  std::optional<rewrite::Factorization> posterior;
  if (observed && !args.flag("naive")) {
    posterior = sampled_factorization(m);
  }

  // The simplified model has the same joint distribution of the visible variables,
  // with nuisance draws integrated out: fewer draws per row.
  const bool exact = posterior && posterior->fully_conjugate();
  const Model run = args.flag("naive") ? m : posterior ? posterior->model : rewrite::simplify(m).model;
  if (observed && !exact) {
    for (const Variable& v : run.variables())
      if (v.observed && !run.is_stochastic(v.name))
        throw InputError(m.variable(v.name).loc,
                         "variable '" + v.name + "' is observed but is a deterministic function of random variables " +
                             (args.flag("naive") ? "in the naive model; sample the simplified model (without --naive)"
                                                 : "that the rewriter could not give a density (its operands are monitored: monitor fewer variables)"));
    SamplerOptions opt;
    opt.warmup = warmup, opt.draws = draws, opt.chains = static_cast<int>(chains), opt.seed = seed;
    opt.max_depth = max_depth, opt.adapt_delta = adapt_delta, opt.variables = sampled;
    opt.thin = thin, opt.inits = inits, opt.metric = metric, opt.invert_residual = invert_residual;
    opt.centring = centring, opt.signed_scales = signed_scales;
    const bool tty = isatty(STDERR_FILENO) != 0;
    if (tty) opt.progress = draw_progress;
    const auto csv_config = [&](long long c, const ChainResult& r) {
      io::StanCsvConfig cfg;
      cfg.settings = {{"model", args.positional[0]},
                      {"method", std::string(r.inverted.empty() ? "sample (NUTS, " : "sample (inversion of one coordinate, ") +
                                     (args.flag("naive") ? "naive" : "simplified") + " model)"},
                      {"num_samples", std::to_string(draws)}, {"num_warmup", std::to_string(warmup)},
                      {"thin", std::to_string(thin)}, {"init", inits_setting(args)},
                      {"max_depth", std::to_string(max_depth)}, {"delta", format_number(adapt_delta)},
                      {"chain_id", std::to_string(c + 1)}, {"seed", std::to_string(seed)},
                      {"lp__", "log density of the NUTS block on the unconstrained scale, log Jacobian "
                               "included, normalizing constants kept"}};
      cfg.adaptation = adaptation_comments(r);
      cfg.sig_figs = sig_figs;
      return cfg;
    };
    // Without a deviance the files' columns are the chains' own: each file is written
    // while its chain runs (a thread a file), and renamed into place once every chain
    // and file is complete. With one, they are written after the chains.
    std::vector<std::unique_ptr<io::StanCsvStream>> streams;
    if (auto out = args.get("output"); out && !dev) {
      for (long long c = 0; c < chains; ++c) streams.push_back(std::make_unique<io::StanCsvStream>(chain_file(*out, c + 1, chains), sig_figs));
      opt.on_adapted = [&](std::size_t c, const ChainResult& adapted) {
        streams[c]->header(adapted.draws.columns(), csv_config(static_cast<long long>(c), adapted));
      };
      opt.on_rows = [&](std::size_t c, DrawTable rows) { streams[c]->rows(std::move(rows)); };
    }
    std::vector<ChainResult> results = sample_chains(run, opt);
    if (tty) std::fprintf(stderr, "\n");
    long divergences = 0, rejections = 0, forward_failures = 0;
    std::string first_rejection, first_forward_failure;
    std::vector<std::string> ignored;
    std::vector<DrawTable> tables;
    for (ChainResult& c : results) {
      divergences += c.divergences;
      rejections += c.rejections;
      forward_failures += c.forward_failures;
      if (first_rejection.empty()) first_rejection = c.first_rejection;
      if (first_forward_failure.empty()) first_forward_failure = c.first_forward_failure;
      for (const std::string& v : c.inits_ignored)
        if (std::find(ignored.begin(), ignored.end(), v) == ignored.end()) ignored.push_back(v);
      tables.push_back(shown_columns(std::move(c.draws), kSamplerColumns.size(), m, visible, dev));
    }
    std::vector<io::StanCsvFile> files;
    if (auto out = args.get("output"); out && streams.empty())
      for (long long c = 0; c < chains; ++c)
        files.push_back({chain_file(*out, c + 1, chains), &tables[static_cast<std::size_t>(c)],
                         csv_config(c, results[static_cast<std::size_t>(c)])});
    // The files are written while the summary is computed; nothing is printed until both are done.
    const std::string summary = summary_while_writing(files, tables, kSamplerColumns.size());
    for (auto& stream : streams) stream->finish();
    for (auto& stream : streams) stream->commit();
    const ChainResult& lead = results.front();
    if (!lead.inverted.empty())
      std::cout << "i.i.d. draws on the " << (args.flag("naive") ? "naive" : "simplified") << " model: " << chains
                << " chain(s) x " << draws << " draws, no warmup" << thin_note(draws, thin) << "\n"
                << "one coordinate left, drawn by numerical inversion of its posterior (UNU.RAN PINV, u-error <= "
                   "1e-10), the rest exactly given it: "
                << lead.inverted.front() << "\n";
    else
      std::cout << "NUTS on the " << (args.flag("naive") ? "naive" : "simplified") << " model: " << chains
                << " chain(s) x " << draws << " draws after " << warmup << " warmup" << thin_note(draws, thin) << "\n";
    if (!lead.residual_note.empty())
      std::cout << "one coordinate left, sampled by NUTS: " << lead.residual_note << "\n";
    if (posterior && !posterior->exact.empty()) {
      std::cout << "conjugate, drawn exactly given the rest:";
      for (const std::string& v : posterior->exact) std::cout << " " << v;
      std::cout << "\n";
    }
    const ChainResult& first = results.front();
    const auto list = [](const char* what, const std::vector<std::string>& names) {
      if (names.empty()) return;
      std::cout << what;
      for (const std::string& v : names) std::cout << " " << v;
      std::cout << "\n";
    };
    list("conjugate full conditionals, drawn exactly in a Gibbs sweep:", first.conjugate_gibbs);
    list("hierarchical scales, updated given their group centred (exactly where conjugate, else by slice sampling) "
         "and non-centred (slice sampling):",
         first.slice_sampled);
    list("hierarchical groups, drawn from their Gaussian conditional:", first.gaussian_gibbs);
    list("hierarchical groups, sampled by NUTS non-centred (wholly or partially: see centring):", first.noncentred);
    list("hierarchical groups, sampled by NUTS centred:", first.centred);
    for (const std::string& note : first.centring_notes) std::cout << "  centring: " << note << "\n";
    list("scales sampled by NUTS with a sign (s and the standard normals it multiplies change sign together; the "
         "scale is |s|):",
         first.signed_scales);
    if (!ignored.empty()) {
      std::cout << "initial values ignored (integrated out, or drawn exactly given the rest):";
      for (const std::string& v : ignored) std::cout << " " << v;
      std::cout << "\n";
    }
    std::cout << summary;
    if (rejections > 0)
      std::cout << "rejected: " << rejections << " point(s) (warmup and sampling) where a parameter was outside its "
                << "domain; the first: " << first_rejection << "\n";
    if (forward_failures > 0)
      std::cout << "kept the previous draw " << forward_failures << " time(s) where an exact draw given the NUTS "
                << "state met an invalid parameter; the first: " << first_forward_failure << "\n";
    if (divergences > 0)
      std::cerr << "alea: warning: " << divergences << " divergent transition(s) after warmup; "
                << "try a larger --adapt-delta or a reparameterized model\n";
    else if (lead.inverted.empty())
      std::cerr << "alea: no divergent transitions\n";
    return 0;
  }
  std::vector<DrawTable> per_chain;
  for (long long c = 0; c < chains; ++c) {
    Rng rng(seed, static_cast<std::uint64_t>(c));
    const auto n = static_cast<std::size_t>(draws);
    DrawTable t = exact ? sample_posterior(*posterior, n, rng, sampled) : sample_prior(run, n, rng, sampled);
    per_chain.push_back(shown_columns(thinned(std::move(t), thin), 0, m, visible, dev));
  }
  const std::string method = exact ? "exact posterior (conjugate)"
                             : args.flag("naive") ? "forward, exact, naive model"
                                                  : "forward, exact, simplified model";
  std::vector<io::StanCsvFile> files;
  if (auto out = args.get("output")) {
    for (long long c = 0; c < chains; ++c) {
      io::StanCsvConfig cfg;
      cfg.settings = {{"model", args.positional[0]},
                      {"method", "sample (" + method + ")"},
                      {"num_samples", std::to_string(draws)}, {"num_warmup", "0"}, {"thin", std::to_string(thin)},
                      {"chain_id", std::to_string(c + 1)}, {"seed", std::to_string(seed)}};
      cfg.sig_figs = sig_figs;
      files.push_back({chain_file(*out, c + 1, chains), &per_chain[static_cast<std::size_t>(c)], std::move(cfg)});
    }
  }
  const std::string summary = summary_while_writing(files, per_chain, 0);
  if (exact)
    std::cout << "exact posterior sampling (conjugate: " << posterior->trace.size() << " rule(s)): " << chains
              << " chain(s) x " << draws << " iid draws" << thin_note(draws, thin) << "\n";
  else
    std::cout << "forward sampling of the " << (args.flag("naive") ? "naive" : "simplified") << " model: " << chains
              << " chain(s) x " << draws << " exact draws" << thin_note(draws, thin) << "\n";
  if (!inits.empty()) std::cout << "initial values ignored: the draws are exact (no Markov chain to start)\n";
  std::cout << summary;
  return 0;
}

}  // namespace alea::cli
