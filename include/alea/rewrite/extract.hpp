// Extraction: the cheapest term of each class, where fewer primitive random draws
// come first and then fewer and cheaper ops (shared subterms counted once: a
// tree-cost choice is improved for sharing), subject to the validity check of
// docs/design.md, Semantics: every site is introduced once, by its own draw or by
// one replacement that covers it. An invalid choice bans the offending replacement and extraction
// runs again, so the result falls back to the next best valid choice.
#pragma once
#include <stdexcept>
#include <string>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "alea/rewrite/egraph.hpp"

namespace alea::rewrite {

// Cost of one node, not counting its children.
double node_cost(const ENode& n);
inline constexpr double kDrawCost = 1e6;

// The chosen node of each class reachable from the roots, by canonical class id: a
// pointer into the e-graph (valid while it lives and is not changed), 8 bytes a class.
class Choice {
 public:
  const ENode& at(ClassId c) const {
    if (c >= nodes_.size() || !nodes_[c]) throw std::out_of_range("extraction: no choice for class " + std::to_string(c));
    return *nodes_[c];
  }
  std::size_t count(ClassId c) const { return c < nodes_.size() && nodes_[c] ? 1 : 0; }
  void set(ClassId c, const ENode& n) {
    if (c >= nodes_.size()) nodes_.resize(c + 1, nullptr);
    nodes_[c] = &n;
  }

 private:
  std::vector<const ENode*> nodes_;
};

struct Extraction {
  Choice choice;                     // for every class reachable from the roots
  double tree_cost = 0;              // of the tree-cost choice, shared subterms counted at each use
  double dag_cost = 0;               // of the result, every shared subterm counted once
  std::size_t draws = 0;             // primitive random draws in the result
  std::vector<std::string> rejected; // replacements banned by the validity check, and why
};

// Throws std::logic_error if some root has no finite-cost term (cannot happen for
// e-graphs built from a model).
Extraction extract(const EGraph& g, const std::vector<ClassId>& roots);

}  // namespace alea::rewrite
