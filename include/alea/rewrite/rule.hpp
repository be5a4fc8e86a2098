// Rewrite rules: named data with a left side (a pattern, or several sharing
// variables), guards on the analyses, and a right side (a pattern or a computed
// applier). A pointwise rule states an identity true of every draw; a
// distributional rule states an equality in distribution of its left side's
// marginal, and its right side's draws become replacements covering the sites of
// the draws it matched (docs/design.md, Semantics).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "alea/rewrite/pattern.hpp"

namespace alea::rewrite {

enum class RuleKind { Pointwise, Distributional };

using Guard = std::function<bool(const EGraph&, const Match&)>;
// Adds the right side and returns its class (to merge with the match's root), or
// nothing when the rule does not apply after all.
using Applier = std::function<std::optional<ClassId>(EGraph&, const Match&)>;

struct Rule {
  std::string name;
  RuleKind kind = RuleKind::Pointwise;
  std::vector<PatternNode> lhs;
  std::optional<PatternNode> rhs;
  Applier apply;  // used when rhs is empty
  std::vector<Guard> guards;
  std::string lhs_text, rhs_text;  // as written, for the trace
  // Grows the e-graph without simplifying by itself (associativity,
  // distributivity): run only after the other rules have saturated.
  bool expansive = false;
  // The classes worth searching at (null: all), checked before matching so that the
  // classes it leaves out cost nothing and do not count towards the scheduler's
  // match limit. A filter for speed, not soundness: guards decide what may apply.
  RootFilter roots;
};

// Marks a rule as expansive.
Rule expansive(Rule r);

// rw("add-zero", "(+ ?x 0)", "?x"): a pointwise rule from patterns.
Rule rw(std::string name, std::string_view lhs, std::string_view rhs, std::vector<Guard> guards = {});
// A distributional rule from patterns.
Rule dist_rw(std::string name, std::string_view lhs, std::string_view rhs, std::vector<Guard> guards = {});
// A rule with a computed right side.
Rule computed(std::string name, RuleKind kind, std::string_view lhs, Applier apply, std::vector<Guard> guards = {},
              std::string rhs_text = "<computed>");

// Applies one match: checks the guards, adds the right side and merges it with the
// root. Returns true when the e-graph changed.
bool apply_match(EGraph& g, const Rule& r, const Match& m);

// The union of the covers of the matched draws' nodes.
SiteSet matched_cover(const EGraph& g, const Match& m);

// Common guards.
Guard positive(std::string var);        // every element > 0
Guard nonnegative(std::string var);     // every element >= 0
Guard nonzero(std::string var);
Guard is_constant(std::string var);
Guard is_scalar(std::string var);
Guard same_shape(std::string a, std::string b);
// The matched draws are mutually independent given their parameters: no draw's
// cover meets the site set of another matched draw's class.
Guard draws_independent();
// No matched draw's cover meets the sites of `var` (x + c with c independent of x).
Guard independent_of(std::string var);
// Every matched draw has the shape of the match's root: a scalar draw broadcast
// over a vector is one draw, not independent ones, so it must not become an iid
// vector draw.
Guard draws_shaped_like_root();
// Roots without an unconditional affine Gaussian form (analysis.hpp): for rules the
// form subsumes, which would otherwise rebuild what it folded.
RootFilter without_gaussian_form();
// Roots where a chain of affine Gaussian forms ends: a class with a form that some
// parent does not extend (or that has no parent). The classes inside the chain need
// no replacement of their own.
RootFilter ending_gaussian_form();
// Roots without a form or where a chain of them ends.
RootFilter outside_gaussian_chain();
// A rule with these roots.
Rule rooted(Rule r, RootFilter roots);

}  // namespace alea::rewrite
