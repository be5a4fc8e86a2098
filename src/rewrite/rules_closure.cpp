// Closure of distribution families: equalities in distribution of a subterm's
// marginal, each guarded by the independence of the draws it consumes. The right
// side's draws are replacements covering the matched draws' sites, so extraction
// refuses them wherever a consumed draw is still needed (docs/design.md, Semantics).
// The families live in rules_closure_{normal,gamma,location_scale,discrete,iid,mixture}.cpp.
#include "alea/rewrite/rules.hpp"

#include <mutex>

#include "alea/graph/composite.hpp"

namespace alea::rewrite {

std::vector<Rule> closure_rules() {
  std::vector<Rule> all;
  for (auto family : {normal_closure_rules, gamma_closure_rules, location_scale_rules, discrete_closure_rules,
                      iid_sum_rules, mv_normal_closure_rules, mixture_closure_rules}) {
    std::vector<Rule> rs = family();
    all.insert(all.end(), std::make_move_iterator(rs.begin()), std::make_move_iterator(rs.end()));
  }
  return with_gaussian_form(std::move(all));
}

namespace {

struct RegisteredRules {
  std::mutex mutex;
  std::vector<Rule> rules;
};

RegisteredRules& registered() {
  static RegisteredRules r;
  return r;
}

}  // namespace

void register_composite_rules(CompositeId op, std::vector<Rule> rules) {
  (void)composite_def(op);  // throws for an unknown op
  RegisteredRules& r = registered();
  const std::lock_guard lock(r.mutex);
  r.rules.insert(r.rules.end(), std::make_move_iterator(rules.begin()), std::make_move_iterator(rules.end()));
}

std::vector<Rule> composite_rules() {
  std::vector<Rule> all = iid_sum_composite_rules();
  for (Rule& r : normal_composite_rules()) all.push_back(std::move(r));
  RegisteredRules& r = registered();
  const std::lock_guard lock(r.mutex);
  all.insert(all.end(), r.rules.begin(), r.rules.end());
  return all;
}

}  // namespace alea::rewrite
