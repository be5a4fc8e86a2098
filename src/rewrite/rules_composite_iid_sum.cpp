// Rules of the iid_sum(dist, n) composite: the sum of n independent draws of one
// distribution, closed in one step whatever n is (the same facts as the iid
// closure rules of one vector draw, rules_closure_iid.cpp, at the composite level).
// The composite is one site, so the replacement covers exactly the n draws.
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {

std::vector<Rule> iid_sum_composite_rules() {
  return {
      // means add, variances add
      dist_rw("iid-sum-normal", "(iid_sum:normal ?n ?m ?s)", "(normal (* ?n ?m) (* (sqrt ?n) ?s))"),
      // one rate: shapes add; exponential(r) = gamma(1, r)
      dist_rw("iid-sum-gamma", "(iid_sum:gamma ?n ?a ?b)", "(gamma (* ?n ?a) ?b)"),
      dist_rw("iid-sum-exponential", "(iid_sum:exponential ?n ?r)", "(gamma ?n ?r)"),
      dist_rw("iid-sum-chi-squared", "(iid_sum:chi_squared ?n ?k)", "(chi_squared (* ?n ?k))"),
      dist_rw("iid-sum-poisson", "(iid_sum:poisson ?n ?l)", "(poisson (* ?n ?l))"),
      // n trials with one probability
      dist_rw("iid-sum-bernoulli", "(iid_sum:bernoulli ?n ?p)", "(binomial ?n ?p)"),
      dist_rw("iid-sum-binomial", "(iid_sum:binomial ?n ?k ?p)", "(binomial (* ?n ?k) ?p)"),
      // failures before the (n r)-th success
      dist_rw("iid-sum-neg-binomial", "(iid_sum:neg_binomial ?n ?r ?p)", "(neg_binomial (* ?n ?r) ?p)"),
      dist_rw("iid-sum-geometric", "(iid_sum:geometric ?n ?p)", "(neg_binomial ?n ?p)"),
  };
}

}  // namespace alea::rewrite
