// The compiled log density and its reverse sweep. Forward: nodes of the density in
// id order (a topological order); each draw adds its log density and, at once, the
// partials of that term to the adjoints of its parameters and value (the term's
// adjoint is 1). Reverse: deterministic nodes in reverse order pass adjoints to their
// inputs; free draws pass theirs through the transform to the unconstrained vector.
#include "alea/infer/gradient.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "gradient_ops.hpp"
#include "node_owner.hpp"

namespace alea::infer {

// Sufficient statistics of an observed vector whose parameters are scalars, so that
// its term and partials cost O(1) in the number of observations.
struct LogDensityFunction::Stats {
  double n = 0, sum = 0, sum_sq = 0, constant = 0;
};

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr double kHalfLog2Pi = 0.91893853320467274178;
const double kZero = 0.0, kOne = 1.0;

// The transform of a free draw and where its bounds come from: a parameter index or
// the constants 0 and 1.
struct BoundSpec {
  TransformKind kind = TransformKind::Identity;
  int lo_param = -1, hi_param = -1;
  const double* lo = &kZero;
  const double* hi = &kOne;
};

BoundSpec bound_spec(DistKind k) {
  switch (k) {
    case DistKind::HalfNormal:
    case DistKind::HalfCauchy:
    case DistKind::Exponential:
    case DistKind::Gamma:
    case DistKind::InverseGamma:
    case DistKind::ChiSquared:
    case DistKind::LogNormal:
    case DistKind::Weibull:
      return {TransformKind::Lower};
    case DistKind::Beta:
      return {TransformKind::Interval};
    case DistKind::Uniform:
      return {TransformKind::Interval, 0, 1};
    case DistKind::Pareto:
      return {TransformKind::Lower, 0};
    case DistKind::Dirichlet:
      return {TransformKind::Simplex};
    default:
      return {TransformKind::Identity};
  }
}

// Observed data bound to draws: the variable's own draw or the draws of its elements.
void bind_observed(const Graph& g, const Variable& v, std::vector<std::vector<double>>& val,
                   std::vector<bool>& observed) {
  const Node& n = g.node(v.node);
  const std::string why = "variable '" + v.name +
                          "' is observed but is a deterministic function of random "
                          "variables; its density needs the rewriter: simplify the model first";
  if (n.op == Op::Draw) {
    val[v.node] = v.observed->data();
    observed[v.node] = true;
    return;
  }
  if (n.op != Op::Stack) throw std::invalid_argument(why);
  for (std::size_t i = 0; i < n.inputs.size(); ++i) {
    if (g.node(n.inputs[i]).op != Op::Draw) throw std::invalid_argument(why);
    val[n.inputs[i]] = {(*v.observed)[i]};
    observed[n.inputs[i]] = true;
  }
}

}  // namespace

LogDensityFunction::LogDensityFunction(const Model& m) : graph_(m.graph_ptr()) {
  const Graph& g = *graph_;
  if (g.has_composites())
    throw std::invalid_argument("log density gradient: the model has composite ops; expand them first (expand_all)");
  const std::size_t n = g.size();
  val_.resize(n);
  adj_.resize(n);
  rows_.assign(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    const Node& node = g.node(id);
    val_[id].assign(static_cast<std::size_t>(node.shape.size()), 0.0);
    adj_[id].assign(val_[id].size(), 0.0);
    if (node.op == Op::Constant) val_[id] = node.constant->data();
    views_.resize(std::max(views_.size(), node.inputs.size()));
    gins_.resize(views_.size());
    if ((node.op == Op::Index || node.op == Op::MatVec) && g.node(node.inputs[0]).shape.rank() == 2)
      rows_[id] = static_cast<std::size_t>(g.node(node.inputs[0]).shape.dims[0]);
  }
  std::vector<bool> observed(n, false);
  for (const Variable& v : m.variables())
    if (v.observed) bind_observed(g, v, val_, observed);
  // The density holds the observed draws and their ancestors.
  in_density_.assign(n, false);
  for (NodeId id = static_cast<NodeId>(n); id-- > 0;) {
    if (observed[id]) in_density_[id] = true;
    if (in_density_[id])
      for (NodeId i : g.node(id).inputs) in_density_[i] = true;
  }
  const std::vector<alea::detail::Owner> owners = alea::detail::draw_owners(m);
  free_index_.assign(n, -1);
  fixed_.assign(n, false);
  stats_.resize(n);
  for (NodeId id = 0; id < n; ++id) {
    if (!in_density_[id]) continue;
    const Node& node = g.node(id);
    fixed_[id] = node.op == Op::Constant || observed[id];
    if (node.op != Op::Constant && node.op != Op::Draw && g.is_constant_expr(id)) {
      // A function of data alone (sigma^2, ...): computed once here, not per evaluation.
      std::vector<ArrayView> in;
      for (NodeId i : node.inputs) in.push_back({val_[i].data(), val_[i].size()});
      detail::op_forward(node.op, in, rows_[id], val_[id]);
      fixed_[id] = true;
      continue;
    }
    if (node.op != Op::Constant) plan_.push_back(id);
    if (node.op != Op::Draw || observed[id]) continue;
    if (node.type == ScalarType::Integer) {
      discrete_.push_back(id);
      continue;
    }
    const BoundSpec b = bound_spec(node.dist);
    FreeVariable f{id, owners[id].display, dim_, unconstrained_size(b.kind, val_[id].size()), b.kind};
    dim_ += f.size;
    free_index_[id] = static_cast<int>(free_.size());
    free_.push_back(f);
  }
  // Sufficient statistics: an observed vector of iid normal or poisson draws with
  // scalar parameters.
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    if (!observed[id] || val_[id].size() < 2) continue;
    bool scalar_params = true;
    for (NodeId p : node.inputs) scalar_params = scalar_params && val_[p].size() == 1;
    if (!scalar_params || (node.dist != DistKind::Normal && node.dist != DistKind::Poisson)) continue;
    auto s = std::make_shared<Stats>();
    bool valid = true;
    for (double x : val_[id]) {
      s->n += 1, s->sum += x, s->sum_sq += x * x;
      if (node.dist == DistKind::Poisson) {
        valid = valid && x >= 0 && x == std::floor(x);
        s->constant -= std::lgamma(x + 1);
      }
      valid = valid && std::isfinite(x);
    }
    if (valid) stats_[id] = s;
  }
}

std::vector<double> LogDensityFunction::unconstrain(const std::vector<std::vector<double>>& values) const {
  std::vector<double> u(dim_);
  const Graph& g = *graph_;
  for (const FreeVariable& f : free_) {
    const Node& node = g.node(f.node);
    const BoundSpec b = bound_spec(node.dist);
    const ArrayView lo = b.lo_param >= 0 ? ArrayView{values[node.inputs[b.lo_param]].data(),
                                                     values[node.inputs[b.lo_param]].size()}
                                         : ArrayView{b.lo, 1};
    const ArrayView hi = b.hi_param >= 0 ? ArrayView{values[node.inputs[b.hi_param]].data(),
                                                     values[node.inputs[b.hi_param]].size()}
                                         : ArrayView{b.hi, 1};
    infer::unconstrain(f.transform, lo, hi, values[f.node], std::span<double>(u).subspan(f.offset, f.size));
  }
  return u;
}

double LogDensityFunction::evaluate(std::span<const double> u, std::span<double> grad) {
  const Graph& g = *graph_;
  const bool want_grad = !grad.empty();
  if (want_grad) {
    for (NodeId id : plan_) std::fill(adj_[id].begin(), adj_[id].end(), 0.0);
    std::fill(grad.begin(), grad.end(), 0.0);
  }
  double logj = 0, joint = 0;
  double** gin = gins_.data();
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    if (node.op == Op::Constant) continue;
    const std::size_t k = node.inputs.size();
    const std::span<ArrayView> views(views_.data(), k);
    for (std::size_t i = 0; i < k; ++i) views[i] = {val_[node.inputs[i]].data(), val_[node.inputs[i]].size()};
    if (node.op != Op::Draw) {
      detail::op_forward(node.op, views, rows_[id], val_[id]);
      continue;
    }
    const int fi = free_index_[id];
    if (fi >= 0) {
      const FreeVariable& f = free_[static_cast<std::size_t>(fi)];
      const BoundSpec b = bound_spec(node.dist);
      const ArrayView lo = b.lo_param >= 0 ? views[static_cast<std::size_t>(b.lo_param)] : ArrayView{b.lo, 1};
      const ArrayView hi = b.hi_param >= 0 ? views[static_cast<std::size_t>(b.hi_param)] : ArrayView{b.hi, 1};
      logj += constrain(f.transform, lo, hi, u.subspan(f.offset, f.size), val_[id]);
    }
    for (std::size_t i = 0; i < k; ++i)
      gin[i] = want_grad && !fixed_[node.inputs[i]] ? adj_[node.inputs[i]].data() : nullptr;
    double term;
    if (const Stats* s = stats_[id].get()) {
      const double a = views[0].data[0];
      if (node.dist == DistKind::Normal) {
        const double sig = views[1].data[0], q = s->sum_sq - 2 * a * s->sum + s->n * a * a;
        term = sig > 0 ? -s->n * (std::log(sig) + kHalfLog2Pi) - q / (2 * sig * sig) : kNegInf;
        if (gin[0]) gin[0][0] += (s->sum - s->n * a) / (sig * sig);
        if (gin[1]) gin[1][0] += -s->n / sig + q / (sig * sig * sig);
      } else {  // Poisson
        term = a > 0 ? (s->sum > 0 ? s->sum * std::log(a) : 0.0) - s->n * a + s->constant : kNegInf;
        if (gin[0]) gin[0][0] += s->sum / a - s->n;
      }
    } else {
      const ArrayView x{val_[id].data(), val_[id].size()};
      term = logpdf_with_partials(node.dist, views, x, std::span<double* const>(gin, k),
                                  want_grad && fi >= 0 ? adj_[id].data() : nullptr);
    }
    joint += term;
    if (term == kNegInf || std::isnan(term)) {
      joint_ = kNegInf;
      return kNegInf;
    }
  }
  joint_ = joint;
  if (!want_grad) return joint + logj;
  for (std::size_t p = plan_.size(); p-- > 0;) {
    const NodeId id = plan_[p];
    const Node& node = g.node(id);
    if (node.op == Op::Constant || fixed_[id]) continue;
    const std::size_t k = node.inputs.size();
    const std::span<ArrayView> views(views_.data(), k);
    for (std::size_t i = 0; i < k; ++i) views[i] = {val_[node.inputs[i]].data(), val_[node.inputs[i]].size()};
    if (node.op != Op::Draw) {
      for (std::size_t i = 0; i < k; ++i)
        gin[i] = fixed_[node.inputs[i]] ? nullptr : adj_[node.inputs[i]].data();
      detail::op_backward(node.op, views, rows_[id], val_[id], adj_[id], std::span<double* const>(gin, k));
      continue;
    }
    const int fi = free_index_[id];
    if (fi < 0) continue;
    const FreeVariable& f = free_[static_cast<std::size_t>(fi)];
    const BoundSpec b = bound_spec(node.dist);
    const ArrayView lo = b.lo_param >= 0 ? views[static_cast<std::size_t>(b.lo_param)] : ArrayView{b.lo, 1};
    const ArrayView hi = b.hi_param >= 0 ? views[static_cast<std::size_t>(b.hi_param)] : ArrayView{b.hi, 1};
    double* glo = b.lo_param >= 0 ? adj_[node.inputs[static_cast<std::size_t>(b.lo_param)]].data() : nullptr;
    double* ghi = b.hi_param >= 0 ? adj_[node.inputs[static_cast<std::size_t>(b.hi_param)]].data() : nullptr;
    constrain_backward(f.transform, lo, hi, u.subspan(f.offset, f.size), val_[id], adj_[id],
                       grad.subspan(f.offset, f.size), glo, ghi);
  }
  return joint + logj;
}

}  // namespace alea::infer
