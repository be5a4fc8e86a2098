// Simplification of a model: its graph goes into an e-graph, the rule sets
// saturate it within limits, and the cheapest valid term of every visible variable
// comes back as a new model. Visible variables (observed and queried) are the
// roots: they are never marginalized away; nuisance variables survive only where a
// visible one still needs them.
#pragma once
#include <string>
#include <vector>

#include "alea/model/model.hpp"
#include "alea/rewrite/extract.hpp"
#include "alea/rewrite/runner.hpp"

namespace alea::rewrite {

struct SimplifyOptions {
  Limits limits;
  std::vector<Rule> rules;  // empty: the default rule sets
  bool trace = true;
};

struct SimplifyResult {
  Model model;
  RunReport report;
  std::vector<std::string> notes;  // replacements the validity check refused, and why
};

SimplifyResult simplify(const Model& m, const SimplifyOptions& options = {});

// The default rule sets: algebra (pointwise identities) and the distribution rules.
std::vector<Rule> default_rules();

// Model <-> e-graph, exposed for tests and benchmarks.
struct Loaded {
  EGraph egraph;
  std::vector<ClassId> node_class;  // class of each model node
};
Loaded to_egraph(const Model& m);
Model from_egraph(const Model& source, const EGraph& g, const std::vector<ClassId>& node_class, const Extraction& ex);

}  // namespace alea::rewrite
