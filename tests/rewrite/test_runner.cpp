// The runner's scheduling: rules that are not expansive are never banned, however
// many matches they have, so saturation is reached and reported; a class holds at
// most Limits::replacements_per_class replacements of a kind unless a new one covers
// more sites; a generated model where closure rules used to multiply replacements
// saturates.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>

#include "alea/rewrite/rules.hpp"
#include "alea/rewrite/simplify.hpp"
#include "rewrite/generic_model.hpp"
#include "rewrite/model_test_util.hpp"
#include "rewrite_test_util.hpp"

using namespace alea;
using namespace alea::rewrite;


TEST_CASE("runner: a rule with more matches than the match limit is not banned", "[rewrite][runner]") {
  // 200 terms x_i + 0: add-zero matches 200 times, the limit is 10. A banned rule
  // would be searched again only after its ban, and saturation would take more
  // iterations; before the bans were lifted for the final check, a rule whose matches
  // stayed above the largest threshold kept the runner from ever reporting it.
  test::TermGraph t;
  std::vector<ClassId> terms;
  const ClassId zero = t.g.add_constant(Value(0.0)), one = t.g.add_constant(Value(1.0));
  for (std::uint32_t i = 0; i < 200; ++i) {
    const ClassId x = t.g.add_site_draw(DistKind::Normal, {zero, one}, Shape::scalar(), i);
    terms.push_back(t.g.add({Op::Add, DistKind::Normal, 0, {x, zero}}));
  }
  Limits limits;
  limits.match_limit = 10;
  std::vector<Rule> rules;
  for (Rule& r : algebra_rules())
    if (!r.expansive) rules.push_back(std::move(r));
  const RunReport r = Runner(limits).run(t.g, rules, false);
  CHECK(r.reason == StopReason::Saturated);
  CHECK(r.iterations <= 3);
  for (ClassId c : terms) CHECK(t.g.eclass(c).nodes.size() >= 2);  // x_i + 0 is x_i
}

TEST_CASE("runner: replacements per class, the widest first", "[rewrite][runner][closure]") {
  // x + y: normal-sum covers {x, y}; normal-shift (x given y, y given x) one site
  // each. With room for one replacement the sum's is kept.
  Model m;
  Expr x = m.draw(normal(0.0, 1.0));
  Expr y = m.draw(normal(0.0, 2.0));
  m.let("z", x + y);
  m.monitor({"z"});
  SimplifyOptions options;
  options.lift = false;
  for (Rule& r : default_rules())
    if (r.name != "gaussian-affine") options.rules.push_back(std::move(r));
  options.limits.replacements_per_class = 1;
  const SimplifyResult r = simplify(m, options);
  INFO(to_string(r.model));
  REQUIRE(test::is_draw(r.model, "z", DistKind::Normal));
  CHECK(test::count_draws(r.model) == 1);
  bool sum = false, shift = false;
  for (const TraceEntry& e : r.report.trace) {
    sum = sum || e.rule == "normal-sum";
    shift = shift || e.rule == "normal-shift";
  }
  CHECK(sum);
  CHECK_FALSE(shift);  // refused: the class already held a wider replacement

  SECTION("the cap is per class: a wider replacement still enters (a chain's marginal)") {
    // x_1 ~ normal(0, 1), x_i ~ normal(x_{i-1}, 1): normal-mean-marginal skips one more
    // step at each application, each replacement covering more sites than the last.
    Model w;
    Expr prev = w.draw(normal(0.0, 1.0));
    for (int i = 1; i < 8; ++i) prev = w.draw(normal(prev, 1.0));
    w.let("z", prev);
    w.monitor({"z"});
    SimplifyOptions o;
    o.limits.replacements_per_class = 1;
    const SimplifyResult s = simplify(w, o);
    INFO(to_string(s.model));
    REQUIRE(test::is_draw(s.model, "z", DistKind::Normal));
    CHECK(test::count_draws(s.model) == 1);
  }
}

TEST_CASE("runner: the generic model of bench_saturation saturates with every rule", "[rewrite][runner][saturation]") {
  // Before the conditional Gaussian form and the replacement cap, the closure rules
  // shifted each normal by the non-Gaussian terms around it and summed the results,
  // one replacement per subset of the atoms: 1,000 nodes saturated only after 12
  // iterations, 10,000 nodes not before 200,000 e-nodes. The work and time limits are lifted:
  // the claim is saturation (the speed is bench_saturation's).
  SimplifyOptions options;
  options.trace = false;
  options.limits.time = std::chrono::milliseconds(600'000);
  options.limits.work = SIZE_MAX;
  options.limits.iterations = 200;
  const SimplifyResult r = simplify(test::generic_model(1'000, 42), options);
  CHECK(r.report.base_saturated.count() >= 0);
  CHECK(r.report.base_nodes < 4 * 1'000);
}
