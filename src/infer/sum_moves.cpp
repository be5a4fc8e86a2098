// Observed sums over discrete latents (see sum_moves.hpp).
#include "sum_moves.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "alea/dist/constraints.hpp"
#include "chain_start.hpp"

namespace alea::detail {
namespace {

// The terms of a sum: Add nodes are walked; a discrete latent draw of one element, or
// an element of one taken by a constant index, is a term; a node that depends on no
// latent is a fixed offset. False for anything else (a product, a function).
bool collect_terms(const Graph& g, NodeId id, const std::vector<bool>& discrete, const std::vector<bool>& latent_dep,
                   std::vector<SumTerm>& out) {
  const Node& n = g.node(id);
  if (!latent_dep[id]) return true;
  if (n.op == Op::Add) {
    for (NodeId i : n.inputs)
      if (!collect_terms(g, i, discrete, latent_dep, out)) return false;
    return true;
  }
  if (n.op == Op::Draw && discrete[id] && n.shape.size() == 1) {
    out.push_back({id, 0});
    return true;
  }
  if (n.op == Op::Index && n.inputs.size() == 2 && discrete[n.inputs[0]] && g.node(n.inputs[1]).op == Op::Constant &&
      g.node(n.inputs[1]).constant->is_scalar() && g.node(n.inputs[0]).shape.rank() == 1) {
    out.push_back({n.inputs[0], static_cast<std::size_t>(g.node(n.inputs[1]).constant->scalar())});
    return true;
  }
  return false;
}

}  // namespace

std::vector<ObservedSum> find_observed_sums(const Graph& g, const infer::LogDensityFunction& f,
                                            const NodeNames& names) {
  std::vector<bool> discrete(g.size(), false), free(g.size(), false), latent_dep(g.size(), false),
      continuous_dep(g.size(), false);
  for (NodeId d : f.discrete_latents()) discrete[d] = true;
  for (const infer::FreeVariable& v : f.free_variables()) free[v.node] = true;
  for (NodeId id = 0; id < g.size(); ++id) {
    latent_dep[id] = discrete[id] || free[id];
    continuous_dep[id] = free[id];
    if (g.node(id).op == Op::Draw) continue;  // a draw's own value is what depends
    for (NodeId i : g.node(id).inputs) {
      latent_dep[id] = latent_dep[id] || latent_dep[i];
      continuous_dep[id] = continuous_dep[id] || continuous_dep[i];
    }
  }
  std::vector<ObservedSum> out;
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (n.op != Op::Draw || n.dist != DistKind::Sum || !f.in_density(id) || discrete[id] || free[id]) continue;
    const NodeId s = n.inputs[0];
    if (!latent_dep[s]) continue;
    if (continuous_dep[s])
      throw std::invalid_argument(names.describe(id) +
                                  ": dsum of continuous random variables cannot be sampled (NUTS cannot keep a sum "
                                  "of continuous draws fixed); observe a discrete sum, or write the model with the "
                                  "sum's distribution");
    ObservedSum o{id, {}};
    if (n.shape.size() != 1 || !collect_terms(g, s, discrete, latent_dep, o.terms) || o.terms.size() < 2)
      throw std::invalid_argument(names.describe(id) +
                                  ": alea updates an observed dsum only when it is a scalar sum of at least two "
                                  "discrete random variables (or elements) and constants");
    out.push_back(std::move(o));
  }
  return out;
}

void satisfy_sum(infer::LogDensityFunction& f, const Graph& g, const ObservedSum& s, std::span<const double> q,
                 const NodeNames& names) {
  const double y = f.node_value(s.node)[0];
  f.set_point(q);  // the sum's value at the current discrete values
  double diff = y - f.node_value(g.node(s.node).inputs[0])[0];
  for (const SumTerm& t : s.terms) {
    double lo = 0, hi = 0;
    if (!finite_support(f, g.node(t.draw), t.index, lo, hi)) {
      hi = INFINITY;
      if (!count_support(f, g.node(t.draw), t.index, lo)) lo = -INFINITY;
    }
    const double x = f.node_value(t.draw)[t.index];
    const double move = std::clamp(diff, lo - x, hi - x);
    f.set_value(t.draw, t.index, x + move);
    diff -= move;
  }
  if (diff != 0)
    throw std::runtime_error(names.describe(s.node) + ": the observed sum " + format_number(y) +
                             " cannot be reached by its terms within their supports");
}

void sum_moves(infer::LogDensityFunction& f, const ObservedSum& s, std::span<const double> q, Rng& rng, int steps) {
  const std::size_t n = s.terms.size();
  double lp = f.value(q);
  for (int step = 0; step < steps; ++step) {
    const auto a = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n)) % n;
    auto b = static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n - 1)) % (n - 1);
    if (b >= a) ++b;
    const SumTerm &ta = s.terms[a], &tb = s.terms[b];
    const double xa = f.node_value(ta.draw)[ta.index], xb = f.node_value(tb.draw)[tb.index];
    f.set_value(ta.draw, ta.index, xa + 1);
    f.set_value(tb.draw, tb.index, xb - 1);
    const double proposal = f.value(q);
    if (std::log(rng.uniform01()) < proposal - lp) {
      lp = proposal;
    } else {
      f.set_value(ta.draw, ta.index, xa);
      f.set_value(tb.draw, tb.index, xb);
    }
  }
}

}  // namespace alea::detail
