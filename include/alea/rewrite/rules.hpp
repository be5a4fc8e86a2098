// The rule sets. Each family lives in one file with its rules written as close to
// the maths as patterns allow: rules_algebra.cpp (pointwise identities),
// rules_closure*.cpp (equalities in distribution).
#pragma once
#include <vector>

#include "alea/graph/composite.hpp"
#include "alea/rewrite/rule.hpp"

namespace alea::rewrite {

// Pointwise identities: commutativity, associativity, distributivity, identities,
// exp/log, powers. Constant folding is the constant analysis, not a rule.
std::vector<Rule> algebra_rules();

// Closure of distribution families under the ops (sums of independent normals, ...):
// the union of the families below, each in its own rules_closure_*.cpp.
std::vector<Rule> closure_rules();
std::vector<Rule> normal_closure_rules();    // normal, lognormal, normal ratio -> cauchy
std::vector<Rule> gaussian_form_rules();     // a class's affine Gaussian form (analysis.hpp) as its distribution
// `rules` after the form's rules, the closure rules the form subsumes (normal-sum,
// -shift, -scale, -neg) not searched inside a chain of forms (closure_rules does this).
std::vector<Rule> with_gaussian_form(std::vector<Rule> rules);
std::vector<Rule> gamma_closure_rules();     // gamma, exponential, chi-squared, inverse gamma, beta
std::vector<Rule> location_scale_rules();    // affine maps of cauchy, laplace, logistic, uniform; exp(1) from uniform
std::vector<Rule> discrete_closure_rules();  // poisson, binomial, bernoulli, negative binomial, geometric
std::vector<Rule> iid_sum_rules();           // sum (and mean) of the elements of one vector draw
std::vector<Rule> mv_normal_closure_rules(); // affine maps and sums of multivariate normals
std::vector<Rule> mixture_closure_rules();   // normal(mu[z], sigma[z]), z ~ categorical(w): z integrated out

// Rules of the composite ops (graph/composite.hpp), matching a closed composite whole:
// the union of the families below, each in its own rules_composite_*.cpp, and the
// rules registered with register_composite_rules.
std::vector<Rule> composite_rules();
// Rules of a registered composite op (register_composite), whose patterns name it:
// composite_rules, and so default_rules, include them from then on. Throws
// std::out_of_range for an unknown op. Thread-safe.
void register_composite_rules(CompositeId op, std::vector<Rule> rules);
std::vector<Rule> iid_sum_composite_rules();  // iid_sum(dist, n) -> one draw
std::vector<Rule> normal_composite_rules();   // random walk, hierarchical normal, dense layer

}  // namespace alea::rewrite
