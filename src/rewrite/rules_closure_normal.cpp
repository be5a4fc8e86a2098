// Closure rules of the normal family and its transforms: affine maps and sums of
// normals, exp/log to and from the lognormal, and the ratio of centred normals.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "alea/rewrite/rules.hpp"
#include "closure_guards.hpp"

namespace alea::rewrite {

namespace {

// The root's affine Gaussian form (analysis.hpp), read as its distribution: one normal
// replacement covering the sites of its atoms. A conditional form's rest terms join
// the mean: normal(mean + sum_j c_j R_j, sd), the distribution given them.
std::optional<ClassId> gaussian_form_replacement(EGraph& g, const Match& m) {
  const std::shared_ptr<const GaussianForm> f = g.data(m.root).gaussian;
  if (!f || !(f->variance > 0) || !std::isfinite(f->variance) || !std::isfinite(f->mean)) return std::nullopt;
  SiteSet cover;
  for (const auto& [first, last] : f->atoms)
    for (std::uint64_t site = first >> 32; site <= (last - 1) >> 32; ++site) cover.push_back(static_cast<std::uint32_t>(site));
  std::sort(cover.begin(), cover.end());
  cover.erase(std::unique(cover.begin(), cover.end()), cover.end());
  ClassId mean = g.add_constant(Value(f->mean));
  if (f->rest)
    for (const auto& [r, c] : f->rest->terms) {
      ClassId term = g.find(r);
      if (c != 1) term = g.add(ENode{Op::Mul, DistKind::Normal, 0, {g.add_constant(Value(c)), term}});
      mean = g.add(ENode{Op::Add, DistKind::Normal, 0, {mean, term}});
    }
  const ClassId sd = g.add_constant(Value(std::sqrt(f->variance)));
  return g.add_replacement_draw(DistKind::Normal, {mean, sd}, Shape::scalar(), std::move(cover), m.root);
}

}  // namespace

std::vector<Rule> gaussian_form_rules() {
  std::vector<Rule> rules;
  for (std::string_view lhs : {"(+ ?a ?b)", "(- ?a ?b)", "(* ?a ?b)", "(/ ?a ?b)", "(neg ?a)", "(sum ?a)"})
    rules.push_back(rooted(computed("gaussian-affine", RuleKind::Distributional, lhs, gaussian_form_replacement, {},
                                    "(normal mean sqrt(variance)) of the class's affine Gaussian form"),
                           ending_gaussian_form()));
  return rules;
}

std::vector<Rule> normal_closure_rules() {
  const Guard indep = draws_independent();
  const Guard shaped = draws_shaped_like_root();
  return {
      // Normal: affine maps (by anything independent of the draw) and sums of independent normals.
      dist_rw("normal-shift", "(+ (normal ?m ?s) ?c)", "(normal (+ ?m ?c) ?s)", {independent_of("?c"), shaped}),
      dist_rw("normal-scale", "(* ?c (normal ?m ?s))", "(normal (* ?c ?m) (* (abs ?c) ?s))",
              {independent_of("?c"), nonzero("?c"), detail::not_random("?c"), shaped}),
      dist_rw("normal-neg", "(neg (normal ?m ?s))", "(normal (neg ?m) ?s)"),
      dist_rw("normal-sum", "(+ (normal ?m1 ?s1) (normal ?m2 ?s2))",
              "(normal (+ ?m1 ?m2) (sqrt (+ (square ?s1) (square ?s2))))", {indep, shaped}),
      // A normal whose mean is itself a normal draw (used nowhere else): the mean integrates out.
      dist_rw("normal-mean-marginal", "(normal (normal ?m ?s) ?t)", "(normal ?m (sqrt (+ (square ?s) (square ?t))))",
              {shaped, [](const EGraph& g, const Match& m) {
                 return disjoint(g.site(m.draws[1].site).cover, g.data(m["?t"]).sites);
               }}),

      // Lognormal: log X ~ normal(m, s) by definition, so exp and log move between the two.
      dist_rw("exp-normal", "(exp (normal ?m ?s))", "(lognormal ?m ?s)"),
      dist_rw("log-lognormal", "(log (lognormal ?m ?s))", "(normal ?m ?s)"),
      // log(XY) = log X + log Y: a sum of independent normals.
      dist_rw("lognormal-product", "(* (lognormal ?m1 ?s1) (lognormal ?m2 ?s2))",
              "(lognormal (+ ?m1 ?m2) (sqrt (+ (square ?s1) (square ?s2))))", {indep, shaped}),
      // log(cX) = log c + log X, for c > 0 (random c: the conditional given c, which stays in the model).
      dist_rw("lognormal-scale", "(* ?c (lognormal ?m ?s))", "(lognormal (+ ?m (log ?c)) ?s)",
              {independent_of("?c"), positive("?c"), shaped}),
      // log(X^k) = k log X ~ normal(k m, |k| s), k != 0.
      dist_rw("lognormal-pow", "(pow (lognormal ?m ?s) ?k)", "(lognormal (* ?k ?m) (* (abs ?k) ?s))",
              {independent_of("?k"), nonzero("?k"), shaped}),

      // X / Y with X = s1 Z1, Y = s2 Z2 independent centred normals: (s1 / s2) Z1 / Z2, and
      // Z1 / Z2 ~ cauchy(0, 1). The means must be the constant 0.
      dist_rw("normal-ratio-cauchy", "(/ (normal 0 ?s1) (normal 0 ?s2))", "(cauchy 0 (/ ?s1 ?s2))", {indep, shaped}),
  };
}

std::vector<Rule> with_gaussian_form(std::vector<Rule> rules) {
  // The form has the distribution of a sum, shift or scaling of normals with constant
  // parameters at once, where these rules would rebuild a chain of them one level an
  // iteration: they are not searched inside a chain of forms.
  for (Rule& r : rules)
    if (r.name == "normal-shift" || r.name == "normal-scale" || r.name == "normal-neg" || r.name == "normal-sum")
      r.roots = outside_gaussian_chain();
  std::vector<Rule> out = gaussian_form_rules();
  out.insert(out.end(), std::make_move_iterator(rules.begin()), std::make_move_iterator(rules.end()));
  return out;
}

}  // namespace alea::rewrite
