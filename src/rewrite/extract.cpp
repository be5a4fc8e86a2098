// Bottom-up cost extraction with the site validity check and fallback.
#include "alea/rewrite/extract.hpp"

#include <algorithm>
#include <limits>

#include "alea/graph/composite.hpp"
#include "alea/graph/graph.hpp"
#include <stdexcept>

namespace alea::rewrite {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kMaxSharingClasses = 400;

struct Best {
  double cost = kInf;
  const ENode* node = nullptr;
};

// Bottom-up fixpoint of the cheapest term per class (indexed by canonical id).
std::vector<Best> best_terms(const EGraph& g, const std::vector<ClassId>& ids, const std::set<std::uint32_t>& banned) {
  std::vector<Best> best(ids.empty() ? 0 : ids.back() + 1);
  for (bool changed = true; changed;) {
    changed = false;
    for (ClassId c : ids) {
      for (const ENode& n : g.eclass(c).nodes) {
        if (is_site(n.op) && banned.count(n.payload)) continue;
        double cost = node_cost(n);
        for (ClassId ch : n.children) cost += best[g.find(ch)].cost;
        Best& b = best[c];
        if (cost < b.cost) {
          b = {cost, &n};
          changed = true;
        }
      }
    }
  }
  return best;
}

// The classes reachable from the roots through the choice; with `limit`, an empty set
// as soon as there are more than that (a large extraction: no set of them is built).
std::set<ClassId> reachable(const EGraph& g, const std::vector<ClassId>& roots, const std::vector<const ENode*>& choice,
                            std::size_t limit = SIZE_MAX) {
  std::set<ClassId> seen;
  std::vector<ClassId> stack;
  for (ClassId r : roots) stack.push_back(g.find(r));
  while (!stack.empty()) {
    const ClassId c = stack.back();
    stack.pop_back();
    if (!seen.insert(c).second) continue;
    if (seen.size() > limit) return {};
    for (ClassId ch : choice[c]->children) stack.push_back(g.find(ch));
  }
  return seen;
}

// Whether `target` is reachable from `from` through the choice: a search that stops at
// the target, with a visited mask the caller keeps (cleared here for what it marked).
// Its reach from one class can be the whole e-graph (a chain of 200,000 additions): a
// set of every class passed held tens of MB for a yes or no.
bool reaches(const EGraph& g, ClassId from, ClassId target, const std::vector<const ENode*>& choice,
             std::vector<char>& visited) {
  std::vector<ClassId> stack{from}, marked;
  bool found = false;
  while (!stack.empty() && !found) {
    const ClassId c = stack.back();
    stack.pop_back();
    if (visited[c]) continue;
    visited[c] = 1;
    marked.push_back(c);
    if (c == target) found = true;
    else
      for (ClassId ch : choice[c]->children) stack.push_back(g.find(ch));
  }
  for (ClassId c : marked) visited[c] = 0;
  return found;
}

double dag_cost(const std::set<ClassId>& classes, const std::vector<const ENode*>& choice) {
  double cost = 0;
  for (ClassId c : classes) cost += node_cost(*choice[c]);
  return cost;
}

// The cost of what choosing a node with child k adds to `current`: the classes below
// k (by `choice`) that `current` does not compute yet, each once across the node's
// children (`seen`): a node that uses one draw twice, as H H' does, pays for it once.
double added_cost(const EGraph& g, ClassId k, const std::set<ClassId>& current, const std::vector<const ENode*>& choice,
                  std::set<ClassId>& seen) {
  double cost = 0;
  std::vector<ClassId> stack{k};
  while (!stack.empty()) {
    const ClassId c = stack.back();
    stack.pop_back();
    if (current.count(c) || !seen.insert(c).second) continue;
    if (!choice[c]) return kInf;  // no finite term
    cost += node_cost(*choice[c]);
    for (ClassId ch : choice[c]->children) stack.push_back(g.find(ch));
  }
  return cost;
}

// Tree costs count a subterm once per use. Starting from the tree-cost choice,
// re-choose each reachable class's node counting children that the current
// choice already computes as free, and keep a round only if the DAG cost (every
// shared subterm once) drops. A node whose child reaches back to its own class is
// never chosen, so the choice stays acyclic.
std::vector<const ENode*> tree_choice(const std::vector<Best>& best) {
  std::vector<const ENode*> choice(best.size(), nullptr);
  for (std::size_t c = 0; c < best.size(); ++c) choice[c] = best[c].node;
  return choice;
}

std::vector<const ENode*> improve_sharing(const EGraph& g, const std::vector<ClassId>& roots,
                                          const std::vector<Best>& best, const std::set<std::uint32_t>& banned) {
  std::vector<const ENode*> choice = tree_choice(best);
  // The cycle checks are quadratic: large extractions keep the tree-cost choice.
  std::set<ClassId> current = reachable(g, roots, choice, kMaxSharingClasses);
  if (current.empty()) return choice;
  double cost = dag_cost(current, choice);
  const int rounds = 4;
  std::vector<char> visited(rounds > 0 ? choice.size() : 0, 0);
  for (int round = 0; round < rounds; ++round) {
    std::vector<const ENode*> next = choice;
    for (ClassId c : current) {
      double best_eval = kInf;
      for (const ENode& n : g.eclass(c).nodes) {
        if (is_site(n.op) && banned.count(n.payload)) continue;
        double eval = node_cost(n);
        bool cyclic = false;
        std::set<ClassId> seen;
        for (ClassId ch : n.children) {
          const ClassId k = g.find(ch);
          // Checked against the choice as it evolves in this round, so that two
          // re-choices cannot close a cycle between them.
          if (k == c || reaches(g, k, c, next, visited)) cyclic = true;
          if (!cyclic) eval += added_cost(g, k, current, choice, seen);
        }
        // Fewer draws stay first: never trade a draw for shared ops.
        if (!cyclic && eval < best_eval && is_site(n.op) == is_site(choice[c]->op)) {
          best_eval = eval;
          next[c] = &n;
        }
      }
    }
    const std::set<ClassId> next_reach = reachable(g, roots, next);
    const double next_cost = dag_cost(next_reach, next);
    if (!(next_cost < cost - 1e-9)) break;
    choice = std::move(next);
    current = next_reach;
    cost = next_cost;
  }
  // Then single switches judged by the whole choice's DAG cost: a local re-choice
  // counts a child as free when the node it replaces is what computes it (the
  // readout a marginal makes unneeded), so it cannot see that dropping a node frees
  // its subterms.
  for (int pass = 0; pass < rounds; ++pass) {
    bool improved = false;
    const std::vector<ClassId> classes(current.begin(), current.end());
    for (ClassId c : classes) {
      if (!current.count(c) || g.eclass(c).nodes.size() < 2) continue;
      const ENode* was = choice[c];
      for (const ENode& n : g.eclass(c).nodes) {
        if (&n == was || (is_site(n.op) && banned.count(n.payload)) || is_site(n.op) != is_site(was->op)) continue;
        choice[c] = &n;
        bool ok = true;
        for (ClassId ch : n.children) ok = ok && choice[g.find(ch)] && !reaches(g, g.find(ch), c, choice, visited);
        std::set<ClassId> reach;
        const double trial = ok ? dag_cost(reach = reachable(g, roots, choice), choice) : kInf;
        if (trial < cost - 1e-9) {
          current = std::move(reach);
          cost = trial;
          improved = true;
          break;
        }
        choice[c] = was;
      }
    }
    if (!improved) break;
  }
  return choice;
}

}  // namespace

double node_cost(const ENode& n) {
  switch (n.op) {
    case Op::Draw: return kDrawCost;
    // A closed composite stands for several draws: it counts as 2^level of them, so
    // that one draw equal to it is cheaper, and so is a right side that keeps a
    // composite one level down and adds a draw (a model op's marginal over its layers).
    case Op::Composite: return static_cast<double>(1 << std::min(composite_def(n.composite).level, 20)) * kDrawCost;
    case Op::Constant: return 0.1;
    case Op::Add: case Op::Sub: case Op::Mul: case Op::Neg: case Op::Index: case Op::Stack: return 1;
    case Op::Div: case Op::Square: case Op::Abs: case Op::Min: case Op::Max: case Op::Sum: case Op::Step:
    case Op::Equals: return 2;
    case Op::Pow: return 8;
    default: return 4;
  }
}

Extraction extract(const EGraph& g, const std::vector<ClassId>& roots) {
  const std::vector<ClassId> ids = g.class_ids();
  std::set<std::uint32_t> banned;
  // Walks the chosen DAG from the roots, each class once, into `ex`, noting which draw
  // introduces each original site; returns every conflict of the choice.
  using Conflicts = std::set<std::pair<std::uint32_t, std::uint32_t>>;
  const auto walk = [&](const std::vector<const ENode*>& choice, Extraction& ex) {
    constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
    std::vector<std::uint32_t> introduced_by(g.site_count(), kNone);  // by original site
    Conflicts conflicts;
    std::vector<ClassId> stack;
    for (ClassId r : roots) stack.push_back(g.find(r));
    while (!stack.empty()) {
      const ClassId c = stack.back();
      stack.pop_back();
      if (ex.choice.count(c)) continue;
      if (c >= choice.size() || !choice[c])
        throw std::logic_error("extract: class " + std::to_string(c) + " has no finite term");
      const ENode& n = *choice[c];
      ex.choice.set(c, n);
      ex.dag_cost += node_cost(n);
      if (is_site(n.op)) {
        ++ex.draws;
        for (std::uint32_t s : g.site(n.payload).cover) {
          std::uint32_t& by = introduced_by[s];
          if (by == kNone) by = n.payload;
          else if (by != n.payload) conflicts.emplace(by, n.payload);
        }
      }
      for (ClassId ch : n.children) stack.push_back(g.find(ch));
    }
    return conflicts;
  };
  for (;;) {
    const std::vector<Best> best = best_terms(g, ids, banned);
    // The tree-cost choice's conflicts first: improving its sharing costs far more than
    // a round (it is quadratic in the classes it reaches), and a model whose
    // replacements must be banned one after another takes many rounds.
    Extraction tree, ex;
    Conflicts conflicts = walk(tree_choice(best), tree);
    if (conflicts.empty()) conflicts = walk(improve_sharing(g, roots, best, banned), ex);
    for (ClassId r : roots) ex.tree_cost += best[g.find(r)].cost;
    if (conflicts.empty()) {
      for (std::uint32_t b : banned) {
        std::string covers;
        for (std::uint32_t s : g.site(b).cover) covers += (covers.empty() ? "_s" : ", _s") + std::to_string(s);
        ex.rejected.push_back("replacement ~" + std::to_string(b) + " (covering " + covers +
                              ") not used: some of those sites are still needed elsewhere in the model");
      }
      return ex;
    }
    // Ban one replacement of every conflicting pair (an original draw is never
    // banned); of two replacements, the one covering fewer sites.
    for (auto [a, b] : conflicts) {
      const SiteInfo& sa = g.site(a);
      const SiteInfo& sb = g.site(b);
      std::uint32_t ban;
      if (!sa.replacement) ban = b;
      else if (!sb.replacement) ban = a;
      else ban = sa.cover.size() <= sb.cover.size() ? a : b;
      if (!g.site(ban).replacement) throw std::logic_error("extract: two original draws claim the same site");
      banned.insert(ban);
    }
  }
}

}  // namespace alea::rewrite
