// Bottom-up cost extraction with the site validity check and fallback.
#include "alea/rewrite/extract.hpp"

#include <limits>
#include <stdexcept>

namespace alea::rewrite {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Best {
  double cost = kInf;
  ENode node;
};

std::map<ClassId, Best> best_terms(const EGraph& g, const std::set<std::uint32_t>& banned) {
  std::map<ClassId, Best> best;
  const std::vector<ClassId> ids = g.class_ids();
  for (bool changed = true; changed;) {
    changed = false;
    for (ClassId c : ids) {
      for (const ENode& n : g.eclass(c).nodes) {
        if (n.op == Op::Draw && banned.count(n.payload)) continue;
        double cost = node_cost(n);
        for (ClassId ch : n.children) {
          auto it = best.find(g.find(ch));
          cost += it == best.end() ? kInf : it->second.cost;
        }
        Best& b = best[c];
        if (cost < b.cost) {
          b = {cost, n};
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
  std::set<std::uint32_t> banned;
  for (;;) {
    const std::map<ClassId, Best> best = best_terms(g, banned);
    Extraction ex;
    // Walk the chosen DAG from the roots; each class once.
    std::map<std::uint32_t, std::uint32_t> introduced_by;  // original site -> draw node site introducing it
    std::vector<ClassId> stack;
    for (ClassId r : roots) stack.push_back(g.find(r));
    std::pair<std::uint32_t, std::uint32_t> conflict{0, 0};
    bool has_conflict = false;
    while (!stack.empty()) {
      const ClassId c = stack.back();
      stack.pop_back();
      if (ex.choice.count(c)) continue;
      auto it = best.find(c);
      if (it == best.end() || it->second.cost == kInf)
        throw std::logic_error("extract: class " + std::to_string(c) + " has no finite term");
      const ENode& n = it->second.node;
      ex.choice.emplace(c, n);
      ex.dag_cost += node_cost(n);
      if (n.op == Op::Draw) {
        ++ex.draws;
        for (std::uint32_t s : g.site(n.payload).cover) {
          auto [pos, fresh] = introduced_by.emplace(s, n.payload);
          if (!fresh && pos->second != n.payload && !has_conflict) {
            conflict = {pos->second, n.payload};
            has_conflict = true;
          }
        }
      }
      for (ClassId ch : n.children) stack.push_back(g.find(ch));
    }
    for (ClassId r : roots) ex.tree_cost += best.at(g.find(r)).cost;
    if (!has_conflict) {
      ex.rejected = {};
      for (std::uint32_t b : banned) {
        std::string covers;
        for (std::uint32_t s : g.site(b).cover) covers += (covers.empty() ? "_s" : ", _s") + std::to_string(s);
        ex.rejected.push_back("replacement ~" + std::to_string(b) + " (covering " + covers +
                              ") not used: some of those sites are still needed elsewhere in the model");
      }
      return ex;
    }
    // Ban a replacement of the conflicting pair (an original draw is never banned);
    // of two replacements, the one covering fewer sites.
    auto [a, b] = conflict;
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

}  // namespace alea::rewrite
