// Test helpers for the rewrite engine: terms written as patterns over named
// classes, equivalence after saturation, and evaluation of extracted terms.
#pragma once
#include <map>
#include <string>

#include "alea/dist/ops.hpp"
#include "alea/rewrite/extract.hpp"
#include "alea/rewrite/pattern.hpp"
#include "alea/rewrite/rules.hpp"
#include "alea/rewrite/runner.hpp"

namespace alea::test {

// An e-graph with named leaves ?x, ?y, ... bound to classes.
struct TermGraph {
  rewrite::EGraph g;
  rewrite::Match leaves;
  std::uint32_t next_site = 0;

  // ?name as a fresh draw of `dist` with constant parameters.
  void leaf_draw(const std::string& name, DistKind dist, std::vector<double> params) {
    std::vector<rewrite::ClassId> ps;
    for (double p : params) ps.push_back(g.add_constant(Value(p)));
    leaves.subst[name] = g.add_site_draw(dist, ps, Shape{}, next_site++);
  }
  rewrite::ClassId term(const std::string& text) {
    const rewrite::PatternNode p = rewrite::parse_pattern(text);
    rewrite::ClassId shape_like = leaves.subst.empty() ? g.add_constant(Value(0.0)) : leaves.subst.begin()->second;
    return rewrite::instantiate(g, p, leaves, shape_like, {});
  }
};

// Value of the extracted term of class c, with original draws' sites valued by `sites`.
inline double eval_extracted(const rewrite::EGraph& g, const rewrite::Extraction& ex, rewrite::ClassId c,
                             const std::map<std::uint32_t, double>& sites) {
  const rewrite::ENode& n = ex.choice.at(g.find(c));
  if (n.op == Op::Constant) return g.constant(n.payload).scalar();
  if (n.op == Op::Draw) return sites.at(n.payload);
  std::vector<Value> in;
  for (rewrite::ClassId ch : n.children) in.push_back(Value(eval_extracted(g, ex, ch, sites)));
  return dist::evaluate(n.op, in).scalar();
}

}  // namespace alea::test
