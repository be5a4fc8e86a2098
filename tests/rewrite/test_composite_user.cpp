// A composite op defined by a user's program through the public API
// (graph/composite.hpp's register_composite, rewrite::register_composite_rules), as a
// program outside alea would: affine_normal(a, b, m, s) = a + b x, x ~ normal(m, s).
// Its rule, whose pattern names it, closes it at its own level; without the rule,
// its body expands and the primitive closure rules reach the same normal. Draws of
// the naive model (through the body) against the rewritten one; the op's parameter
// checks; and the registry's refusals.
#include <cmath>
#include <map>

#include "alea/model/composite.hpp"
#include "alea/rewrite/rules.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

namespace {

Model lift_affine_normal(const Model& m);

// Registered once for the whole test binary (the registry is the process's).
CompositeId affine_normal_op() {
  static const CompositeId id = [] {
    CompositeDef def;
    def.name = "affine_normal";
    def.level = 1;
    def.params = {"a", "b", "m", "s"};
    def.check = [](const CompositeArgs& args) {
      for (std::size_t k = 0; k < args.shapes.size(); ++k)
        if (!args.shapes[k].is_scalar()) throw std::invalid_argument("affine_normal: parameter " + std::to_string(k + 1) + " must be a scalar");
      if (args.constants[3] && !(args.constants[3]->scalar() > 0))
        throw std::domain_error("affine_normal: s is " + to_string(*args.constants[3]) + ", but must be positive");
      return Shape::scalar();
    };
    def.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
      const NodeId x = g.draw(DistKind::Normal, {p[2], p[3]}, Shape::scalar());
      return g.apply(Op::Add, {p[0], g.apply(Op::Mul, {p[1], x})});
    };
    const CompositeId op = register_composite(std::move(def));
    rewrite::register_composite_rules(
        op, {rewrite::dist_rw("affine-normal", "(affine_normal ?a ?b ?m ?s)", "(normal (+ ?a (* ?b ?m)) (* (abs ?b) ?s))")});
    rewrite::register_lifting(op, lift_affine_normal);
    return op;
  }();
  return id;
}

// affine_normal's lifting pass: a + b x written out, x an anonymous normal draw with
// constant parameters used only there, a and b constants, becomes the closed op.
Model lift_affine_normal(const Model& m) {
  const Graph& g = m.graph();
  std::vector<int> uses(g.size(), 0);
  for (NodeId id = 0; id < g.size(); ++id)
    for (NodeId i : g.node(id).inputs) ++uses[i];
  for (const Variable& v : m.variables()) ++uses[v.node];
  // The draw of an Add(a, Mul(b, x)) node that lifts, by the Add's id.
  std::map<NodeId, NodeId> lifted;
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& add = g.node(id);
    if (add.op != Op::Add || !g.is_constant_expr(add.inputs[0])) continue;
    const Node& mul = g.node(add.inputs[1]);
    if (mul.op != Op::Mul || uses[add.inputs[1]] != 1 || !g.is_constant_expr(mul.inputs[0])) continue;
    const NodeId x = mul.inputs[1];
    const Node& draw = g.node(x);
    if (draw.op != Op::Draw || draw.dist != DistKind::Normal || uses[x] != 1 || !draw.shape.is_scalar() ||
        !g.is_constant_expr(draw.inputs[0]) || !g.is_constant_expr(draw.inputs[1]))
      continue;
    lifted[id] = x;
  }
  if (lifted.empty()) return m;
  return rebuild_model(m, [&](Graph& t, NodeId id, const std::vector<NodeId>& map) -> std::optional<NodeId> {
    const auto it = lifted.find(id);
    if (it == lifted.end()) return std::nullopt;
    const Node& add = g.node(id);
    const Node& draw = g.node(it->second);
    return t.composite(affine_normal_op(), DistKind::Normal,
                       {map[add.inputs[0]], map[g.node(add.inputs[1]).inputs[0]], map[draw.inputs[0]], map[draw.inputs[1]]},
                       Shape::scalar());
  });
}

CompositeCall affine_normal(Arg a, Arg b, Arg m, Arg s) {
  return {affine_normal_op(), DistKind::Normal, {std::move(a), std::move(b), std::move(m), std::move(s)}, Shape::scalar()};
}

}  // namespace

TEST_CASE("a user's composite: registered, named by patterns, closed by its own rule at its level",
          "[rewrite][composite][user]") {
  const CompositeId op = affine_normal_op();  // registered here, before the lookup
  REQUIRE(composite_by_name("affine_normal") == op);
  CHECK(composite_def(op).name == "affine_normal");
  Model m;
  m.let("z", m.draw(affine_normal(1.0, -2.0, 0.5, 0.3)));
  m.monitor({"z"});
  CHECK(to_string(m).find("affine_normal(") != std::string::npos);  // printed closed
  // normal(1 - 2 * 0.5, 2 * 0.3), against naive draws through the body
  const rewrite::SimplifyResult r = fires(m, "affine-normal", DistKind::Normal, {0.0, 0.6});
  for (const rewrite::TraceEntry& e : r.report.trace)
    if (e.rule == "affine-normal") CHECK(e.level == 1);
  check_continuous(m, "affine-normal", DistKind::Normal, {0.0, 0.6});
}

TEST_CASE("a user's composite without its rule: the body expands and primitive rules close it",
          "[rewrite][composite][user]") {
  Model m;
  m.let("z", m.draw(affine_normal(1.0, -2.0, 0.5, 0.3)));
  m.monitor({"z"});
  rewrite::SimplifyOptions primitive;
  primitive.rules = rewrite::algebra_rules();
  for (rewrite::Rule& rule : rewrite::closure_rules()) primitive.rules.push_back(std::move(rule));
  const rewrite::SimplifyResult r = rewrite::simplify(m, primitive);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  const std::vector<double> p = constant_params(r.model, "z");
  CHECK(p[0] == Approx(0.0).margin(1e-12));
  CHECK(p[1] == Approx(0.6));
  CHECK_FALSE(fired(r, "affine-normal"));
}

TEST_CASE("a user's composite used twice is one draw, not two independent ones", "[rewrite][composite][user][guard]") {
  Model m;
  Expr y = m.draw(affine_normal(0.0, 1.0, 0.0, 1.0));
  m.let("z", y + y);
  m.monitor({"z"});
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  CHECK(constant_params(r.model, "z")[1] == Approx(2.0));  // sd 2, not sqrt(2)
}

TEST_CASE("a user's composite: its parameter checks name the variable", "[rewrite][composite][user][errors]") {
  Model m;
  CHECK_THROWS_WITH(m.random("x", affine_normal(0.0, 1.0, 0.0, -1.0)),
                    Catch::Matchers::Contains("variable 'x'") && Catch::Matchers::Contains("s is -1"));
  CompositeCall three{affine_normal_op(), DistKind::Normal, {Arg(0.0), Arg(1.0), Arg(0.0)}, Shape::scalar()};
  CHECK_THROWS_WITH(m.random("y", three), Catch::Matchers::Contains("3 arguments for its 4 parameters"));
  CHECK_THROWS_AS(m.random("w", affine_normal(0.0, Value(std::vector<double>{1.0, 2.0}), 0.0, 1.0)), std::invalid_argument);
}

TEST_CASE("the composite registry refuses a taken or unnameable name, a level below 1, no body",
          "[rewrite][composite][user][errors]") {
  const auto body = [](Graph&, DistKind, std::span<const NodeId> p, const Shape&) { return p[0]; };
  CompositeDef taken;
  taken.name = "random_walk";
  taken.expand = body;
  CHECK_THROWS_WITH(register_composite(taken), Catch::Matchers::Contains("registered already"));
  CompositeDef spaced = taken;
  spaced.name = "my op";
  CHECK_THROWS_WITH(register_composite(spaced), Catch::Matchers::Contains("not one a pattern can name"));
  CompositeDef flat = taken;
  flat.name = "flat_op";
  flat.level = 0;
  CHECK_THROWS_WITH(register_composite(flat), Catch::Matchers::Contains("must be >= 1"));
  CompositeDef hollow;
  hollow.name = "hollow_op";
  CHECK_THROWS_WITH(register_composite(hollow), Catch::Matchers::Contains("no body"));
  CHECK_FALSE(composite_by_name("flat_op"));
  CHECK_THROWS_AS(rewrite::register_composite_rules(0, {}), std::out_of_range);
}

TEST_CASE("a user's composite lifts its written-out form, with the default rules only",
          "[rewrite][composite][user][lifting]") {
  (void)affine_normal_op();  // registered, with its lifting pass
  Model m;
  Expr x = m.draw(normal(0.5, 0.3));
  m.let("z", 1.0 + -2.0 * x);
  m.monitor({"z"});
  const Model lifted = rewrite::lift_composites(m);
  CHECK(lifted.graph().node(lifted.variable("z").node).op == Op::Composite);
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "z", DistKind::Normal));
  CHECK(fired(r, "affine-normal"));
  for (const rewrite::TraceEntry& e : r.report.trace)
    if (e.rule == "affine-normal") CHECK(e.level == 1);
  // Rules of the caller's own: exactly those, no lifting.
  rewrite::SimplifyOptions own;
  own.rules = rewrite::composite_rules();
  const rewrite::SimplifyResult plain = rewrite::simplify(m, own);
  CHECK_FALSE(fired(plain, "affine-normal"));
  own.lift = true;
  CHECK(fired(rewrite::simplify(m, own), "affine-normal"));
  // x visible: no lifting (it is used twice, by z and as a variable).
  Model seen;
  Expr y = seen.random("y", normal(0.5, 0.3));
  seen.let("z", 1.0 + -2.0 * y);
  const Model kept = rewrite::lift_composites(seen);
  CHECK(kept.graph().node(kept.variable("z").node).op != Op::Composite);
}

namespace {

// scaled_affine(c, d, a, b, m, s) = c + d * affine_normal(a, b, m, s): a composite of
// level 2 whose body builds one of level 1, and whose rule's right side builds the
// lower one: affine_normal(c + d a, d b, m, s).
CompositeId scaled_affine_op() {
  static const CompositeId id = [] {
    const CompositeId inner = affine_normal_op();
    CompositeDef def;
    def.name = "scaled_affine";
    def.level = 2;
    def.params = {"c", "d", "a", "b", "m", "s"};
    def.expand = [inner](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
      const NodeId y = g.composite(inner, DistKind::Normal, {p[2], p[3], p[4], p[5]}, Shape::scalar());
      return g.apply(Op::Add, {p[0], g.apply(Op::Mul, {p[1], y})});
    };
    const CompositeId op = register_composite(std::move(def));
    rewrite::register_composite_rules(
        op, {rewrite::dist_rw("scaled-affine", "(scaled_affine ?c ?d ?a ?b ?m ?s)",
                              "(affine_normal (+ ?c (* ?d ?a)) (* ?d ?b) ?m ?s)")});
    return op;
  }();
  return id;
}

}  // namespace

TEST_CASE("a rule's right side builds a composite of a lower level, whose own rule then fires",
          "[rewrite][composite][user]") {
  const CompositeId op = scaled_affine_op();
  Model m;
  m.let("z", m.draw(CompositeCall{op, DistKind::Normal, {Arg(3.0), Arg(2.0), Arg(1.0), Arg(-2.0), Arg(0.5), Arg(0.3)},
                                  Shape::scalar()}));
  m.monitor({"z"});
  // 3 + 2 (1 - 2 x), x ~ normal(0.5, 0.3): normal(5 - 4 * 0.5, 4 * 0.3).
  const rewrite::SimplifyResult r = fires(m, "affine-normal", DistKind::Normal, {3.0, 1.2});
  int scaled_at = -1, affine_at = -1;
  for (const rewrite::TraceEntry& e : r.report.trace) {
    if (e.rule == "scaled-affine") scaled_at = e.level;
    if (e.rule == "affine-normal") affine_at = e.level;
  }
  CHECK(scaled_at == 2);  // at the model's level, before expansion
  CHECK(affine_at == 2);  // on the composite it built, in the same saturation
  same_law(m, r.model);
  // With scaled-affine alone, the model holds the composite the right side built.
  rewrite::SimplifyOptions top;
  for (rewrite::Rule& rule : rewrite::composite_rules())
    if (rule.name == "scaled-affine") top.rules.push_back(std::move(rule));
  REQUIRE(top.rules.size() == 1);
  top.level = 1;
  const rewrite::SimplifyResult closed = rewrite::simplify(m, top);
  INFO(to_string(closed.model));
  const Node& z = closed.model.graph().node(closed.model.variable("z").node);
  REQUIRE(z.op == Op::Composite);
  CHECK(z.composite == affine_normal_op());
}
