// Pointwise algebra: identities true of every draw, in any context. Guards come from
// the sign analysis (x / x = 1 needs x != 0; exp(log x) = x needs x > 0).
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {

std::vector<Rule> algebra_rules() {
  return {
      // Commutativity is built into matching (pattern.cpp); associativity is a rule,
      // kept from swamping the graph by the scheduler, and not applied where the
      // affine Gaussian form already has the value's distribution (a chain of n
      // additions would be regrouped in O(n^2) ways for nothing).
      rooted(expansive(rw("add-assoc", "(+ (+ ?a ?b) ?c)", "(+ ?a (+ ?b ?c))")), without_gaussian_form()),
      rooted(expansive(rw("add-assoc-rev", "(+ ?a (+ ?b ?c))", "(+ (+ ?a ?b) ?c)")), without_gaussian_form()),
      rooted(expansive(rw("mul-assoc", "(* (* ?a ?b) ?c)", "(* ?a (* ?b ?c))")), without_gaussian_form()),
      rooted(expansive(rw("mul-assoc-rev", "(* ?a (* ?b ?c))", "(* (* ?a ?b) ?c)")), without_gaussian_form()),
      // distributivity, both ways
      rooted(expansive(rw("distribute", "(* ?a (+ ?b ?c))", "(+ (* ?a ?b) (* ?a ?c))")), without_gaussian_form()),
      rooted(expansive(rw("factor", "(+ (* ?a ?b) (* ?a ?c))", "(* ?a (+ ?b ?c))")), without_gaussian_form()),
      // identities
      rw("add-zero", "(+ ?x 0)", "?x"),
      rw("mul-one", "(* ?x 1)", "?x"),
      rw("mul-zero", "(* ?x 0)", "0"),
      rw("sub-self", "(- ?x ?x)", "0"),
      rw("sub-as-add", "(- ?a ?b)", "(+ ?a (* -1 ?b))"),
      rw("neg-as-mul", "(neg ?x)", "(* -1 ?x)"),
      rw("div-self", "(/ ?x ?x)", "1", {nonzero("?x")}),
      rw("div-one", "(/ ?x 1)", "?x"),
      rw("div-as-pow", "(/ ?a ?b)", "(* ?a (pow ?b -1))", {nonzero("?b")}),
      rw("add-self", "(+ ?x ?x)", "(* 2 ?x)"),
      rw("collect", "(+ ?x (* ?c ?x))", "(* (+ ?c 1) ?x)"),
      rw("cancel", "(+ ?x (* -1 ?x))", "0"),
      // powers
      rw("mul-self", "(* ?x ?x)", "(square ?x)"),
      rw("square-as-pow", "(square ?x)", "(pow ?x 2)"),
      rw("pow-one", "(pow ?x 1)", "?x"),
      rw("pow-zero", "(pow ?x 0)", "1"),
      rw("pow-mul", "(* (pow ?x ?a) (pow ?x ?b))", "(pow ?x (+ ?a ?b))", {positive("?x")}),
      rw("pow-pow", "(pow (pow ?x ?a) ?b)", "(pow ?x (* ?a ?b))", {positive("?x")}),
      rw("sqrt-as-pow", "(sqrt ?x)", "(pow ?x 0.5)", {nonnegative("?x")}),
      rw("sqrt-square", "(sqrt (square ?x))", "(abs ?x)"),
      rw("abs-nonneg", "(abs ?x)", "?x", {nonnegative("?x")}),
      // exp and log
      rw("log-exp", "(log (exp ?x))", "?x"),
      rw("exp-log", "(exp (log ?x))", "?x", {positive("?x")}),
      rw("exp-add", "(exp (+ ?a ?b))", "(* (exp ?a) (exp ?b))"),
      rw("log-mul", "(log (* ?a ?b))", "(+ (log ?a) (log ?b))", {positive("?a"), positive("?b")}),
      rw("log-pow", "(log (pow ?x ?a))", "(* ?a (log ?x))", {positive("?x")}),
      rw("log1p", "(log (+ 1 ?x))", "(log1p ?x)"),
      rw("expm1", "(+ (exp ?x) -1)", "(expm1 ?x)"),
      rw("logit-logistic", "(logit (logistic ?x))", "?x"),
      rw("logistic-logit", "(logistic (logit ?x))", "?x", {[](const EGraph& g, const Match& m) {
           return g.data(m["?x"]).range.in_unit_open();
         }}),
  };
}

}  // namespace alea::rewrite
