// The e-graph core: hash-consing, congruence after rebuild, analyses, invariants.
#include <catch2/catch.hpp>
#include <limits>

#include "rewrite_test_util.hpp"

using namespace alea;
using namespace alea::rewrite;

TEST_CASE("hash-consing: equal nodes share a class, draws are distinct sites", "[rewrite][egraph]") {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  t.leaf_draw("?y", DistKind::Normal, {0, 1});
  CHECK(t.g.find(t.leaves["?x"]) != t.g.find(t.leaves["?y"]));
  CHECK(t.term("(+ ?x ?y)") == t.term("(+ ?x ?y)"));
  // + is commutative: the e-graph keeps one order of operands.
  CHECK(t.term("(+ ?x ?y)") == t.term("(+ ?y ?x)"));
  CHECK(t.term("(- ?x ?y)") != t.term("(- ?y ?x)"));
  t.g.rebuild();
  CHECK_NOTHROW(t.g.check_invariants());
}

TEST_CASE("congruence is restored by rebuild", "[rewrite][egraph]") {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  t.leaf_draw("?y", DistKind::Normal, {0, 1});
  const ClassId fx = t.term("(exp ?x)"), fy = t.term("(exp ?y)");
  const ClassId gx = t.term("(log (exp ?x))"), gy = t.term("(log (exp ?y))");
  t.g.merge(t.leaves["?x"], t.leaves["?y"]);
  t.g.rebuild();
  CHECK(t.g.find(fx) == t.g.find(fy));
  CHECK(t.g.find(gx) == t.g.find(gy));
  CHECK_NOTHROW(t.g.check_invariants());
}

TEST_CASE("analyses: constants fold, site sets union and intersect, ranges", "[rewrite][analysis]") {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  t.leaf_draw("?g", DistKind::Gamma, {2, 1});
  const ClassId five = t.term("(+ 2 3)");
  REQUIRE(t.g.data(five).constant);
  CHECK(t.g.data(five).constant->scalar() == 5);
  const ClassId sum = t.term("(+ ?x ?g)");
  CHECK(t.g.data(sum).sites == SiteSet{0, 1});
  CHECK(t.g.data(t.term("(exp ?x)")).range.positive());
  CHECK(t.g.data(t.leaves["?g"]).range.positive());
  CHECK_FALSE(t.g.data(t.leaves["?x"]).range.nonzero());
  CHECK(t.g.data(t.term("(square ?x)")).range.nonnegative());
  CHECK(t.g.data(t.term("(logistic ?x)")).range.in_unit_open());
  // x - x merged with 0: the class depends on no site (intersection).
  const ClassId diff = t.term("(- ?x ?x)");
  t.g.merge(diff, t.term("0"));
  t.g.rebuild();
  CHECK(t.g.data(diff).sites.empty());
  CHECK_NOTHROW(t.g.check_invariants());
}

TEST_CASE("merging classes of different shapes is a rule bug and throws", "[rewrite][egraph]") {
  EGraph g;
  const ClassId a = g.add_constant(Value({1.0, 2.0}));
  const ClassId b = g.add_constant(Value(1.0));
  CHECK_THROWS_AS(g.merge(a, b), std::logic_error);
}

TEST_CASE("patterns parse, print and report syntax errors", "[rewrite][pattern]") {
  CHECK(to_string(parse_pattern("(+ ?x (normal 0 1))")) == "(+ ?x (normal 0 1))");
  CHECK_THROWS_WITH(parse_pattern("(+ ?x"), "pattern '(+ ?x' at 6: missing ')'");
  CHECK_THROWS_WITH(parse_pattern("(frob ?x)"), "pattern '(frob ?x)' at 6: unknown op or distribution 'frob'");
}

TEST_CASE("multi-patterns join on their shared variables", "[rewrite][pattern]") {
  // Two draws share the mean mu; a third has its own mean nu.
  test::TermGraph t;
  t.leaf_draw("?mu", DistKind::Normal, {0, 10});
  t.leaf_draw("?nu", DistKind::Normal, {0, 10});
  const ClassId a = t.term("(normal ?mu 1)");
  const ClassId b = t.term("(normal ?mu 2)");
  const ClassId c = t.term("(normal ?nu 3)");
  t.g.rebuild();
  const std::vector<PatternNode> pair{parse_pattern("(normal ?m 1)"), parse_pattern("(normal ?m ?t)")};
  const std::vector<Match> ms = search_multi(t.g, pair);
  // (normal ?m 1) matches a only; (normal ?m ?t) with the same ?m matches a and b, never c.
  REQUIRE(ms.size() == 2);
  for (const Match& m : ms) {
    CHECK(t.g.find(m["?m"]) == t.g.find(t.leaves["?mu"]));
    CHECK(m.draws.size() == 2);
    CHECK(t.g.find(m.draws[0].eclass) == t.g.find(a));
    CHECK(t.g.find(m.draws[1].eclass) != t.g.find(c));
  }
  (void)b;
}

TEST_CASE("extraction: fewer draws first, and every site introduced once", "[rewrite][extract]") {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  t.leaf_draw("?y", DistKind::Normal, {0, 1});
  const ClassId sum = t.term("(+ ?x ?y)");
  const ClassId twice = t.term("(* 2 ?x)");
  // A replacement for x + y covering both sites, merged into its class.
  const ClassId repl = t.g.add_replacement_draw(DistKind::Normal, {t.term("0"), t.term("(sqrt 2)")}, Shape{}, {0, 1}, sum);
  t.g.merge(sum, repl);
  t.g.rebuild();
  // Alone, the sum is best as the single replacement draw.
  Extraction alone = extract(t.g, {sum});
  CHECK(alone.draws == 1);
  CHECK(alone.rejected.empty());
  // With 2x also needed, x must be drawn itself, so the replacement is refused.
  Extraction both = extract(t.g, {sum, twice});
  CHECK(both.draws == 2);
  REQUIRE(both.rejected.size() == 1);
  CHECK(both.choice.at(t.g.find(sum)).op == Op::Add);
}

TEST_CASE("extraction counts a shared subterm once", "[rewrite][extract]") {
  test::TermGraph t;
  t.leaf_draw("?x", DistKind::Normal, {0, 1});
  const ClassId shared = t.term("(exp (exp ?x))");       // needed by the first root anyway
  const ClassId via_shared = t.term("(+ (exp (exp ?x)) 0.5)");
  const ClassId alone = t.term("(sqrt (sqrt ?x))");       // cheaper as a tree, dearer once exp(exp x) is paid for
  t.g.merge(via_shared, alone);  // pretend a rule proved them equal
  t.g.rebuild();
  const Extraction one = extract(t.g, {via_shared});
  CHECK(one.choice.at(t.g.find(via_shared)).op == Op::Sqrt);
  const Extraction both = extract(t.g, {shared, via_shared});
  CHECK(both.choice.at(t.g.find(via_shared)).op == Op::Add);
  CHECK(both.dag_cost < kDrawCost + 4 + 4 + 4 + 4 + 0.1);
}

TEST_CASE("a NaN constant is a constant of its own, not any number", "[rewrite][egraph]") {
  EGraph g;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const ClassId one = g.add_constant(Value(1.0)), a = g.add_constant(Value(nan));
  CHECK(g.find(a) != g.find(one));
  CHECK(g.find(g.add_constant(Value(nan))) == g.find(a));
  CHECK(g.find(g.add_constant(Value(2.0))) != g.find(a));
  CHECK(g.find(g.add_constant(Value(-0.0))) == g.find(g.add_constant(Value(0.0))));
}

TEST_CASE("a right side's draws below its root are fresh sites, one per position and term",
          "[rewrite][egraph][pattern]") {
  // student_t(nu, m, s) is normal(m, s / sqrt(w)) with w ~ gamma(nu / 2, nu / 2): the
  // scale mixture, whose w is a fresh random variable for each t it stands for.
  const Rule mixture = dist_rw("student-t-mixture", "(student_t ?nu ?m ?s)",
                               "(normal ?m (/ ?s (sqrt (gamma (/ ?nu 2) (/ ?nu 2)))))");
  test::TermGraph t;
  t.leaf_draw("?t1", DistKind::StudentT, {4, 0, 1});
  t.leaf_draw("?t2", DistKind::StudentT, {4, 0, 1});
  t.g.rebuild();
  // Applies the rule at every student_t draw; the matches carry their draw's site.
  const auto apply = [&] {
    for (const Match& m : search(t.g, mixture.lhs[0])) REQUIRE(apply_match(t.g, mixture, m));
    t.g.rebuild();
  };
  apply();
  // The fresh latents: the gamma draws in the e-graph, each a site covering itself.
  std::vector<std::uint32_t> fresh;
  for (ClassId c : t.g.classes_with(Op::Draw))
    for (const ENode& n : t.g.eclass(c).nodes)
      if (n.op == Op::Draw && n.dist == DistKind::Gamma) {
        fresh.push_back(n.payload);
        CHECK(t.g.site(n.payload).replacement);
        CHECK(t.g.site(n.payload).cover == SiteSet{n.payload});
        CHECK(t.g.data(c).sites == SiteSet{n.payload});
      }
  REQUIRE(fresh.size() == 2);  // t1's and t2's: independent, not one shared latent
  CHECK(fresh[0] != fresh[1]);
  // Applying the rule again adds nothing: the same position at the same term.
  const std::size_t sites = t.g.site_count();
  for (const Match& m : search(t.g, mixture.lhs[0])) apply_match(t.g, mixture, m);
  t.g.rebuild();
  CHECK(t.g.site_count() == sites);
  CHECK_NOTHROW(t.g.check_invariants());
  // A pointwise right side may not build a draw or a composite.
  CHECK_THROWS_AS(rw("bad", "(exp ?x)", "(normal ?x 1)"), std::logic_error);
}
