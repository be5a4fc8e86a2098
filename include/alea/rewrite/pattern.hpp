// Patterns over the e-graph, written as s-expressions that read like the maths:
//   (+ ?x 0)                        an op with a variable and a constant
//   (+ (normal ?a ?s) (normal ?b ?t))   draws match by distribution name
// Variables are ?name; numbers are scalar constants; ops use the names of op.hpp
// ("+", "-", "*", "/", "neg", "exp", "log", "pow", "sum", ...).
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "alea/rewrite/egraph.hpp"

namespace alea::rewrite {

struct PatternNode {
  enum class Kind { Var, Constant, Op, Draw } kind = Kind::Var;
  std::string var;                  // Var
  double constant = 0;              // Constant
  Op op = Op::Constant;             // Op
  DistKind dist = DistKind::Normal; // Draw
  std::vector<PatternNode> children;
};

// Throws std::invalid_argument naming the position of a syntax error.
PatternNode parse_pattern(std::string_view text);
std::string to_string(const PatternNode& p);

// A draw that a pattern matched: its class and the site of the node.
struct DrawHit {
  ClassId eclass;
  std::uint32_t site;
};

struct Match {
  ClassId root;  // the class the (first) pattern matched
  std::map<std::string, ClassId> subst;
  std::vector<DrawHit> draws;  // in pattern order
  ClassId operator[](const std::string& var) const { return subst.at(var); }
};

// Every match of `p` rooted at class `c`.
void match_class(const EGraph& g, const PatternNode& p, ClassId c, std::vector<Match>& out);
// Every match of `p` in the e-graph (candidates from the op index).
std::vector<Match> search(const EGraph& g, const PatternNode& p, std::size_t limit = SIZE_MAX);
// Matches of several patterns that agree on their shared variables (a multi-pattern).
std::vector<Match> search_multi(const EGraph& g, const std::vector<PatternNode>& ps, std::size_t limit = SIZE_MAX);

// Adds the pattern's instance under the match's substitution. A constant at the
// root takes the shape of `shape_like`. Draws become replacements covering `cover`.
ClassId instantiate(EGraph& g, const PatternNode& p, const Match& m, ClassId shape_like, const SiteSet& cover);

}  // namespace alea::rewrite
