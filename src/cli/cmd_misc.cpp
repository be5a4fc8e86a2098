// alea logp, alea dot, alea simplify: the commands that read a model and print one thing.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "alea/infer/log_density.hpp"
#include "alea/infer/posterior.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/replace_file.hpp"
#include "alea/io/dot.hpp"
#include "alea/io/rdump.hpp"
#include "alea/model/composite.hpp"
#include "alea/rewrite/simplify.hpp"
#include "commands.hpp"
#include "load.hpp"
#include "report.hpp"

namespace alea::cli {

bool parse_or_help(const CommandSpec& spec, const std::vector<std::string>& argv, ParsedArgs& out) {
  bool help = false;
  out = parse_args(spec, argv, help);
  if (help) std::cout << help_text(spec);
  return help;
}

int run_logp(const std::vector<std::string>& argv) {
  CommandSpec spec{"logp", "alea logp MODEL [--at FILE] [options]",
                   "The joint log density of the model at the values in FILE (R dump), and each variable's term.\n"
                   "Observed variables take their data (--data).",
                   common_options(), 1, 1};
  spec.options.push_back({"at", "FILE", "values of the unobserved random variables (R dump)", false});
  spec.options.push_back({"simplified", "",
                          "evaluate the simplified model (nuisance variables integrated out; needed when an "
                          "observed variable is a function of random variables)",
                          false});
  spec.options.push_back({"evidence", "",
                          "the exact log marginal likelihood log p(data) of a model whose latents are all "
                          "conjugate (no --at)",
                          false});
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  const auto at_path = args.get("at");
  Model m = load_model(args);
  if (args.flag("evidence")) {
    if (at_path) throw UsageError{"--evidence integrates the latents out: it takes no --at"};
    const rewrite::Factorization f = rewrite::conjugate(m);
    std::printf("log evidence %s\n", format_number(log_evidence(f)).c_str());
    return 0;
  }
  if (args.flag("simplified")) m = rewrite::simplify(m).model;
  std::map<std::string, Value> values;
  if (at_path) {
    const io::DataSet at = io::read_rdump(read_file(*at_path), *at_path);
    for (const auto& [name, value] : at.values) {
      if (!m.has(name)) throw InputError(at.where.at(name), "the model has no variable '" + name + "'");
      values.emplace(name, value);
    }
  }
  LogDensity ld;
  try {
    ld = log_density(m, values);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    if (!at_path && what.rfind("log density: no value", 0) == 0)
      throw UsageError{what + "; give the values with --at FILE (R dump)"};
    throw;
  }
  std::size_t width = 5;
  for (const auto& [name, term] : ld.terms) width = std::max(width, name.size());
  for (const auto& [name, term] : ld.terms)
    std::printf("%-*s %s\n", static_cast<int>(width), name.c_str(), format_number(term).c_str());
  std::printf("%-*s %s\n", static_cast<int>(width), "total", format_number(ld.total).c_str());
  return 0;
}

int run_dot(const std::vector<std::string>& argv) {
  CommandSpec spec{"dot", "alea dot MODEL [options]", "Graphviz DOT of the model on stdout, or a PNG with --png.",
                   common_options(), 1, 1};
  spec.options.push_back({"png", "FILE", "render to a PNG file with Graphviz's dot", false});
  spec.options.push_back({"simplified", "", "the simplified model rather than the model as written", false});
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  Model m = load_model(args);
  if (args.flag("simplified")) m = rewrite::simplify(m).model;
  const std::string dot =
      io::to_dot(m, args.positional[0] + (args.flag("simplified") ? " (simplified)" : ""));
  const auto png = args.get("png");
  if (!png) {
    std::cout << dot;
    return 0;
  }
  namespace fs = std::filesystem;
  const fs::path target(*png);
  const fs::path tmp_dot = fs::path(target).concat(".tmp-alea.dot"), tmp_png = fs::path(target).concat(".tmp-alea");
  require_output_directory("png", *png);
  {
    std::ofstream f(tmp_dot);
    f << dot;
    if (!f) {
      f.close();
      fs::remove(tmp_dot);
      throw std::runtime_error("--png: cannot write '" + tmp_dot.string() + "'");
    }
  }
  const std::string cmd = "dot -Tpng '" + tmp_dot.string() + "' -o '" + tmp_png.string() + "' 2>/dev/null";
  const int rc = std::system(cmd.c_str());
  fs::remove(tmp_dot);
  if (rc != 0) {
    fs::remove(tmp_png);
    throw std::runtime_error("Graphviz's dot failed or is not installed (apt-get install graphviz)");
  }
  io::replace_file(tmp_png, target.string());
  return 0;
}

int run_simplify(const std::vector<std::string>& argv) {
  CommandSpec spec{"simplify", "alea simplify MODEL [options]",
                   "The simplified model in the BUGS language on stdout; it parses back to the same model.",
                   common_options(), 1, 1};
  spec.options.push_back({"trace", "", "list every rule application, before => after, as # comments", false});
  spec.options.push_back({"level", "K",
                          "stop with the composite ops of level K and below closed (default 0: expand them all); "
                          "a model that keeps composites is printed in alea's text form",
                          false});
  ParsedArgs args;
  if (parse_or_help(spec, argv, args)) return 0;
  rewrite::SimplifyOptions options;
  if (args.flag("level")) options.level = static_cast<int>(args.integer("level", 0, 0, 1000));
  Model m = load_model(args);
  const rewrite::SimplifyResult r = rewrite::simplify(m, options);
  // BUGS has no composite ops: a model that keeps some is printed in alea's own form.
  if (composite_level(r.model) > 0)
    std::cout << "# composite ops closed at level " << composite_level(r.model) << " (alea's text form)\n"
              << to_string(r.model);
  else
    std::cout << io::to_bugs(r.model);
  if (std::any_of(m.variables().begin(), m.variables().end(), [](const Variable& v) { return v.observed.has_value(); })) {
    if (const rewrite::Factorization f = rewrite::conjugate(m); !f.trace.empty()) print_factorization(f, std::cout);
    // The plan of `alea sample`, which simplifies to level 0: this result where it is
    // that one.
    print_sampling_plan(composite_level(r.model) == 0 ? sampled_factorization(m, r.model) : sampled_factorization(m),
                        std::cout);
  }
  if (args.flag("trace")) {
    print_rule_summary(r, std::cout);
    print_trace(r, std::cout);
  }
  return 0;
}

}  // namespace alea::cli
