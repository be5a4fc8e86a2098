// Model -> e-graph -> saturated e-graph -> extracted model, level by level.
#include "alea/rewrite/simplify.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "alea/model/composite.hpp"
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {

Loaded to_egraph(const Model& m, bool visible_only) {
  Loaded out;
  const Graph& graph = m.graph();
  out.node_class.assign(graph.size(), kNoClass);
  std::vector<bool> needed(graph.size(), !visible_only);
  if (visible_only) {
    for (const Variable& v : m.variables()) {
      const Role r = m.role(v.name);
      if (r == Role::Observed || r == Role::Queried) needed[v.node] = true;
    }
    for (auto id = static_cast<NodeId>(graph.size()); id-- > 0;)  // inputs come before their users
      if (needed[id])
        for (NodeId i : graph.node(id).inputs) needed[i] = true;
  }
  // The rules add a few classes per model node at most in the runs that matter for
  // memory (long chains fold in the analysis): room for a tenth more.
  const auto loaded = static_cast<std::size_t>(std::count(needed.begin(), needed.end(), true));
  out.egraph.reserve(loaded + loaded / 10);
  for (NodeId id = 0; id < graph.size(); ++id) {
    if (!needed[id]) continue;
    const Node& n = graph.node(id);
    std::vector<ClassId> children;
    for (NodeId i : n.inputs) children.push_back(out.node_class[i]);
    if (n.op == Op::Constant)
      out.node_class[id] = out.egraph.add_constant(*n.constant);
    else if (n.op == Op::Draw)
      out.node_class[id] = out.egraph.add_site_draw(n.dist, std::move(children), n.shape, n.site);
    else if (n.op == Op::Composite)
      out.node_class[id] = out.egraph.add_site_composite(n.composite, n.dist, std::move(children), n.shape, n.site);
    else
      out.node_class[id] = out.egraph.add(ENode{n.op, DistKind::Normal, 0, std::move(children)});
  }
  out.egraph.rebuild();
  return out;
}

namespace {

class Builder {
 public:
  Builder(const EGraph& g, const Extraction& ex, Graph& target) : g_(g), ex_(ex), t_(target) {}

  // A constant equal to named data (whatever its integer or real type) is that data,
  // so the simplified model keeps the data's name where folding recomputed it.
  void name_data(const Value& v, NodeId node) { data_.emplace(std::make_pair(v.shape().dims, v.data()), node); }

  NodeId build(ClassId c) {
    c = g_.find(c);
    if (c < memo_.size() && memo_[c] != kNoNode) return memo_[c];
    const ENode& n = ex_.choice.at(c);
    std::vector<NodeId> inputs;
    for (ClassId ch : n.children) inputs.push_back(build(ch));
    NodeId id;
    if (n.op == Op::Constant) {
      const Value& v = g_.constant(n.payload);
      auto named = data_.find(std::make_pair(v.shape().dims, v.data()));
      id = named != data_.end() ? named->second : t_.constant(v);
    }
    else if (n.op == Op::Draw) id = t_.draw(n.dist, std::move(inputs), g_.site(n.payload).shape);
    else if (n.op == Op::Composite) id = t_.composite(n.composite, n.dist, std::move(inputs), g_.site(n.payload).shape);
    else {
      // The e-graph keeps one order of a + b (by class id, which depends on the order
      // things were added); the output puts operands in a structural order instead, so
      // that simplifying a simplified model prints it the same way: constants, then
      // terms free of draws (data: b[i] * mu, a[i] + b[i] * mu), then the rest.
      if ((n.op == Op::Add || n.op == Op::Mul) && key(inputs[1]) < key(inputs[0])) std::swap(inputs[0], inputs[1]);
      id = t_.apply(n.op, std::move(inputs));
    }
    if (c >= memo_.size()) memo_.resize(c + 1, kNoNode);
    memo_[c] = id;
    return id;
  }
  bool built(ClassId c) const {
    if (c == kNoClass) return false;
    c = g_.find(c);
    return c < memo_.size() && memo_[c] != kNoNode;
  }

 private:
  // (0 constant, 1 free of draws, 2 with draws; a hash of the structure that does not
  // depend on node ids).
  std::pair<int, std::size_t> key(NodeId id) {
    if (id < keys_.size() && keys_[id].first >= 0) return keys_[id];
    const Node& n = t_.node(id);
    std::size_t h = std::hash<int>{}(static_cast<int>(n.op)) * 31 + static_cast<std::size_t>(n.dist);
    int rank = n.op == Op::Constant ? 0 : n.op == Op::Draw || n.op == Op::Composite ? 2 : 1;
    if (n.constant)
      for (double x : n.constant->data()) h = h * 1000003 ^ std::hash<double>{}(x);
    for (NodeId i : n.inputs) {
      const auto [r, hi] = key(i);
      rank = std::max(rank, r == 0 ? 1 : r);
      h = h * 1000003 ^ hi;
    }
    if (id >= keys_.size()) keys_.resize(id + 1, {-1, 0});
    return keys_[id] = {rank, h};
  }


  const EGraph& g_;
  const Extraction& ex_;
  Graph& t_;
  static constexpr NodeId kNoNode = static_cast<NodeId>(-1);
  std::vector<NodeId> memo_;                       // by canonical class id
  std::vector<std::pair<int, std::size_t>> keys_;  // by node id; rank -1: not computed
  std::map<std::pair<std::vector<std::int64_t>, std::vector<double>>, NodeId> data_;
};

}  // namespace

Model from_egraph(const Model& source, const EGraph& g, const std::vector<ClassId>& node_class, const Extraction& ex) {
  Model out;
  Builder b(g, ex, out.graph());
  for (const Variable& v : source.variables())
    if (v.is_data) {
      const Value& value = *source.graph().node(v.node).constant;
      b.name_data(value, out.data(v.name, value, v.loc).id());
    }
  std::vector<std::string> monitored;
  std::map<std::string, NodeId> named;
  for (const Variable& v : source.variables()) {
    const Role r = source.role(v.name);
    if (r == Role::Observed || r == Role::Queried) named[v.name] = b.build(node_class[v.node]);
    if (r == Role::Queried) monitored.push_back(v.name);
  }
  // Nuisance variables keep their names where a visible variable still needs them.
  for (const Variable& v : source.variables())
    if (!v.is_data && source.role(v.name) == Role::Nuisance && b.built(node_class[v.node]))
      named[v.name] = b.build(node_class[v.node]);
  for (const Variable& v : source.variables()) {
    if (v.is_data) continue;
    auto it = named.find(v.name);
    if (it == named.end()) continue;
    out.define(v.name, Expr(out.graph_ptr(), it->second), v.loc);
    if (v.observed) out.observe(v.name, *v.observed);
  }
  out.monitor(monitored);
  return out;
}

std::vector<Rule> default_rules() {
  std::vector<Rule> rules = algebra_rules();
  for (Rule& r : closure_rules()) rules.push_back(std::move(r));
  for (Rule& r : composite_rules()) rules.push_back(std::move(r));
  return rules;
}

namespace {

// One saturation of `m` and the extraction of its visible variables.
SimplifyResult saturate(const Model& m, const std::vector<Rule>& rules, const SimplifyOptions& options, int level) {
  Loaded loaded = to_egraph(m, true);
  RunReport report = Runner(options.limits).run(loaded.egraph, rules, options.trace);
  // Only extracted from now: the tables for adding and merging go, and for a large
  // e-graph their pages go back to the system (glibc keeps freed memory otherwise, and
  // the extraction's arrays would add to the peak instead of taking their place).
  const bool large = loaded.egraph.node_count() > 100'000;
  loaded.egraph.freeze();
#if defined(__GLIBC__)
  if (large) malloc_trim(0);
#endif
  for (TraceEntry& e : report.trace) e.level = level;
  std::vector<ClassId> roots;
  for (const Variable& v : m.variables()) {
    const Role r = m.role(v.name);
    if (r == Role::Observed || r == Role::Queried) roots.push_back(loaded.node_class[v.node]);
  }
  Extraction ex = extract(loaded.egraph, roots);
  SimplifyResult out{from_egraph(m, loaded.egraph, loaded.node_class, ex), std::move(report), {}, ex.rejected};
  return out;
}

void add_up(RunReport& total, RunReport run) {
  total.reason = run.reason;
  total.iterations += run.iterations;
  total.nodes = run.nodes;
  total.work += run.work;
  total.classes = run.classes;
  total.elapsed += run.elapsed;
  total.base_saturated = run.base_saturated;
  total.base_nodes = run.base_nodes;
  for (TraceEntry& e : run.trace) total.trace.push_back(std::move(e));
}

}  // namespace

namespace {

struct Liftings {
  std::mutex mutex;
  std::vector<Lifting> passes;
  Liftings() {
    passes.emplace_back(recognize_random_walks);  // random_walk
    passes.emplace_back(recognize_group_effects);  // hierarchical_normal
    passes.emplace_back(recognize_iid_sums);  // iid_sum, after the others: their draws are no iid sums
  }
};

Liftings& liftings() {
  static Liftings l;
  return l;
}

}  // namespace

void register_lifting(CompositeId op, Lifting lift) {
  (void)composite_def(op);  // throws for an unknown op
  if (!lift) throw std::invalid_argument("register_lifting: " + composite_def(op).name + ": no pass");
  Liftings& l = liftings();
  const std::lock_guard lock(l.mutex);
  l.passes.push_back(std::move(lift));
}

Model lift_composites(const Model& m) {
  std::vector<Lifting> passes;
  {
    Liftings& l = liftings();
    const std::lock_guard lock(l.mutex);
    passes = l.passes;
  }
  Model out = m;
  for (const Lifting& pass : passes) out = pass(out);
  return out;
}

SimplifyResult simplify(const Model& m, const SimplifyOptions& options) {
  if (options.level && *options.level < 0)
    throw std::invalid_argument("simplify: level " + std::to_string(*options.level) + " is negative; levels are >= 0");
  const std::vector<Rule> rules = options.rules.empty() ? default_rules() : options.rules;
  const bool lift = options.lift.value_or(options.rules.empty());
  SimplifyResult result{lift ? lift_composites(m) : m, {}, {}, {}};
  for (;;) {
    const int level = composite_level(result.model);
    SimplifyResult step = saturate(result.model, rules, options, level);
    result.model = std::move(step.model);
    for (std::string& note : step.notes) result.notes.push_back(std::move(note));
    result.levels.push_back({level, step.report});
    add_up(result.report, std::move(step.report));
    const int left = composite_level(result.model);
    if (left == 0 || (options.level && left <= *options.level)) break;
    result.model = expand_level(result.model, left);
  }
  return result;
}

}  // namespace alea::rewrite
