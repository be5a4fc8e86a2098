// Simplification of a model: its graph goes into an e-graph, the rule sets
// saturate it within limits, and the cheapest valid term of every visible variable
// comes back as a new model. Visible variables (observed and queried) are the
// roots: they are never marginalized away; nuisance variables survive only where a
// visible one still needs them.
//
// Levels (docs/design.md, Levels): the model is saturated with its composite ops closed (their
// own rules, rules_composite_*.cpp, see them whole), then the composites of the
// highest level left are expanded one level, and the result saturated again, until
// none is left or the level asked for is reached. First, each composite's lifting
// pass (register_lifting) recognizes its structure written out (sums of iid scalar
// draws as one iid_sum, a random walk element by element, group effects in a loop).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "alea/graph/composite.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/extract.hpp"
#include "alea/rewrite/runner.hpp"

namespace alea::rewrite {

struct SimplifyOptions {
  Limits limits;
  std::vector<Rule> rules;  // empty: the default rule sets
  bool trace = true;
  // Stop when no composite above this level is left (0: expand every composite).
  std::optional<int> level;
  // The composites' lifting passes run first. Not given: with the default rules, and
  // not with rules of the caller's own (which then run exactly as given).
  std::optional<bool> lift;
};

// One saturation: the highest composite level in the model when it ran.
struct LevelRun {
  int level = 0;
  RunReport report;
};

struct SimplifyResult {
  Model model;
  RunReport report;              // every level's runs together (iterations and times added up)
  std::vector<LevelRun> levels;  // in the order they ran: highest level first
  std::vector<std::string> notes;  // replacements the validity check refused, and why
};

SimplifyResult simplify(const Model& m, const SimplifyOptions& options = {});

// A composite's lifting pass: the model with the composite's structure, where it is
// written out, replaced by closed composites; the model as it is elsewhere. It must
// keep the model's distribution (names, roles and data too).
using Lifting = std::function<Model(const Model&)>;
// Registers a lifting pass of a registered composite op (graph/composite.hpp), run by
// simplify after those registered before it (the built-in ones first: random walks,
// group effects, iid sums). Throws std::out_of_range for an unknown op. Thread-safe.
void register_lifting(CompositeId op, Lifting lift);
// Every registered lifting pass, in order.
Model lift_composites(const Model& m);

// Sums of independent scalar draws of one distribution with the same parameters
// (x1 + x2 + ... + xn, each xi used once and not visible) become one closed
// iid_sum(dist, n) composite; everything else is kept as it is.
Model recognize_iid_sums(const Model& m);
// A Gaussian random walk written element by element (x[1] ~ normal(m, s),
// x[t] ~ normal(x[t-1], s), a stack variable) becomes one closed random_walk(m, s);
// element-wise Gaussian observations of it, y[t] ~ normal(x[t], q) for every t,
// one vector draw normal(x, q). Other models are returned as they are.
Model recognize_random_walks(const Model& m);
// Group effects written as a loop: a nuisance vector draw theta ~ normal(mu, tau) [J]
// (scalar mu, tau) used only as the mean of normal observations of its shape becomes
// one closed hierarchical_normal(mu, tau) [J]. Other models are returned as they are.
Model recognize_group_effects(const Model& m);

// The default rule sets: algebra (pointwise identities) and the distribution rules.
std::vector<Rule> default_rules();

// Model <-> e-graph, exposed for tests and benchmarks.
struct Loaded {
  EGraph egraph;
  std::vector<ClassId> node_class;  // class of each model node (kNoClass: not loaded)
};
inline constexpr ClassId kNoClass = static_cast<ClassId>(-1);
// `visible_only`: only the nodes the visible (observed or queried) variables reach;
// what nothing visible reads (a vector of partial sums of which only the last is
// monitored) plays no part in their distribution.
Loaded to_egraph(const Model& m, bool visible_only = false);
Model from_egraph(const Model& source, const EGraph& g, const std::vector<ClassId>& node_class, const Extraction& ex);

}  // namespace alea::rewrite
