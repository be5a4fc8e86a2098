// Bottom-up cost extraction with the site validity check and fallback.
#include "alea/rewrite/extract.hpp"

#include <limits>
#include <stdexcept>

namespace alea::rewrite {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

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
        if (n.op == Op::Draw && banned.count(n.payload)) continue;
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

}  // namespace

double node_cost(const ENode& n) {
  switch (n.op) {
    case Op::Draw: return kDrawCost;
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
  for (;;) {
    const std::vector<Best> best = best_terms(g, ids, banned);
    Extraction ex;
    // Walk the chosen DAG from the roots, each class once, noting which draw
    // introduces each original site; collect every conflict of this round.
    std::map<std::uint32_t, std::uint32_t> introduced_by;
    std::set<std::pair<std::uint32_t, std::uint32_t>> conflicts;
    std::vector<ClassId> stack;
    for (ClassId r : roots) stack.push_back(g.find(r));
    while (!stack.empty()) {
      const ClassId c = stack.back();
      stack.pop_back();
      if (ex.choice.count(c)) continue;
      if (c >= best.size() || !best[c].node)
        throw std::logic_error("extract: class " + std::to_string(c) + " has no finite term");
      const ENode& n = *best[c].node;
      ex.choice.emplace(c, n);
      ex.dag_cost += node_cost(n);
      if (n.op == Op::Draw) {
        ++ex.draws;
        for (std::uint32_t s : g.site(n.payload).cover) {
          auto [pos, fresh] = introduced_by.emplace(s, n.payload);
          if (!fresh && pos->second != n.payload) conflicts.emplace(pos->second, n.payload);
        }
      }
      for (ClassId ch : n.children) stack.push_back(g.find(ch));
    }
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
