// A hierarchical group and its scale, updated apart from NUTS (see hierarchical_gibbs.hpp).
#include "hierarchical_gibbs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "alea/dist/registry.hpp"

namespace alea::detail {
namespace {

bool is_sigma(DistKind d, std::size_t j) {
  const auto names = dist_info(d).params;
  return j < names.size() && names[j] == std::string_view("sigma");
}

// Whether the normal draw x's full conditional is Gaussian with independent elements:
// every node of the density that x reaches is, element by element, affine in at most
// one element of x, and the draws it reaches are normals that take it as their mean
// only.
bool gaussian_conditional(const Graph& g, NodeId x, const infer::LogDensityFunction& f) {
  const bool scalar = g.node(x).shape.size() == 1;
  std::vector<bool> reached(g.size(), false);
  reached[x] = true;
  // Nodes are in topological (id) order: every user of a reached node comes after it.
  for (NodeId id = x + 1; id < g.size(); ++id) {
    const Node& node = g.node(id);
    int k = -1, count = 0;
    for (std::size_t j = 0; j < node.inputs.size(); ++j)
      if (reached[node.inputs[j]]) k = static_cast<int>(j), ++count;
    if (count == 0 || !f.in_density(id)) continue;
    if (count > 1) return false;  // x on both sides: a product, or two elements mixed
    reached[id] = true;
    switch (node.op) {
      case Op::Draw:
        if (node.dist != DistKind::Normal || k != 0) return false;
        reached[id] = false;  // the draw's own value does not depend on x
        break;
      case Op::Add: case Op::Sub: case Op::Neg: case Op::Mul: break;
      case Op::Div:
        if (k != 0) return false;
        break;
      case Op::Index:
        if (k != 0) return false;  // a gather: each element reads one element
        break;
      case Op::Sum: case Op::Mean:
        if (!scalar) return false;  // a sum of elements of x mixes them
        break;
      default:
        return false;
    }
  }
  return true;
}

// Whether `to` depends on `from` (ids are topological: inputs come first).
bool reaches(const Graph& g, NodeId from, NodeId to) {
  if (to < from) return false;
  std::vector<bool> dep(to + 1, false);
  dep[from] = true;
  for (NodeId id = from + 1; id <= to; ++id)
    for (NodeId i : g.node(id).inputs) dep[id] = dep[id] || (i >= from && dep[i]);
  return dep[to];
}

}  // namespace

HierarchicalPlan plan_hierarchical(const Model& m, const infer::LogDensityFunction& f,
                                   const std::function<std::string(NodeId)>& name) {
  const auto add = [](std::vector<std::string>& names, std::string n) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
  };
  const Graph& g = m.graph();
  std::vector<std::vector<NodeId>> users(g.size());
  for (NodeId id = 0; id < g.size(); ++id)
    for (NodeId i : g.node(id).inputs) users[i].push_back(id);
  std::vector<int> free_of(g.size(), -1);
  for (std::size_t k = 0; k < f.free_variables().size(); ++k) free_of[f.free_variables()[k].node] = static_cast<int>(k);
  std::vector<bool> latent(g.size(), false), grouped(f.free_variables().size(), false);
  for (const infer::FreeVariable& fv : f.free_variables()) latent[fv.node] = true;
  for (NodeId d : f.discrete_latents()) latent[d] = true;
  HierarchicalPlan plan;
  std::vector<NodeId> stack, members;
  std::vector<bool> seen(g.size(), false), noncentred(g.size(), false);
  for (const infer::FreeVariable& fv : f.free_variables()) {
    if (fv.size != 1 || fv.transform == infer::TransformKind::Simplex) continue;
    // The latent draws whose scale fv reaches through deterministic nodes.
    std::fill(seen.begin(), seen.end(), false);
    stack.assign(1, fv.node);
    members.clear();
    long group = 0;
    while (!stack.empty()) {
      const NodeId at = stack.back();
      stack.pop_back();
      for (NodeId u : users[at]) {
        const Node& node = g.node(u);
        if (node.op != Op::Draw) {
          if (!seen[u]) seen[u] = true, stack.push_back(u);
          continue;
        }
        if (!latent[u] || !f.in_density(u)) continue;
        for (std::size_t j = 0; j < node.inputs.size(); ++j)
          if (node.inputs[j] == at && is_sigma(node.dist, j)) group += node.shape.size(), members.push_back(u);
      }
    }
    if (group < 2) continue;
    // Gibbs when every member's conditional is Gaussian; otherwise the normal members
    // are sampled by NUTS in their non-centred form, with the scale.
    bool all_gaussian = true;
    for (NodeId d : members) {
      const int k = free_of[d];
      all_gaussian = all_gaussian && k >= 0 && g.node(d).dist == DistKind::Normal &&
                     f.free_variables()[static_cast<std::size_t>(k)].transform == infer::TransformKind::Identity &&
                     gaussian_conditional(g, d, f);
    }
    if (!all_gaussian) {
      HierarchicalPlan::NutsGroup nuts;
      nuts.scale = fv.node;
      for (NodeId d : members) {
        const int k = free_of[d];
        if (k >= 0 && !noncentred[d] && infer::can_noncentre(g.node(d).dist, f.free_variables()[static_cast<std::size_t>(k)].transform)) {
          noncentred[d] = true;
          nuts.members.push_back(d);
        }
      }
      if (!nuts.members.empty()) plan.nuts_groups.push_back(std::move(nuts));
      continue;
    }
    plan.scales.push_back(fv.offset);
    add(plan.scale_names, name(fv.node));
    // The non-centred move needs each member's mean free of the scale.
    HierarchicalPlan::Interweave iw{fv.offset, {}};
    for (NodeId d : members) {
      if (reaches(g, fv.node, g.node(d).inputs[0])) {
        iw.members.clear();
        break;
      }
      const infer::FreeVariable& member = f.free_variables()[static_cast<std::size_t>(free_of[d])];
      iw.members.push_back({{member.offset, member.size}, g.node(d).inputs[0], g.node(d).inputs[1]});
    }
    if (!iw.members.empty()) plan.interweave.push_back(std::move(iw));
    // The group's location: the normal latents that its means read (theta of
    // mu[i] ~ dnorm(theta, tau)), whose conditional given the group is then as narrow
    // as the group is tight.
    const std::size_t n_direct = members.size();
    for (std::size_t i = 0; i < n_direct; ++i) {
      stack.assign(1, g.node(members[i]).inputs[0]);
      while (!stack.empty()) {
        const NodeId at = stack.back();
        stack.pop_back();
        const Node& node = g.node(at);
        if (node.op == Op::Draw) {
          if (latent[at]) members.push_back(at);
        } else {
          for (NodeId in : node.inputs) stack.push_back(in);
        }
      }
    }
    for (NodeId d : members) {
      const int k = free_of[d];
      if (k < 0 || grouped[static_cast<std::size_t>(k)]) continue;
      const infer::FreeVariable& member = f.free_variables()[static_cast<std::size_t>(k)];
      if (member.transform != infer::TransformKind::Identity || g.node(d).dist != DistKind::Normal ||
          !gaussian_conditional(g, d, f))
        continue;
      grouped[static_cast<std::size_t>(k)] = true;
      plan.gaussian.push_back({member.offset, member.size});
      add(plan.gaussian_names, name(d));
    }
  }
  plan.apply_centring(name);
  return plan;
}

void HierarchicalPlan::apply_centring(const std::function<std::string(NodeId)>& name) {
  noncentred.clear();
  noncentred_names.clear();
  centred_names.clear();
  partial.clear();
  const auto add = [](std::vector<std::string>& names, std::string n) {
    if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
  };
  for (const NutsGroup& group : nuts_groups)
    for (NodeId d : group.members) {
      if (!group.centred) noncentred.push_back(d);
      if (const auto form = group.partial.find(d); !group.centred && form != group.partial.end())
        partial[d] = form->second;
      add(group.centred ? centred_names : noncentred_names, name(d));
    }
}

double Slice1d::update(double x0, double lp0, const std::function<double(double)>& lp_at, double& lp_out, Rng& rng,
                       bool adapt) {
  // The slice {x : log p(x) > level}, level = log p(x0) - Exp(1).
  const double level = lp0 + std::log(rng.uniform01());
  double lo = x0 - width_ * rng.uniform01(), hi = lo + width_;
  int left = static_cast<int>(std::floor(kMaxSteps * rng.uniform01())), right = kMaxSteps - 1 - left;
  while (left-- > 0 && lp_at(lo) > level) lo -= width_;
  while (right-- > 0 && lp_at(hi) > level) hi += width_;
  // Shrinkage: propose uniformly in [lo, hi], shrink towards x0 on rejection. x0 is in
  // the slice, so this ends; the bound only guards against rounding at a spike.
  double lp = lp0, v = x0;
  for (int tries = 0; tries < 200; ++tries) {
    v = lo + (hi - lo) * rng.uniform01();
    lp = lp_at(v);
    if (lp > level) break;
    (v < x0 ? lo : hi) = v;
    v = x0, lp = lp0;
  }
  if (adapt) {
    // Width: twice the mean move so far (a typical slice size, as Neal suggests).
    sum_moves_ += std::abs(v - x0), ++n_moves_;
    if (n_moves_ >= 10 && sum_moves_ > 0) width_ = 2 * sum_moves_ / static_cast<double>(n_moves_);
  }
  lp_out = lp;
  return v;
}

void SliceCoordinate::update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng, bool adapt) {
  if (conjugate_ && ConjugateCoordinate(k_, *conjugate_).update(f, z, rng)) return;
  const auto lp_at = [&](double v) {
    z.q[k_] = v;
    return f.value(z.q);
  };
  double lp = z.lp;
  z.q[k_] = slice_.update(z.q[k_], z.lp, lp_at, lp, rng, adapt);
  z.lp = lp;
}

// The non-centred update of the scale: with eta_i = (x_i - m_i) / s_i held, the
// scale's coordinate v moves and the group with it, x_i(v) = m_i + s_i(v) eta_i. The
// density of (v, eta) is p(v, x(v)) prod_i s_i(v) (the Jacobian of x -> eta).
void InterweavedScale::update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng, bool adapt) {
  const auto at = [](std::span<const double> v, std::size_t i) { return v.size() == 1 ? v[0] : v[i]; };
  f.set_point(z.q);
  eta_.clear();
  double log_jac = 0;
  for (const Member& m : members_) {
    const auto loc = f.node_value(m.loc), sd = f.node_value(m.sd);
    for (std::size_t i = 0; i < m.block.size; ++i) {
      eta_.push_back((z.q[m.block.offset + i] - at(loc, i)) / at(sd, i));
      log_jac += std::log(at(sd, i));
    }
  }
  if (!std::isfinite(log_jac)) return;
  const std::vector<double> q0 = z.q;
  const auto lp_at = [&](double v) {
    z.q[k_] = v;
    f.set_point(z.q);  // the scale's nodes at v
    double lj = 0;
    std::size_t e = 0;
    for (const Member& m : members_) {
      const auto loc = f.node_value(m.loc), sd = f.node_value(m.sd);
      for (std::size_t i = 0; i < m.block.size; ++i, ++e) {
        z.q[m.block.offset + i] = at(loc, i) + at(sd, i) * eta_[e];
        lj += std::log(at(sd, i));
      }
    }
    const double lp = f.value(z.q);
    return std::isfinite(lj) ? lp + lj : -std::numeric_limits<double>::infinity();
  };
  double lp = 0;
  const double v = slice_.update(q0[k_], z.lp + log_jac, lp_at, lp, rng, adapt);
  (void)lp_at(v);  // the group at the chosen v
  z.lp = f.value(z.q);
}

void GaussianBlock::update(infer::LogDensityFunction& f, infer::PhasePoint& z, Rng& rng) {
  q1_ = z.q;
  g1_.resize(z.grad.size());
  for (std::size_t i = 0; i < b_.size; ++i) q1_[b_.offset + i] += 1;
  f.value_and_gradient(q1_, g1_);
  for (std::size_t i = 0; i < b_.size; ++i) {
    const std::size_t k = b_.offset + i;
    const double prec = z.grad[k] - g1_[k];
    if (!(prec > 0) || !std::isfinite(prec) || !std::isfinite(z.grad[k])) {
      ++improper_;
      continue;
    }
    z.q[k] += z.grad[k] / prec + rng.std_normal() / std::sqrt(prec);
  }
  z.lp = f.value_and_gradient(z.q, z.grad);
}

}  // namespace alea::detail
