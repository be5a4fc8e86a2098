// Closure rules of the gamma family (alea's gamma is (shape, RATE)): scaling, sums
// with a common rate, its special cases (exponential, chi-squared), the reciprocal
// (inverse gamma) and the ratio X / (X + Y) (beta).
#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {
namespace {

// X / (X + Y): the pattern names X twice, and the matcher would accept two different
// gamma draws with equal parameters there, so the first two matched draws must be the
// same site; X and Y must be distinct and independent.
bool ratio_of_independent(const EGraph& g, const Match& m) {
  const DrawHit& x = m.draws[0];
  const DrawHit& x_again = m.draws[1];
  const DrawHit& y = m.draws[2];
  if (x.site != x_again.site || g.find(x.eclass) != g.find(x_again.eclass)) return false;
  if (g.find(x.eclass) == g.find(y.eclass)) return false;
  return disjoint(g.site(x.site).cover, g.data(y.eclass).sites) &&
         disjoint(g.site(y.site).cover, g.data(x.eclass).sites);
}

}  // namespace

std::vector<Rule> gamma_closure_rules() {
  const Guard indep = draws_independent();
  const Guard shaped = draws_shaped_like_root();
  return {
      // cX ~ gamma(a, b / c) for c > 0 (the rate scales inversely).
      dist_rw("gamma-scale", "(* ?c (gamma ?a ?b))", "(gamma ?a (/ ?b ?c))",
              {independent_of("?c"), positive("?c"), shaped}),
      // Independent gammas with one rate (?b named twice: the same class) add their shapes.
      dist_rw("gamma-sum", "(+ (gamma ?a1 ?b) (gamma ?a2 ?b))", "(gamma (+ ?a1 ?a2) ?b)", {indep, shaped}),
      // Special cases, both ways: extraction keeps the cheaper name. The way back to
      // chi-squared only for a constant shape, so that 2 (k / 2) cannot grow forever.
      dist_rw("exponential-as-gamma", "(exponential ?r)", "(gamma 1 ?r)"),
      dist_rw("gamma-one-as-exponential", "(gamma 1 ?r)", "(exponential ?r)"),
      dist_rw("chi-squared-as-gamma", "(chi_squared ?k)", "(gamma (/ ?k 2) 0.5)"),
      dist_rw("gamma-half-rate-as-chi-squared", "(gamma ?a 0.5)", "(chi_squared (* 2 ?a))", {is_constant("?a")}),
      dist_rw("chi-squared-sum", "(+ (chi_squared ?k1) (chi_squared ?k2))", "(chi_squared (+ ?k1 ?k2))",
              {indep, shaped}),
      // Z^2 ~ chi-squared(1) for a standard normal; (s Z)^2 = s^2 Z^2 ~ gamma(1/2, 1 / (2 s^2)).
      dist_rw("square-std-normal", "(square (normal 0 1))", "(chi_squared 1)"),
      dist_rw("square-centered-normal", "(square (normal 0 ?s))", "(gamma 0.5 (/ 0.5 (square ?s)))"),
      // 1/X ~ inv_gamma(a, scale b) for X ~ gamma(a, rate b), and back.
      dist_rw("gamma-reciprocal", "(/ 1 (gamma ?a ?b))", "(inv_gamma ?a ?b)"),
      dist_rw("gamma-reciprocal-pow", "(pow (gamma ?a ?b) -1)", "(inv_gamma ?a ?b)"),
      dist_rw("inv-gamma-reciprocal", "(pow (inv_gamma ?a ?b) -1)", "(gamma ?a ?b)"),
      // X / (X + Y) ~ beta(a1, a2) for independent gammas with a common rate. The one
      // replacement covers both X and Y: an equality in distribution of the whole
      // subterm, refused by extraction wherever X or Y is still needed on its own.
      dist_rw("gamma-ratio-beta", "(/ (gamma ?a1 ?b) (+ (gamma ?a1 ?b) (gamma ?a2 ?b)))", "(beta ?a1 ?a2)",
              {ratio_of_independent, shaped}),
      // min of independent exponentials: P(min > t) = exp(-(r1 + r2) t).
      dist_rw("exponential-min", "(min (exponential ?r1) (exponential ?r2))", "(exponential (+ ?r1 ?r2))",
              {indep, shaped}),
  };
}

}  // namespace alea::rewrite
