// The algebra rule set: a goal per rule family (lhs => rhs), negative cases that
// must not rewrite, termination under associativity and commutativity, and random
// expressions that evaluate the same before and after extraction.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "alea/dist/rng.hpp"
#include "rewrite_test_util.hpp"

using namespace alea;
using namespace alea::rewrite;

namespace {

// Leaves: x, y ~ normal (any sign), p ~ gamma (positive), u ~ beta (in (0, 1)).
test::TermGraph leaves() {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  t.leaf_draw("?y", DistKind::Normal, {0, 1});
  t.leaf_draw("?p", DistKind::Gamma, {2, 1});
  t.leaf_draw("?u", DistKind::Beta, {2, 2});
  return t;
}

bool proves(const std::string& lhs, const std::string& rhs) {
  test::TermGraph t = leaves();
  const ClassId a = t.term(lhs), b = t.term(rhs);
  Limits limits;
  limits.iterations = 12;
  limits.nodes = 20'000;
  const RunReport r = Runner(limits).run(t.g, algebra_rules(), false);
  (void)r;
  t.g.check_invariants();
  return t.g.find(a) == t.g.find(b);
}

}  // namespace

TEST_CASE("algebra goals: lhs => rhs", "[rewrite][algebra]") {
  const std::vector<std::pair<std::string, std::string>> goals{
      {"(+ ?x ?y)", "(+ ?y ?x)"},
      {"(* (* ?x ?y) ?p)", "(* ?x (* ?y ?p))"},
      {"(+ ?x 0)", "?x"},
      {"(* ?x 1)", "?x"},
      {"(* ?x 0)", "0"},
      {"(- ?x ?x)", "0"},
      {"(/ ?p ?p)", "1"},
      {"(+ ?x ?x)", "(* 2 ?x)"},
      {"(+ ?x (* 2 ?x))", "(* 3 ?x)"},
      {"(* ?x (+ ?y 1))", "(+ (* ?x ?y) ?x)"},
      {"(log (exp ?x))", "?x"},
      {"(exp (log ?p))", "?p"},
      {"(log (* ?p ?p))", "(* 2 (log ?p))"},
      {"(sqrt (square ?x))", "(abs ?x)"},
      {"(sqrt (square ?p))", "?p"},
      {"(* ?x ?x)", "(square ?x)"},
      {"(pow ?p 1)", "?p"},
      {"(* (pow ?p 2) (pow ?p 3))", "(pow ?p 5)"},
      {"(log (+ 1 ?x))", "(log1p ?x)"},
      {"(logit (logistic ?x))", "?x"},
      {"(logistic (logit ?u))", "?u"},
      {"(- (+ ?x ?y) ?y)", "?x"},
      {"(+ 2 3)", "5"},
  };
  for (const auto& [lhs, rhs] : goals) {
    INFO(lhs << " => " << rhs);
    CHECK(proves(lhs, rhs));
  }
}

TEST_CASE("algebra negatives: guarded rules do not fire without their guard", "[rewrite][algebra]") {
  const std::vector<std::pair<std::string, std::string>> must_not{
      {"(/ ?x ?x)", "1"},            // x may be 0
      {"(exp (log ?x))", "?x"},      // x may be negative
      {"(sqrt (square ?x))", "?x"},  // |x| is not x
      {"(logistic (logit ?x))", "?x"},
      {"(+ ?x ?y)", "(* 2 ?x)"},     // identity is not independence, nor equality
      {"(log (* ?x ?y))", "(+ (log ?x) (log ?y))"},
  };
  for (const auto& [lhs, rhs] : must_not) {
    INFO(lhs << " must not become " << rhs);
    CHECK_FALSE(proves(lhs, rhs));
  }
}

TEST_CASE("associativity and commutativity terminate within the limits and say why", "[rewrite][runner]") {
  test::TermGraph t = leaves();
  std::string sum = "?x";
  for (int i = 0; i < 12; ++i) sum = "(+ " + sum + (i % 2 ? " ?y)" : " ?p)");
  t.term(sum);
  Limits limits;
  limits.iterations = 50;
  limits.nodes = 5'000;
  limits.time = std::chrono::milliseconds(2000);
  const RunReport r = Runner(limits).run(t.g, algebra_rules(), false);
  CHECK(r.iterations <= 50);
  CHECK(r.nodes <= 5'000 + 2'000);  // the node limit is checked after each application batch
  CHECK((r.reason == StopReason::NodeLimit || r.reason == StopReason::IterationLimit ||
         r.reason == StopReason::Saturated || r.reason == StopReason::TimeLimit || r.reason == StopReason::WorkLimit ||
         r.reason == StopReason::ExpansionLimit));
  CHECK_NOTHROW(t.g.check_invariants());

  // The expansive rules (associativity here) stop at their own e-node budget, which a
  // 13-term sum (every subset of its terms a class) reaches long before 50 iterations.
  test::TermGraph u = leaves();
  u.term(sum);
  limits.expansion_nodes = 300;
  const RunReport e = Runner(limits).run(u.g, algebra_rules(), false);
  CHECK(e.reason == StopReason::ExpansionLimit);
  CHECK(e.base_saturated.count() >= 0);
  CHECK(e.nodes <= 300 + 16);  // checked after each application, which adds a few e-nodes
  CHECK(e.iterations < 50);
  CHECK_NOTHROW(u.g.check_invariants());
}

TEST_CASE("the work budget stops the runner at the same place on every run", "[rewrite][runner]") {
  // A 13-term sum under the expansive rules grows for many iterations. Stopped by the
  // work budget (e-nodes searched plus matches found), two runs end alike whatever the
  // machine's load: same iterations, e-nodes and work. The budget is checked after each
  // iteration, so the work done exceeds it by less than the last iteration's.
  std::string sum = "?x";
  for (int i = 0; i < 12; ++i) sum = "(+ " + sum + (i % 2 ? " ?y)" : " ?p)");
  Limits limits;
  limits.iterations = 1'000;
  limits.nodes = 1'000'000;
  limits.expansion_nodes = 1'000'000;
  limits.work = 20'000;
  limits.time = std::chrono::milliseconds(600'000);
  auto run = [&](Limits l) {
    test::TermGraph t = leaves();
    t.term(sum);
    return Runner(l).run(t.g, algebra_rules(), false);
  };
  const RunReport a = run(limits), b = run(limits);
  REQUIRE(a.reason == StopReason::WorkLimit);
  CHECK(a.iterations >= 3);  // a budget that stops a growing run, not its first iteration
  CHECK(a.work > limits.work);
  CHECK(b.reason == StopReason::WorkLimit);
  CHECK(b.iterations == a.iterations);
  CHECK(b.nodes == a.nodes);
  CHECK(b.work == a.work);
  // One iteration less stays within the budget: the runner stopped at the first
  // iteration that exceeded it.
  Limits shorter = limits;
  shorter.iterations = a.iterations - 1;
  const RunReport c = run(shorter);
  CHECK(c.reason == StopReason::IterationLimit);
  CHECK(c.work <= limits.work);
  // A larger budget goes further.
  Limits larger = limits;
  larger.work = 4 * limits.work;
  const RunReport d = run(larger);
  CHECK(d.iterations > a.iterations);
  CHECK(d.work > a.work);
}

TEST_CASE("random expressions evaluate the same before and after simplification", "[rewrite][algebra][random]") {
  Rng rng(99);
  const char* unary[] = {"exp", "neg", "square", "abs"};
  const char* binary[] = {"+", "-", "*"};
  std::function<std::string(int)> gen = [&](int depth) -> std::string {
    const double u = rng.uniform01();
    if (depth == 0 || u < 0.25) {
      const double v = rng.uniform01();
      if (v < 0.3) return "?x";
      if (v < 0.5) return "?y";
      if (v < 0.7) return "?p";
      return std::to_string(static_cast<int>(rng.uniform01() * 4)) ;
    }
    if (u < 0.45) return std::string("(") + unary[static_cast<int>(rng.uniform01() * 4)] + " " + gen(depth - 1) + ")";
    return std::string("(") + binary[static_cast<int>(rng.uniform01() * 3)] + " " + gen(depth - 1) + " " +
           gen(depth - 1) + ")";
  };
  for (int trial = 0; trial < 60; ++trial) {
    test::TermGraph t = leaves();
    const std::string text = gen(4);
    const ClassId root = t.term(text);
    // Evaluate the original term before saturation.
    t.g.rebuild();
    const Extraction before = extract(t.g, {root});
    std::vector<std::map<std::uint32_t, double>> points;
    for (int k = 0; k < 5; ++k)
      points.push_back({{0, rng.std_normal()}, {1, rng.std_normal()}, {2, 0.1 + 3 * rng.uniform01()}, {3, 0.5}});
    std::vector<double> expected;
    for (const auto& pt : points) expected.push_back(test::eval_extracted(t.g, before, root, pt));
    Limits limits;
    limits.iterations = 8;
    limits.nodes = 20'000;
    Runner(limits).run(t.g, algebra_rules(), false);
    t.g.check_invariants();
    const Extraction after = extract(t.g, {root});
    for (std::size_t k = 0; k < points.size(); ++k) {
      INFO(text);
      const double got = test::eval_extracted(t.g, after, root, points[k]);
      if (std::isfinite(expected[k])) CHECK(got == Approx(expected[k]).epsilon(1e-9).margin(1e-9));
    }
    CHECK(after.tree_cost <= before.tree_cost + 1e-9);
  }
}
