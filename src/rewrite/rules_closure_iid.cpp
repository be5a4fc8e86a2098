// The sum (and mean) of the elements of ONE vector draw: its elements are
// independent given the parameters, and identically distributed where a parameter
// is a scalar. A scalar draw broadcast over a vector is one draw, not n, so the
// guard reads the site's own shape and requires every parameter to be a scalar or
// of the draw's shape (never broadcast against it in another way).
#include <cmath>

#include "alea/rewrite/rules.hpp"

namespace alea::rewrite {
namespace {


// n elements: from the site's own shape.
double element_count(const EGraph& g, const Match& m) {
  return static_cast<double>(g.site(m.draws[0].site).shape.size());
}

// The parameter summed over the elements: n p for a scalar p, sum(p) for a vector.
ClassId added(EGraph& g, ClassId p, double n) {
  if (g.data(p).shape.is_scalar()) return g.add(ENode{Op::Mul, DistKind::Normal, 0, {g.add_constant(Value(n)), p}});
  return g.add(ENode{Op::Sum, DistKind::Normal, 0, {p}});
}

// The matched draw is a vector (or matrix) site with parameters that are scalars or
// shaped like it; Common parameters must be scalars (one rate, one probability).
Guard iid_draw(std::vector<bool> must_be_scalar) {
  return [must_be_scalar](const EGraph& g, const Match& m) {
    const Shape& shape = g.site(m.draws[0].site).shape;
    if (shape.is_scalar() || !g.data(m.root).shape.is_scalar()) return false;
    const ENode* draw = nullptr;
    for (const ENode& n : g.eclass(m.draws[0].eclass).nodes)
      if (n.op == Op::Draw && n.payload == m.draws[0].site) draw = &n;
    if (!draw) return false;
    for (std::size_t k = 0; k < draw->children.size(); ++k) {
      const Shape& ps = g.data(draw->children[k]).shape;
      if (ps.is_scalar()) continue;
      if (ps != shape || (k < must_be_scalar.size() && must_be_scalar[k])) return false;
    }
    return true;
  };
}

Rule iid(std::string name, std::string lhs, Applier apply, std::vector<bool> scalar_params) {
  return computed(std::move(name), RuleKind::Distributional, lhs, std::move(apply), {iid_draw(std::move(scalar_params))});
}

}  // namespace

std::vector<Rule> iid_sum_rules() {
  // Each applier adds the summed draw: a replacement covering the vector draw's site.
  auto repl = [](EGraph& g, const Match& m, DistKind d, std::vector<ClassId> params) {
    return g.add_replacement_draw(d, std::move(params), Shape{}, matched_cover(g, m), m.root);
  };
  auto constant = [](EGraph& g, double x) { return g.add_constant(Value(x)); };
  return {
      // sum of independent normals: means add, variances add (iid: n m, sqrt(n) s).
      iid("normal-iid-sum", "(sum (normal ?m ?s))",
          [repl, constant](EGraph& g, const Match& m) -> std::optional<ClassId> {
            const double n = element_count(g, m);
            const ClassId mu = added(g, m["?m"], n);
            const ClassId s = m["?s"];
            const ClassId sd = g.data(s).shape.is_scalar()
                                   ? g.add(ENode{Op::Mul, DistKind::Normal, 0, {constant(g, std::sqrt(n)), s}})
                                   : g.add(ENode{Op::Sqrt, DistKind::Normal, 0,
                                                 {g.add(ENode{Op::Sum, DistKind::Normal, 0,
                                                              {g.add(ENode{Op::Square, DistKind::Normal, 0, {s}})}})}});
            return repl(g, m, DistKind::Normal, {mu, sd});
          },
          {}),
      // mean = sum / n: normal(mean of the means, sqrt(sum of variances) / n).
      iid("normal-iid-mean", "(mean (normal ?m ?s))",
          [repl, constant](EGraph& g, const Match& m) -> std::optional<ClassId> {
            const double n = element_count(g, m);
            const ClassId mu = g.data(m["?m"]).shape.is_scalar()
                                   ? m["?m"]
                                   : g.add(ENode{Op::Mean, DistKind::Normal, 0, {m["?m"]}});
            const ClassId s = m["?s"];
            const ClassId sd =
                g.data(s).shape.is_scalar()
                    ? g.add(ENode{Op::Mul, DistKind::Normal, 0, {constant(g, 1 / std::sqrt(n)), s}})
                    : g.add(ENode{Op::Mul, DistKind::Normal, 0,
                                  {constant(g, 1 / n),
                                   g.add(ENode{Op::Sqrt, DistKind::Normal, 0,
                                               {g.add(ENode{Op::Sum, DistKind::Normal, 0,
                                                            {g.add(ENode{Op::Square, DistKind::Normal, 0, {s}})}})}})}});
            return repl(g, m, DistKind::Normal, {mu, sd});
          },
          {}),
      // gamma with one rate: shapes add.
      iid("gamma-iid-sum", "(sum (gamma ?a ?b))",
          [repl](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::Gamma, {added(g, m["?a"], element_count(g, m)), m["?b"]});
          },
          {false, true}),
      // exponential(r) = gamma(1, r): n of them with one rate are gamma(n, r).
      iid("exponential-iid-sum", "(sum (exponential ?r))",
          [repl, constant](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::Gamma, {constant(g, element_count(g, m)), m["?r"]});
          },
          {true}),
      iid("chi-squared-iid-sum", "(sum (chi_squared ?k))",
          [repl](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::ChiSquared, {added(g, m["?k"], element_count(g, m))});
          },
          {false}),
      iid("poisson-iid-sum", "(sum (poisson ?l))",
          [repl](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::Poisson, {added(g, m["?l"], element_count(g, m))});
          },
          {false}),
      // n Bernoulli trials with one probability.
      iid("bernoulli-iid-sum", "(sum (bernoulli ?p))",
          [repl, constant](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::Binomial, {constant(g, element_count(g, m)), m["?p"]});
          },
          {true}),
      iid("binomial-iid-sum", "(sum (binomial ?n ?p))",
          [repl](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::Binomial, {added(g, m["?n"], element_count(g, m)), m["?p"]});
          },
          {false, true}),
      iid("neg-binomial-iid-sum", "(sum (neg_binomial ?r ?p))",
          [repl](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::NegativeBinomial, {added(g, m["?r"], element_count(g, m)), m["?p"]});
          },
          {false, true}),
      iid("geometric-iid-sum", "(sum (geometric ?p))",
          [repl, constant](EGraph& g, const Match& m) -> std::optional<ClassId> {
            return repl(g, m, DistKind::NegativeBinomial, {constant(g, element_count(g, m)), m["?p"]});
          },
          {true}),
  };
}

}  // namespace alea::rewrite
