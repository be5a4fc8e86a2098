// The conjugacy planner. Model scale is handled by variable elimination over the
// named-variable DAG, not by multi-pattern rules in the e-graph (docs/design.md, Two
// scales): for a latent L with an observed child Y whose law matches a conjugate pair
// (conjugacy_rules.hpp), Y's draw is replaced by its marginal (free of L) and L's by its
// posterior given Y, p(L) p(Y | L) = p(Y) p(L | Y). Expression-scale forms (a + b * mu,
// e * lambda, 1/sqrt(tau)) are recognized by matching Y's parameter nodes against L.
// The planner repeats until no pair fires, so a latent conjugate to several children
// absorbs them one at a time, and chains collapse (mu -> theta[j] -> y[j]: once theta
// is integrated out of y's law, mu is conjugate to y's marginal). An application that
// would make the variable graph cyclic is undone. The result is emitted as a new Model
// in a topological order of the rewritten dependencies.
#include "alea/rewrite/conjugacy.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

#include "conjugacy_rules.hpp"

namespace alea::rewrite {
namespace {

using detail::PairInput;
using detail::PairOutput;

constexpr detail::PairRule kRules[] = {&detail::normal_mean_rule, &detail::normal_precision_rule,
                                       &detail::normal_gamma_rule,
                                       &detail::gamma_rate_rules, &detail::beta_rules, &detail::dirichlet_rules,
                                       &detail::mv_normal_rule, &detail::mv_normal_scale_rule};

struct PlanVar {
  std::string name;
  NodeId node;
  bool draw = false;      // a single Draw (a candidate latent or child)
  bool observed = false;
  bool data = false;
};

class Planner {
 public:
  explicit Planner(const Model& m) : source_(m), g_(m.graph()) {
    for (const Variable& v : m.variables()) {
      PlanVar p{v.name, v.node, !v.is_data && g_.node(v.node).op == Op::Draw, v.observed.has_value(), v.is_data};
      if (p.draw) set_owner(v.node, static_cast<int>(vars_.size()));
      // The draws of an array defined element by element belong to it when a latent is
      // classified (an observed variable reading x[3] depends on x).
      if (!v.is_data && g_.node(v.node).op == Op::Stack)
        for (NodeId e : stacked_leaves(g_, v.node))
          if (g_.node(e).op == Op::Draw) element_owner_.emplace(e, static_cast<int>(vars_.size()));
      vars_.push_back(std::move(p));
    }
  }

  void run() {
    for (int round = 0; round < 100000 && step(); ++round) {
    }
  }

  Factorization finish() {
    Factorization f{emit(), {}, {}, std::move(trace_)};
    std::vector<std::set<int>> deps;
    for (const PlanVar& v : vars_) deps.push_back(v.data ? std::set<int>{} : deps_of(roots(v), nullptr, true));
    for (std::size_t k = 0; k < vars_.size(); ++k) {
      const PlanVar& v = vars_[k];
      if (v.data || v.observed || !source_.is_stochastic(v.name)) continue;
      (observed_descendant(k, deps) ? f.remaining : f.exact).push_back(v.name);
    }
    for (const std::string& a : anonymous_) f.remaining.push_back(a);
    return f;
  }

 private:
  void set_owner(NodeId id, int var) {
    if (owner_.size() <= id) owner_.resize(id + 1, -1);
    owner_[id] = var;
  }
  int owner(NodeId id) const { return id < owner_.size() ? owner_[id] : -1; }

  // The nodes a variable's law is computed from: a draw's parameters, a stack's
  // elements' parameters, a deterministic variable's node.
  std::vector<NodeId> roots(const PlanVar& v) const {
    const Node& n = g_.node(v.node);
    if (v.draw) return n.inputs;
    if (n.op == Op::Stack) {
      std::vector<NodeId> out;
      std::vector<NodeId> leaves = stacked_leaves(g_, v.node);
      if (leaves.empty()) leaves = n.inputs;
      for (NodeId e : leaves) {
        const Node& en = g_.node(e);
        if (en.op == Op::Draw) out.insert(out.end(), en.inputs.begin(), en.inputs.end());
        else out.push_back(e);
      }
      return out;
    }
    return {v.node};
  }

  // The variables whose values the given nodes read (stopping at their draws); `anon` an anonymous draw is on the way.
  // is set when an anonymous draw is on the way; `elements`: an element's draw counts as
  // its array.
  std::set<int> deps_of(const std::vector<NodeId>& from, bool* anon = nullptr, bool elements = false) const {
    std::set<int> out;
    std::vector<NodeId> stack = from;
    std::set<NodeId> seen;
    while (!stack.empty()) {
      const NodeId id = stack.back();
      stack.pop_back();
      if (!seen.insert(id).second) continue;
      if (int o = owner(id); o >= 0) {
        out.insert(o);
        continue;
      }
      if (const auto e = element_owner_.find(id); elements && e != element_owner_.end()) {
        out.insert(e->second);
        continue;
      }
      const Node& n = g_.node(id);
      if (n.op == Op::Draw && anon) *anon = true;
      stack.insert(stack.end(), n.inputs.begin(), n.inputs.end());
    }
    return out;
  }

  std::vector<std::set<int>> all_deps() const {
    std::vector<std::set<int>> d;
    for (const PlanVar& v : vars_) d.push_back(v.data ? std::set<int>{} : deps_of(roots(v)));
    return d;
  }

  bool observed_descendant(std::size_t k, const std::vector<std::set<int>>& deps) const {
    std::vector<char> seen(vars_.size(), 0);
    std::vector<std::size_t> todo{k};
    while (!todo.empty()) {
      const std::size_t x = todo.back();
      todo.pop_back();
      for (std::size_t c = 0; c < vars_.size(); ++c)
        if (!seen[c] && deps[c].count(static_cast<int>(x))) {
          seen[c] = 1;
          if (vars_[c].observed) return true;
          todo.push_back(c);
        }
    }
    return false;
  }

  bool acyclic() const {
    const auto deps = all_deps();
    std::vector<int> state(vars_.size(), 0);
    std::function<bool(int)> visit = [&](int k) {
      if (state[k] == 1) return false;
      if (state[k] == 2) return true;
      state[k] = 1;
      for (int d : deps[k])
        if (!visit(d)) return false;
      state[k] = 2;
      return true;
    };
    for (std::size_t k = 0; k < vars_.size(); ++k)
      if (!visit(static_cast<int>(k))) return false;
    return true;
  }

  // One rule application, the first that fits; false when none does.
  bool step() {
    for (std::size_t l = 0; l < vars_.size(); ++l) {
      if (!vars_[l].draw || vars_[l].observed) continue;
      for (std::size_t y = 0; y < vars_.size(); ++y) {
        if (!vars_[y].draw || !vars_[y].observed) continue;
        if (!deps_of(g_.node(vars_[y].node).inputs).count(static_cast<int>(l))) continue;
        if (try_pair(l, y)) return true;
      }
    }
    return false;
  }

  bool try_pair(std::size_t l, std::size_t y) {
    const int latent = static_cast<int>(l);
    std::vector<signed char> memo;
    std::function<bool(NodeId)> depends = [&](NodeId id) -> bool {
      if (memo.size() <= id) memo.resize(id + 1, -1);
      if (memo[id] >= 0) return memo[id] != 0;
      bool r = false;
      if (int o = owner(id); o >= 0) {
        r = o == latent;
      } else {
        for (NodeId i : g_.node(id).inputs)
          if (depends(i)) r = true;
      }
      if (memo.size() <= id) memo.resize(id + 1, -1);
      memo[id] = r ? 1 : 0;
      return r;
    };
    PairInput in{g_, vars_[l].node, vars_[y].node, depends, [&](NodeId id) { return owner(id) == latent; },
                 [&](NodeId id) { return owner(id); }};
    for (detail::PairRule rule : kRules) {
      std::optional<PairOutput> out = rule(in);
      if (!out) continue;
      const NodeId old_l = vars_[l].node, old_y = vars_[y].node;
      NodeId new_y, new_l;
      try {
        new_y = g_.draw(out->marginal_kind, out->marginal_params, g_.node(old_y).shape);
        new_l = g_.draw(out->posterior_kind, out->posterior_params, g_.node(old_l).shape);
      } catch (const std::invalid_argument&) {
        continue;  // shapes that do not fit this rule's marginal: try the next
      }
      vars_[y].node = new_y;
      vars_[l].node = new_l;
      set_owner(new_y, static_cast<int>(y));
      set_owner(new_l, latent);
      if (!acyclic()) {
        vars_[y].node = old_y;
        vars_[l].node = old_l;
        continue;
      }
      trace_.push_back(out->rule + ": " + vars_[y].name + " ~ " + std::string(dist_info(out->marginal_kind).name) +
                       " (" + vars_[l].name + " integrated out); " + vars_[l].name + " | " + vars_[y].name + " ~ " +
                       std::string(dist_info(out->posterior_kind).name));
      return true;
    }
    return false;
  }

  // ---- emission: a new Model in a topological order of the rewritten dependencies ----
  Model emit() {
    Model out;
    std::vector<std::optional<NodeId>> memo(g_.size());
    std::vector<NodeId> final_node(vars_.size());
    std::vector<char> done(vars_.size(), 0);
    std::function<NodeId(NodeId)> copy = [&](NodeId id) -> NodeId {
      if (memo[id]) return *memo[id];
      if (int o = owner(id); o >= 0) {
        if (!done[static_cast<std::size_t>(o)]) throw std::logic_error("conjugacy: variable emitted out of order");
        return final_node[static_cast<std::size_t>(o)];
      }
      const Node n = g_.node(id);
      NodeId r;
      if (n.op == Op::Constant) {
        r = out.graph().constant(*n.constant);
      } else {
        std::vector<NodeId> in;
        for (NodeId i : n.inputs) in.push_back(copy(i));
        r = n.op == Op::Draw ? out.graph().draw(n.dist, std::move(in), n.shape) : out.graph().apply(n.op, std::move(in));
      }
      memo[id] = r;
      return r;
    };
    const auto deps = all_deps();
    std::function<void(std::size_t)> place = [&](std::size_t k) {
      if (done[k]) return;
      for (int d : deps[k]) place(static_cast<std::size_t>(d));
      const PlanVar& v = vars_[k];
      const Variable& src = source_.variable(v.name);
      if (v.data) {
        final_node[k] = out.data(v.name, *g_.node(v.node).constant, src.loc).id();
        memo[v.node] = final_node[k];
      } else if (v.draw) {
        const Node n = g_.node(v.node);
        DistCall call{n.dist, {}};
        for (NodeId p : n.inputs) call.params.emplace_back(Expr(out.graph_ptr(), copy(p)));
        final_node[k] = out.random(v.name, call, n.shape, src.loc).id();
      } else {
        final_node[k] = out.define(v.name, Expr(out.graph_ptr(), copy(v.node)), src.loc).id();
      }
      done[k] = 1;
      if (src.observed) out.observe(v.name, *src.observed);
    };
    for (std::size_t k = 0; k < vars_.size(); ++k) place(k);
    std::vector<std::string> queried;
    bool nuisance = false;
    for (const Variable& v : source_.variables()) {
      const Role r = source_.role(v.name);
      if (r == Role::Queried) queried.push_back(v.name);
      nuisance = nuisance || r == Role::Nuisance;
    }
    if (nuisance) out.monitor(queried);
    for (std::size_t k = 0; k < vars_.size(); ++k) {
      if (!vars_[k].observed) continue;
      bool anon = false;
      deps_of(roots(vars_[k]), &anon);
      if (anon) anonymous_.push_back("an anonymous draw that '" + vars_[k].name + "' depends on");
    }
    return out;
  }

  const Model& source_;
  std::map<NodeId, int> element_owner_;  // a draw of an array defined element by element -> the array
  Graph g_;
  std::vector<PlanVar> vars_;
  std::vector<int> owner_;
  std::vector<std::string> trace_;
  std::vector<std::string> anonymous_;
};

}  // namespace

Factorization conjugate(const Model& m) {
  Planner p(m);
  p.run();
  return p.finish();
}

}  // namespace alea::rewrite
