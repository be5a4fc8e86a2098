// The random model generator of the rewrite fuzzer and helpers to read its draws
// and to evaluate a variable's original definition (see test_fuzz_rewrites.cpp).
#include "fuzz_models.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "alea/dist/ops.hpp"
#include "alea/dist/rng.hpp"
#include "alea/infer/forward.hpp"
#include "alea/model/composite.hpp"
#include "alea/rewrite/rules.hpp"

namespace alea::test::fuzz {
namespace {

// A term of the model with what the generator knows of it.
struct Term {
  Expr e;
  bool positive = false;  // strictly positive at every draw (log is defined)
  bool small = false;     // bounded enough that exp of it never overflows
};

class Gen {
 public:
  explicit Gen(std::uint64_t seed, std::uint64_t stream = 7) : rng_(seed, stream) {}

  double u() { return rng_.uniform01(); }
  std::size_t below(std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(u() * static_cast<double>(n))); }
  bool coin(double p) { return u() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

  Rng& rng() { return rng_; }

 private:
  Rng rng_;
};

// A composite op defined as a user's program would (graph/composite.hpp):
// fuzz_affine(a, b, m, s) = a + b x, x ~ normal(m, s), with its own rule and no
// lifting pass, registered once.
CompositeId fuzz_affine() {
  static const CompositeId id = [] {
    CompositeDef def;
    def.name = "fuzz_affine";
    def.params = {"a", "b", "m", "s"};
    def.expand = [](Graph& g, DistKind, std::span<const NodeId> p, const Shape&) {
      const NodeId x = g.draw(DistKind::Normal, {p[2], p[3]}, Shape::scalar());
      return g.apply(Op::Add, {p[0], g.apply(Op::Mul, {p[1], x})});
    };
    const CompositeId op = register_composite(std::move(def));
    rewrite::register_composite_rules(
        op, {rewrite::dist_rw("fuzz-affine", "(fuzz_affine ?a ?b ?m ?s)", "(normal (+ ?a (* ?b ?m)) (* (abs ?b) ?s))",
                              {rewrite::independent_of("?a"), rewrite::independent_of("?b")})});
    return op;
  }();
  return id;
}

}  // namespace

std::vector<std::string> FuzzModel::visible() const {
  std::vector<std::string> v = queried;
  v.insert(v.end(), observed.begin(), observed.end());
  return v;
}

FuzzModel generate(std::uint64_t seed) {
  FuzzModel out;
  out.seed = seed;
  Model& m = out.model;
  Gen g(seed);
  std::vector<Term> scalars;  // every scalar term so far
  std::vector<std::string> names;
  auto positives = [&] {
    std::vector<Term> p;
    for (const Term& t : scalars)
      if (t.positive) p.push_back(t);
    return p;
  };
  auto smalls = [&] {
    std::vector<Term> p;
    for (const Term& t : scalars)
      if (t.small) p.push_back(t);
    return p;
  };
  auto consts = [&](std::initializer_list<double> cs) { return std::vector<double>(cs)[g.below(cs.size())]; };

  const std::size_t n_draws = 3 + g.below(6);
  for (std::size_t k = 0; k < n_draws; ++k) {
    const std::string name = "d" + std::to_string(k);
    const bool anonymous = k > 0 && g.coin(0.2);  // d0 is named: some variable is visible
    const bool vec = g.coin(0.15);
    const std::vector<Term> pos = positives();
    const std::vector<Term> real = scalars;
    DistCall d{DistKind::Normal, {}};
    bool positive = false, small = false;
    const double which = g.u();
    if (which < 0.3) {
      const bool hier = !real.empty() && g.coin(0.3);
      const bool hier_sd = !pos.empty() && g.coin(0.15);
      d = normal(hier ? Arg(g.pick(real).e) : Arg(consts({-1.0, 0.0, 1.0, 2.0})),
                 hier_sd ? Arg(g.pick(pos).e) : Arg(consts({0.5, 1.0, 2.0})));
      small = !hier && !hier_sd;
    } else if (which < 0.45) {
      d = gamma(consts({1.0, 2.0, 3.5}), consts({0.5, 1.0, 2.0}));
      positive = true;
    } else if (which < 0.55) {
      d = exponential(!pos.empty() && g.coin(0.2) ? Arg(g.pick(pos).e) : Arg(consts({0.5, 1.0, 2.0})));
      positive = true;
    } else if (which < 0.67) {
      // A gamma or exponential draw as a rate: the gamma-poisson pair.
      std::vector<Term> rates;
      for (const Term& t : pos)
        if (m.graph().node(t.e.id()).op == Op::Draw &&
            (m.graph().node(t.e.id()).dist == DistKind::Gamma || m.graph().node(t.e.id()).dist == DistKind::Exponential))
          rates.push_back(t);
      d = poisson(!rates.empty() && g.coin(0.4) ? Arg(g.pick(rates).e) : Arg(consts({1.0, 2.5, 4.0})));
    } else if (which < 0.77) {
      d = bernoulli(consts({0.3, 0.5, 0.8}));
      small = true;
    } else if (which < 0.89) {
      d = lognormal(consts({-0.5, 0.0, 1.0}), consts({0.5, 1.0}));
      positive = true;
    } else {
      const bool unit = g.coin(0.5);
      d = unit ? uniform(0.0, 1.0) : uniform(-1.0, 2.0);
      positive = unit;
      small = true;
    }
    std::optional<Shape> shape;
    if (vec) shape = Shape::vector(static_cast<std::int64_t>(2 + g.below(3)));
    Expr e = anonymous ? m.draw(d, shape) : m.random(name, d, shape);
    if (!anonymous) names.push_back(name);
    if (vec) {
      // A vector is used through its sum or one element.
      const double how = g.u();
      Expr s = how < 0.6 ? sum(e) : e[static_cast<std::int64_t>(g.below(static_cast<std::size_t>(shape->size())))];
      scalars.push_back({s, positive, small && how >= 0.6});
    } else {
      scalars.push_back({e, positive, small});
    }
  }

  // Deterministic variables: nested sums, scalings, differences, exp, log, sharing.
  std::function<Term(int)> term = [&](int depth) -> Term {
    if (depth <= 0 || g.coin(0.3)) return g.pick(scalars);
    const double c = consts({-2.0, -1.0, 0.5, 2.0, 3.0});
    const double which = g.u();
    if (which < 0.3) {
      Term a = term(depth - 1), b = term(depth - 1);
      return {a.e + b.e, a.positive && b.positive, a.small && b.small && depth <= 1};
    }
    if (which < 0.42) {
      Term a = term(depth - 1), b = term(depth - 1);
      return {a.e - b.e, false, a.small && b.small && depth <= 1};
    }
    if (which < 0.57) {
      Term a = term(depth - 1);
      return {c * a.e, a.positive && c > 0, a.small && std::abs(c) <= 2};
    }
    if (which < 0.67) {  // a variable used twice
      Term a = term(depth - 1);
      return g.coin(0.5) ? Term{a.e + a.e, a.positive, false} : Term{a.e + c * a.e, a.positive && c > 0, false};
    }
    if (which < 0.74) {
      Term a = term(depth - 1);
      return {a.e + c, a.positive && c > 0, a.small};
    }
    if (which < 0.84) {
      const std::vector<Term> s = smalls();
      if (s.empty()) return g.pick(scalars);
      return {exp(g.pick(s).e), true, false};
    }
    if (which < 0.94) {
      const std::vector<Term> p = positives();
      if (p.empty()) return g.pick(scalars);
      return {log(g.pick(p).e), false, false};
    }
    const std::vector<Term> s = smalls();
    if (s.empty()) return g.pick(scalars);
    return {log(exp(g.pick(s).e)), false, false};
  };
  const std::size_t n_lets = 2 + g.below(5);
  for (std::size_t k = 0; k < n_lets; ++k) {
    Term t = term(1 + static_cast<int>(g.below(3)));
    const std::string name = "v" + std::to_string(k);
    const Node& n = m.graph().node(t.e.id());
    if (n.op == Op::Draw || n.op == Op::Constant) continue;  // not a new definition
    bool taken = false;
    for (const Variable& v : m.variables()) taken = taken || v.node == t.e.id();
    if (taken) continue;
    t.e = m.let(name, t.e);
    names.push_back(name);
    scalars.push_back(t);
  }

  // From a stream of their own (the models above stay as they were): long chains of
  // additions (beyond the affine Gaussian form's explicit terms, with elements met
  // twice) and the user-defined composite fuzz_affine.
  Gen extra(seed, 0x6368);
  if (extra.coin(0.15)) {
    const auto n = static_cast<std::int64_t>(20 + extra.below(60));
    Expr v = m.draw(normal(consts({-1.0, 0.0, 1.0}), consts({0.5, 1.0})), Shape::vector(n));
    Expr chain = v[0];
    for (std::int64_t i = 1; i < n; ++i) chain = chain + (extra.coin(0.05) ? v[extra.below(static_cast<std::size_t>(i))] : v[i]);
    if (extra.coin(0.3)) chain = chain + extra.pick(scalars).e;
    const std::string name = "c" + std::to_string(names.size());
    names.push_back(name);
    scalars.push_back({m.let(name, chain), false, false});
  }
  if (extra.coin(0.15)) {
    const Term a = extra.pick(scalars);
    const double b = std::vector<double>{-2.0, 0.5, 3.0}[extra.below(3)];
    const Expr y = m.draw(CompositeCall{fuzz_affine(), DistKind::Normal, {a.e, b, 1.0, 0.5}, Shape::scalar()});
    const std::string name = "u" + std::to_string(names.size());
    names.push_back(name);
    scalars.push_back({m.let(name, extra.coin(0.5) ? y : y + a.e), false, false});
  }

  // Visible: a random subset (at least one); some of those observed.
  std::vector<std::string> visible;
  for (const std::string& n : names)
    if (g.coin(0.5)) visible.push_back(n);
  if (visible.empty()) visible.push_back(g.pick(names));
  std::vector<std::string> observed;
  if (g.coin(0.35))
    for (const std::string& n : visible)
      if (g.coin(0.35)) observed.push_back(n);
  if (!observed.empty()) {
    Rng data_rng(seed, 11);
    const DrawTable t = sample_prior(m, 1, data_rng, observed);
    for (const std::string& n : observed) m.observe(n, row_value(m, t, n, 0));
  }
  for (const std::string& n : visible)
    if (std::find(observed.begin(), observed.end(), n) == observed.end()) out.queried.push_back(n);
  out.observed = observed;
  m.monitor(out.queried);
  return out;
}

std::size_t queried_columns(const FuzzModel& fm) {
  std::size_t k = 0;
  for (const std::string& n : fm.queried)
    k += static_cast<std::size_t>(fm.model.graph().node(fm.model.variable(n).node).shape.size());
  return k;
}

Value row_value(const Model& m, const DrawTable& t, const std::string& name, std::size_t row) {
  const Node& n = m.graph().node(m.variable(name).node);
  std::vector<double> data;
  for (const std::string& c : column_names(name, n.shape)) data.push_back(t.at(row, t.column_index(c)));
  return Value(n.shape, std::move(data), n.type);
}

Operands operands(const Model& m, const std::string& name) {
  const Graph& g = m.graph();
  std::map<NodeId, std::string> named;
  for (const Variable& v : m.variables())
    if (v.name != name && !named.count(v.node)) named[v.node] = v.name;
  Operands out;
  std::set<NodeId> seen;
  std::set<std::string> found;
  std::function<void(NodeId)> walk = [&](NodeId id) {
    if (!seen.insert(id).second) return;
    if (auto it = named.find(id); it != named.end()) {
      found.insert(it->second);
      return;
    }
    const Node& n = g.node(id);
    if (n.op == Op::Draw || n.op == Op::Composite) {  // a composite is a draw too
      out.ok = false;
      return;
    }
    for (NodeId i : n.inputs) walk(i);
  };
  walk(m.variable(name).node);
  out.names.assign(found.begin(), found.end());
  return out;
}

Value evaluate_definition(const Model& m, const std::string& name, const std::map<std::string, Value>& at) {
  const Graph& g = m.graph();
  std::map<NodeId, Value> known;
  for (const auto& [n, v] : at) known[m.variable(n).node] = v;
  std::map<NodeId, Value> memo;
  std::function<Value(NodeId)> eval = [&](NodeId id) -> Value {
    if (auto it = known.find(id); it != known.end()) return it->second;
    if (auto it = memo.find(id); it != memo.end()) return it->second;
    const Node& n = g.node(id);
    Value v;
    if (n.op == Op::Constant) {
      v = *n.constant;
    } else {
      std::vector<Value> in;
      for (NodeId i : n.inputs) in.push_back(eval(i));
      v = dist::evaluate(n.op, in);
    }
    memo[id] = v;
    return v;
  };
  return eval(m.variable(name).node);
}

}  // namespace alea::test::fuzz
