// Closure rules of the discrete families: sums of independent counts whose
// distributions share the probability (named twice in the pattern: the same class).
// neg_binomial(r, p) and geometric(p) count failures before the r-th / first success.
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {

std::vector<Rule> discrete_closure_rules() {
  const Guard indep = draws_independent();
  const Guard shaped = draws_shaped_like_root();
  return {
      dist_rw("poisson-sum", "(+ (poisson ?a) (poisson ?b))", "(poisson (+ ?a ?b))", {indep, shaped}),
      // Trials with one success probability add up.
      dist_rw("binomial-sum", "(+ (binomial ?n1 ?p) (binomial ?n2 ?p))", "(binomial (+ ?n1 ?n2) ?p)",
              {indep, shaped}),
      dist_rw("bernoulli-sum", "(+ (bernoulli ?p) (bernoulli ?p))", "(binomial 2 ?p)", {indep, shaped}),
      dist_rw("bernoulli-binomial-sum", "(+ (bernoulli ?p) (binomial ?n ?p))", "(binomial (+ ?n 1) ?p)",
              {indep, shaped}),
      // Failures before the r1-th and then r2 more successes.
      dist_rw("neg-binomial-sum", "(+ (neg_binomial ?r1 ?p) (neg_binomial ?r2 ?p))", "(neg_binomial (+ ?r1 ?r2) ?p)",
              {indep, shaped}),
      dist_rw("geometric-as-neg-binomial", "(geometric ?p)", "(neg_binomial 1 ?p)"),
      dist_rw("neg-binomial-one-as-geometric", "(neg_binomial 1 ?p)", "(geometric ?p)"),
      dist_rw("geometric-sum", "(+ (geometric ?p) (geometric ?p))", "(neg_binomial 2 ?p)", {indep, shaped}),
      dist_rw("geometric-neg-binomial-sum", "(+ (geometric ?p) (neg_binomial ?r ?p))", "(neg_binomial (+ ?r 1) ?p)",
              {indep, shaped}),
  };
}

}  // namespace alea::rewrite
