// Patterns over the e-graph, written as s-expressions that read like the maths:
//   (+ ?x 0)                        an op with a variable and a constant
//   (+ (normal ?a ?s) (normal ?b ?t))   draws match by distribution name
//   (index (random_walk ?m ?s) ?i)      closed composites by their name
//   (iid_sum:normal ?n ?m ?s)           ... and their component distribution
// Variables are ?name; numbers are scalar constants; ops use the names of op.hpp
// ("+", "-", "*", "/", "neg", "exp", "log", "pow", "sum", ...).
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "alea/rewrite/egraph.hpp"

namespace alea::rewrite {

struct PatternNode {
  enum class Kind { Var, Constant, Op, Draw, Composite } kind = Kind::Var;
  std::string var;                  // Var
  double constant = 0;              // Constant
  Op op = Op::Constant;             // Op
  DistKind dist = DistKind::Normal; // Draw; Composite with a component distribution
  std::uint16_t composite = 0;      // Composite
  bool any_dist = true;             // Composite: no component distribution named
  std::vector<PatternNode> children;
};

// Throws std::invalid_argument naming the position of a syntax error.
PatternNode parse_pattern(std::string_view text);
std::string to_string(const PatternNode& p);
// The name at the head of an op, draw or composite pattern: "+", "normal", "iid_sum:normal".
std::string head_name(const PatternNode& p);

// A draw (or closed composite) that a pattern matched: its class and the site of the node.
struct DrawHit {
  ClassId eclass;
  std::uint32_t site;
};

// Variable bindings of a match. Matching copies partial matches a lot, so the
// bindings live inline (no heap allocation for the usual few variables).
class Subst {
 public:
  const ClassId* find(std::string_view var) const {
    for (const auto& [name, cls] : items_)
      if (name == var) return &cls;
    return nullptr;
  }
  ClassId at(std::string_view var) const {
    if (const ClassId* c = find(var)) return *c;
    throw std::out_of_range("pattern variable " + std::string(var) + " is not bound");
  }
  void bind(std::string_view var, ClassId c) { items_.emplace_back(std::string(var), c); }
  ClassId& operator[](std::string_view var) {
    for (auto& [name, cls] : items_)
      if (name == var) return cls;
    items_.emplace_back(std::string(var), 0);
    return items_.back().second;
  }
  bool empty() const { return items_.empty(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  boost::container::small_vector<std::pair<std::string, ClassId>, 6> items_;
};

struct Match {
  ClassId root = 0;  // the class the (first) pattern matched
  Subst subst;
  boost::container::small_vector<DrawHit, 4> draws;  // in pattern order
  ClassId operator[](std::string_view var) const { return subst.at(var); }
};

// Every match of `p` rooted at class `c`.
void match_class(const EGraph& g, const PatternNode& p, ClassId c, std::vector<Match>& out);
// Which classes a search may root a match at (Rule::roots); null: every class.
using RootFilter = std::function<bool(const EGraph&, ClassId)>;
// Every match of `p` in the e-graph (candidates from the op index) at roots `roots` admits.
std::vector<Match> search(const EGraph& g, const PatternNode& p, std::size_t limit = SIZE_MAX,
                          const RootFilter& roots = nullptr);
// Matches of several patterns that agree on their shared variables (a multi-pattern);
// `roots` filters the first pattern's, the match's root.
std::vector<Match> search_multi(const EGraph& g, const std::vector<PatternNode>& ps, std::size_t limit = SIZE_MAX,
                                const RootFilter& roots = nullptr);

// Adds the pattern's instance under the match's substitution. A constant at the
// root takes the shape of `shape_like`. A draw or closed composite at the root is a
// replacement covering `cover` that stands for the match's root; one below the root
// is a fresh random variable (EGraph::add_fresh_site: the latent of a scale mixture,
// a layer inside a model op). Throws std::invalid_argument where the instance does
// not fit the shapes (the rule does not apply).
ClassId instantiate(EGraph& g, const PatternNode& p, const Match& m, ClassId shape_like, const SiteSet& cover);

}  // namespace alea::rewrite
