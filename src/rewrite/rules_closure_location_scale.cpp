// Affine maps of the location-scale families that are symmetric about their
// location (cauchy, laplace, logistic) and of the uniform, and -log U ~ exponential(1).
#include "alea/rewrite/rules.hpp"
#include "closure_guards.hpp"

namespace alea::rewrite {

std::vector<Rule> location_scale_rules() {
  const Guard shaped = draws_shaped_like_root();
  std::vector<Rule> rules;
  // X + c ~ D(mu + c, s); cX ~ D(c mu, |c| s) for c != 0 (the family is symmetric, so a
  // negative c only moves the location). c is anything independent of X.
  for (const char* d : {"cauchy", "laplace", "logistic"}) {
    const std::string D = d;
    rules.push_back(dist_rw(D + "-shift", "(+ (" + D + " ?m ?s) ?c)", "(" + D + " (+ ?m ?c) ?s)",
                            {independent_of("?c"), shaped}));
    rules.push_back(dist_rw(D + "-scale", "(* ?c (" + D + " ?m ?s))", "(" + D + " (* ?c ?m) (* (abs ?c) ?s))",
                            {independent_of("?c"), nonzero("?c"), detail::not_random("?c"), shaped}));
  }
  // Uniform: the bounds move with the map; a negative factor swaps them.
  rules.push_back(dist_rw("uniform-shift", "(+ (uniform ?lo ?hi) ?c)", "(uniform (+ ?lo ?c) (+ ?hi ?c))",
                          {independent_of("?c"), shaped}));
  rules.push_back(dist_rw("uniform-scale", "(* ?c (uniform ?lo ?hi))", "(uniform (* ?c ?lo) (* ?c ?hi))",
                          {independent_of("?c"), positive("?c"), shaped}));
  rules.push_back(dist_rw("uniform-scale-negative", "(* ?c (uniform ?lo ?hi))", "(uniform (* ?c ?hi) (* ?c ?lo))",
                          {independent_of("?c"), detail::negative("?c"), shaped}));
  // P(-log U > t) = P(U < e^-t) = e^-t. Written both as neg and as * -1 (neg-as-mul
  // and sub-as-add bring 0 - log U and -log U to the latter).
  rules.push_back(dist_rw("neg-log-uniform", "(neg (log (uniform 0 1)))", "(exponential 1)"));
  rules.push_back(dist_rw("neg-log-uniform-mul", "(* -1 (log (uniform 0 1)))", "(exponential 1)"));
  return rules;
}

}  // namespace alea::rewrite
