// The compiled log density and its reverse sweep. The nodes of the density are
// compiled once into a tape: a flat list of steps in id order (a topological order)
// whose operands, outputs and adjoints are resolved to pointers into buffers allocated
// once, with functions of data alone folded to constants, the log of a fixed scale
// (normal, half-Cauchy) taken once, a normal whose scale is a square root taken by
// its variance, and observed counts whose probability is a logistic taken by its
// logit. Forward: each draw adds its log density and, at once, the partials of that
// term to the adjoints of its parameters and value (the term's adjoint is 1).
// Reverse: deterministic steps in reverse order pass adjoints to their inputs; free
// draws pass theirs through the transform to the unconstrained vector.
#include "alea/infer/gradient.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <functional>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "alea/dist/constraints.hpp"
#include "alea/dist/interval.hpp"
#include "alea/dist/ops.hpp"
#include "alea/dist/record.hpp"
#include "alea/graph/composite.hpp"
#include "../dist/log_density_terms.hpp"  // kHalfLog2Pi
#include "gradient_ops.hpp"
#include "node_owner.hpp"

namespace alea::infer {

// Sufficient statistics of an observed vector (its record's fold_stats, record.hpp), so
// that its term and partials cost O(1) in the number of observations.
struct LogDensityFunction::Stats {
  std::vector<double> s;
  dist::StatsPartialsFn partials = nullptr;
  int logit_param = -1;  // the parameter read as its logit (its logistic node fused)
};

// One node of the tape. Inputs are ins_[first, first + k) with their adjoints in
// gins_ (null for a fixed input); out and adj point into val_ and adj_ (adj null when
// the node needs no adjoint).
struct LogDensityFunction::Step {
  Op op = Op::Draw;
  DistKind dist = DistKind::Normal;
  std::size_t first = 0, k = 0, rows = 0;
  double* out = nullptr;
  std::size_t n = 0;
  double* adj = nullptr;
  const Stats* stats = nullptr;
  // A free draw: its transform, its slice of u, its bounds and their adjoints.
  bool is_free = false;
  TransformKind transform = TransformKind::Identity;
  std::size_t offset = 0, size = 0;
  ArrayView lo, hi;
  double* glo = nullptr;
  double* ghi = nullptr;
  // A normal draw whose scale is fixed: the sum over its elements of log sigma; a
  // half-Cauchy draw whose scale is a fixed scalar: its log.
  bool has_log_scale = false;
  double log_scale_sum = 0;
  // A normal draw whose scale is sqrt(v): its second input is v (normal by variance),
  // and the root's step is skipped when the density is evaluated (`fused_root`).
  bool by_variance = false;
  bool fused_root = false;
  // A partially centred normal draw: its form (constrain_partial), else info null.
  PartialForm partial;
  // A signed scale or partner: the coordinate whose sign multiplies its own (SignedScale).
  std::ptrdiff_t sign_at = -1;
  // An observed composite with its own density: its node (for its op and its
  // parameters' shapes).
  NodeId composite_node = 0;
};

namespace {

using dist::kNegInf;
using dist::detail::kHalfLog2Pi;
const double kZero = 0.0, kOne = 1.0;

// The transform of a free draw and where its bounds come from: a parameter index or
// constants. Read off the distribution's support (dist::record(k).support_spec): the
// sampler states no support of its own.
struct BoundSpec {
  TransformKind kind = TransformKind::Identity;
  int lo_param = -1, hi_param = -1;
  const double* lo = &kZero;
  const double* hi = &kOne;
  std::size_t lo_n = 1, hi_n = 1;  // constant bounds per element (censoring) have n
  std::optional<NodeId> lo_node, hi_node;  // a random cut point (censoring)
  bool moves() const { return lo_param >= 0 || hi_param >= 0 || lo_node || hi_node; }
};

BoundSpec bound_spec(DistKind k) {
  const dist::SupportSpec& s = dist::record(k).support_spec;
  BoundSpec b;
  if (s.simplex) b.kind = TransformKind::Simplex;
  if (s.spd) b.kind = TransformKind::CholeskySPD;
  // Integer draws are not transformed (they are updated by Gibbs or Metropolis).
  if (s.simplex || s.spd || s.integer) return b;
  const bool has_lo = s.lo.param >= 0 || std::isfinite(s.lo.value);
  const bool has_hi = s.hi.param >= 0 || std::isfinite(s.hi.value);
  b.kind = has_lo && has_hi ? TransformKind::Interval
           : has_lo         ? TransformKind::Lower
           : has_hi         ? TransformKind::Upper
                            : TransformKind::Identity;
  b.lo_param = s.lo.param, b.hi_param = s.hi.param;
  if (has_lo && s.lo.param < 0) b.lo = &s.lo.value;
  if (has_hi && s.hi.param < 0) b.hi = &s.hi.value;
  return b;
}

using detail::constant_value;

// Observed data bound to draws: the variable's own draw or the draws of its elements.
void bind_observed(const Graph& g, const Variable& v, std::vector<std::vector<double>>& val,
                   std::vector<bool>& observed) {
  const Node& n = g.node(v.node);
  const std::string why = "variable '" + v.name +
                          "' is observed but is a deterministic function of random "
                          "variables; its density needs the rewriter: simplify the model first";
  if (is_site(n.op)) {  // a draw, or a composite with its own density
    val[v.node] = v.observed->data();
    observed[v.node] = true;
    return;
  }
  const std::vector<NodeId> leaves = stacked_leaves(g, v.node);
  if (leaves.empty()) throw std::invalid_argument(why);
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    if (g.node(leaves[i]).op != Op::Draw) throw std::invalid_argument(why);
    val[leaves[i]] = {(*v.observed)[i]};
    observed[leaves[i]] = true;
  }
}

// A half-Cauchy draw whose scale s is a fixed scalar: per element
// log(2 / pi) - log s - log(1 + z^2) with z = x / s, log s taken once (log_s);
// d/dx = -2 z / (s (1 + z^2)).
double half_cauchy_fixed_scale(double s, double log_s, ArrayView x, double* dx) {
  const double log_2_over_pi = std::numbers::ln2 - std::log(std::numbers::pi);
  double lp = 0;
  for (std::size_t i = 0; i < x.n; ++i) {
    if (!(x.data[i] >= 0)) return kNegInf;
    const double z = x.data[i] / s;
    lp -= std::log1p(z * z);
    if (dx) dx[i] -= 2 * z / (s * (1 + z * z));
  }
  return lp + static_cast<double>(x.n) * (log_2_over_pi - log_s);
}

// The transform and bounds of free draw `id`: those of its distribution's support,
// or the interval that an observed dinterval censors it to.
BoundSpec bounds_of(const std::map<NodeId, CensorBounds>& censor, const std::vector<bool>& noncentred, NodeId id,
                    DistKind k, const std::map<NodeId, CensorBounds>& mirrored) {
  if (const auto m = mirrored.find(id); m != mirrored.end()) {
    BoundSpec b;
    b.kind = m->second.kind;
    b.lo = m->second.lo.data(), b.hi = m->second.hi.data();
    return b;
  }
  if (noncentred[id]) {
    BoundSpec b;
    b.kind = noncentred_transform(k);
    b.lo_param = 0, b.hi_param = 1;  // a normal's mean and sd (a lognormal's of its log)
    return b;
  }
  const auto it = censor.find(id);
  if (it == censor.end()) return bound_spec(k);
  const CensorBounds& c = it->second;
  BoundSpec b;
  b.kind = c.kind;
  b.lo = c.lo.data(), b.hi = c.hi.data();
  b.lo_n = c.lo.size(), b.hi_n = c.hi.size();
  b.lo_node = c.lo_node, b.hi_node = c.hi_node;
  return b;
}

}  // namespace

// An observed y ~ dinterval(t, c) whose cut points are random: where t is a scalar free
// draw of continuous values and c one random scalar, or (lo, hi) stacked, whose nodes come
// before t (so that their values are known when t is mapped), the cuts that bound t's
// interval are bounds that move with them, as uniform(a, b)'s do. Otherwise t keeps its
// own transform and the density of y rejects a point outside.
void LogDensityFunction::random_cuts(NodeId t, NodeId cuts, double y, const std::vector<bool>& observed) {
  const Graph& g = *graph_;
  const Node& d = g.node(t);
  if (d.op != Op::Draw || observed[t] || d.type == ScalarType::Integer || val_[t].size() != 1 || censor_.count(t)) return;
  const dist::SupportSpec& s = dist::record(d.dist).support_spec;
  if (s.depends_on_params() || s.simplex || s.spd || std::isfinite(s.lo.value) || std::isfinite(s.hi.value)) return;
  std::vector<NodeId> c{cuts};
  if (g.node(cuts).op == Op::Stack) c = g.node(cuts).inputs;
  if (c.size() > 2 || y != std::floor(y) || y < 0 || y > static_cast<double>(c.size())) return;
  // A cut computed from t would be a cycle.
  const auto reads_t = [&](NodeId k) {
    std::vector<NodeId> todo{k};
    std::set<NodeId> seen;
    while (!todo.empty()) {
      const NodeId x = todo.back();
      todo.pop_back();
      if (x == t) return true;
      if (!seen.insert(x).second) continue;
      todo.insert(todo.end(), g.node(x).inputs.begin(), g.node(x).inputs.end());
    }
    return false;
  };
  for (NodeId k : c)
    if (g.node(k).shape.size() != 1 || reads_t(k)) return;
  const auto i = static_cast<std::size_t>(y);
  CensorBounds b;
  b.lo.assign(1, -std::numeric_limits<double>::infinity());
  b.hi.assign(1, std::numeric_limits<double>::infinity());
  const auto bound = [&](NodeId k, std::vector<double>& fixed, std::optional<NodeId>& node) {
    if (g.is_constant_expr(k)) fixed[0] = constant_value(g, k)[0];
    else node = k;
  };
  if (i > 0) bound(c[i - 1], b.lo, b.lo_node);
  if (i < c.size()) bound(c[i], b.hi, b.hi_node);
  censor_[t] = b;
}

// Interval censoring: an observed y ~ dinterval(t, c) with constant cut points c puts
// t (a free draw, or an element of one) in (c[y], c[y+1]]; an observed y ~ dround(t, d)
// with constant d puts it in [y - h, y + h], h = 10^-d / 2 (rounded data). The bounds meet t's own
// support (when that does not move with t's parameters) and t's transform follows, so
// that the sampler starts and stays inside; the density of y is 0 there.
void LogDensityFunction::find_censoring(const std::vector<bool>& observed) {
  const Graph& g = *graph_;
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& y = g.node(id);
    const bool censor = y.dist == DistKind::Interval || y.dist == DistKind::Round;
    if (y.op != Op::Draw || !censor || !observed[id]) continue;
    NodeId t = y.inputs[0];
    if (!g.is_constant_expr(y.inputs[1])) {
      if (y.dist == DistKind::Interval) random_cuts(t, y.inputs[1], val_[id][0], observed);
      continue;
    }
    std::size_t elem = 0;
    const Node& tn = g.node(t);
    if (tn.op == Op::Index && tn.inputs.size() == 2 && g.node(tn.inputs[1]).op == Op::Constant &&
        g.node(tn.inputs[0]).shape.rank() == 1) {
      elem = static_cast<std::size_t>(g.node(tn.inputs[1]).constant->scalar());
      t = tn.inputs[0];
    }
    const Node& d = g.node(t);
    if (d.op != Op::Draw || observed[t] || d.type == ScalarType::Integer) continue;
    const dist::SupportSpec& s = dist::record(d.dist).support_spec;
    if (s.depends_on_params() || s.simplex || s.spd || elem >= val_[t].size()) continue;
    CensorBounds& b = censor_[t];
    if (b.lo.empty()) b.lo.assign(val_[t].size(), s.lo.value), b.hi.assign(val_[t].size(), s.hi.value);
    const std::vector<double> c_or_d = constant_value(g, y.inputs[1]);
    if (y.dist == DistKind::Round && c_or_d.size() != 1) continue;
    const dist::Support c = y.dist == DistKind::Interval ? dist::censoring_bounds(c_or_d, val_[id][0])
                                                         : dist::rounding_bounds(val_[id][0], c_or_d[0]);
    b.lo[elem] = std::max(b.lo[elem], c.lo);
    b.hi[elem] = std::min(b.hi[elem], c.hi);
  }
  // One transform per variable: a variable whose elements differ in which bounds are
  // finite keeps its support's transform (the density of y then rejects a point outside).
  for (auto it = censor_.begin(); it != censor_.end();) {
    CensorBounds& b = it->second;
    const auto all = [](const std::vector<double>& v, bool finite, bool node) {
      return node ? finite : std::all_of(v.begin(), v.end(), [&](double x) { return std::isfinite(x) == finite; });
    };
    const bool ln = b.lo_node.has_value(), hn = b.hi_node.has_value();
    if (all(b.lo, true, ln) && all(b.hi, true, hn)) b.kind = TransformKind::Interval;
    else if (all(b.lo, true, ln) && all(b.hi, false, hn)) b.kind = TransformKind::Lower;
    else if (all(b.lo, false, ln) && all(b.hi, true, hn)) b.kind = TransformKind::Upper;
    else {
      it = censor_.erase(it);
      continue;
    }
    ++it;
  }
}

LogDensityFunction::LogDensityFunction(const Model& m, const std::vector<NodeId>& noncentred,
                                       const std::map<NodeId, PartialCentring>& partial,
                                       const std::vector<SignedScale>& signed_scales)
    : graph_(m.graph_ptr()) {
  const Graph& g = *graph_;
  const std::size_t n = g.size();
  // A closed composite must be observed and have its own gradient (graph/composite.hpp);
  // others are expanded first (expand_all).
  for (NodeId id = 0; id < n; ++id) {
    if (g.node(id).op != Op::Composite) continue;
    const CompositeDef& def = composite_def(g.node(id).composite);
    const bool observed = std::any_of(m.variables().begin(), m.variables().end(),
                                      [&](const Variable& v) { return v.node == id && v.observed; });
    if (!observed || !def.gradient)
      throw std::invalid_argument("log density gradient: the composite " + def.name + " is " +
                                  (observed ? "observed but has no gradient of its own" : "not observed") +
                                  "; expand it first (expand_all)");
  }
  noncentred_.assign(n, false);
  for (NodeId id : noncentred) {
    if (id >= n || g.node(id).op != Op::Draw ||
        (g.node(id).dist != DistKind::Normal && g.node(id).dist != DistKind::LogNormal))
      throw std::invalid_argument("log density: only a normal or lognormal draw can be non-centred");
    noncentred_[id] = true;
  }
  partial_.resize(n);
  for (const auto& [id, form] : partial) {
    if (id >= n || !noncentred_[id] || g.node(id).dist != DistKind::Normal ||
        form.info.size() != static_cast<std::size_t>(g.node(id).shape.size()) ||
        form.centre.size() != form.info.size())
      throw std::invalid_argument(
          "log density: partial centring needs a non-centred normal draw, an information and a centre per element");
    for (std::size_t i = 0; i < form.info.size(); ++i)
      if (!(form.info[i] >= 0 && std::isfinite(form.info[i]) && std::isfinite(form.centre[i])))
        throw std::invalid_argument("log density: a partial centring information is negative or not finite, or a "
                                    "centre not finite");
    partial_[id] = form;
  }
  val_.resize(n);
  std::vector<std::size_t> rows(n, 0);
  for (NodeId id = 0; id < n; ++id) {
    const Node& node = g.node(id);
    val_[id].assign(static_cast<std::size_t>(node.shape.size()), 0.0);
    if (node.op == Op::Constant) val_[id] = node.constant->data();
    if (!node.inputs.empty() && g.node(node.inputs[0]).shape.rank() == 2)
      rows[id] = static_cast<std::size_t>(g.node(node.inputs[0]).shape.dims[0]);
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
  find_censoring(observed);
  mirror(signed_scales, observed);
  const std::vector<alea::detail::Owner> owners = alea::detail::draw_owners(m);
  std::vector<int> free_index(n, -1);
  std::vector<bool> fixed(n, false);
  stats_.resize(n);
  for (NodeId id = 0; id < n; ++id) {
    if (!in_density_[id]) continue;
    const Node& node = g.node(id);
    fixed[id] = node.op == Op::Constant || observed[id];
    if (node.op != Op::Constant && node.op != Op::Draw && g.is_constant_expr(id)) {
      // A function of data alone (sigma^2, ...): computed once here, not per evaluation.
      // (dist::evaluate: any rank, such as data of rank 3 indexed by constants.)
      std::vector<Value> in;
      for (NodeId i : node.inputs) in.emplace_back(g.node(i).shape, val_[i], g.node(i).type);
      val_[id] = dist::evaluate(node.op, in).data();
      fixed[id] = true;
      continue;
    }
    if (node.op != Op::Constant) plan_.push_back(id);
    if (node.op != Op::Draw || observed[id]) continue;
    if (node.type == ScalarType::Integer) {
      discrete_.push_back(id);
      continue;
    }
    const BoundSpec b = bounds_of(censor_, noncentred_, id, node.dist, mirrored_);
    FreeVariable f{id, owners[id].display, dim_, unconstrained_size(b.kind, val_[id].size()), b.kind, b.moves()};
    dim_ += f.size;
    free_index[id] = static_cast<int>(free_.size());
    free_.push_back(f);
  }
  order_for_moving_cuts();
  for (const SignedScale& sc : signed_scales) {
    const auto offset = static_cast<std::ptrdiff_t>(free_[static_cast<std::size_t>(free_index[sc.scale])].offset);
    free_[static_cast<std::size_t>(free_index[sc.scale])].sign_of = offset;
    for (NodeId p : sc.partners) free_[static_cast<std::size_t>(free_index[p])].sign_of = offset;
  }
  last_sign_.assign(dim_, 1.0);
  // Sufficient statistics of observed vectors, folded once here from the data and the
  // parameters that never change (the data are checked here, not per evaluation).
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    if (!observed[id] || node.op != Op::Draw || val_[id].size() < 2) continue;
    const dist::DistRecord& r = dist::record(node.dist);
    if (!r.fold_stats || node.inputs.size() > 8) continue;
    std::vector<ArrayView> params;
    bool fixed_param[8] = {};
    for (std::size_t j = 0; j < node.inputs.size(); ++j) {
      const NodeId in = node.inputs[j];
      params.push_back({val_[in].data(), val_[in].size()});
      fixed_param[j] = fixed[in];
    }
    auto st = std::make_shared<Stats>();
    st->partials = r.stats_partials;
    if (r.fold_stats(params, std::span<const bool>(fixed_param, node.inputs.size()),
                     {val_[id].data(), val_[id].size()}, st->s))
      stats_[id] = st;
  }
  // A square root whose one use is the scale of a normal draw, and that is no
  // variable's value: the draw takes its radicand as a variance instead.
  std::vector<int> uses(n, 0);
  for (NodeId id = 0; id < n; ++id)
    for (NodeId i : g.node(id).inputs) ++uses[i];
  std::vector<bool> fuse(n, false);
  // A logistic node whose one use is the probability of observed counts with folded
  // statistics (a logistic regression's): the counts' density reads its input, the
  // logit, instead (record.hpp's logit_stats_partials), and the node is computed only
  // by set_point. It may be a variable: the sampler computes those (fused()).
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    if (node.op != Op::Draw || !stats_[id]) continue;
    const dist::DistRecord& r = dist::record(node.dist);
    if (r.logit_param < 0 || !r.logit_stats_partials) continue;
    const NodeId p = node.inputs[static_cast<std::size_t>(r.logit_param)];
    if (fixed[p] || g.node(p).op != Op::Logistic || uses[p] != 1) continue;
    fuse[p] = true;
    auto logit = std::make_shared<Stats>(*stats_[id]);
    logit->partials = r.logit_stats_partials;
    logit->logit_param = r.logit_param;
    stats_[id] = std::move(logit);
  }
  for (const Variable& v : m.variables()) uses[v.node] += 2;
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    if (node.op != Op::Draw || node.dist != DistKind::Normal || stats_[id]) continue;
    if (noncentred_[id]) continue;  // its transform reads the sd itself
    const NodeId root = node.inputs[1];
    fuse[root] = !fixed[root] && g.node(root).op == Op::Sqrt && uses[root] == 1;
  }
  compile(free_index, fixed, rows, fuse);
  fused_ = std::move(fuse);
}

// The mirrored bounds of the signed scales (SignedScale), after checking that each is
// one: a free scalar uniform(0, U) (constant bounds), half-normal or half-Cauchy, with
// free normal partners sampled as they are.
void LogDensityFunction::mirror(const std::vector<SignedScale>& signed_scales, const std::vector<bool>& observed) {
  const Graph& g = *graph_;
  std::set<NodeId> partnered;
  const auto free_draw = [&](NodeId id) {
    return id < g.size() && g.node(id).op == Op::Draw && in_density_[id] && !observed[id] &&
           g.node(id).type != ScalarType::Integer && !censor_.count(id) && !noncentred_[id];
  };
  for (const SignedScale& sc : signed_scales) {
    const auto bad = [&](const std::string& why) {
      return std::invalid_argument("log density: node " + std::to_string(sc.scale) + " cannot be a signed scale: " + why);
    };
    if (!free_draw(sc.scale) || g.node(sc.scale).shape.size() != 1) throw bad("not a free scalar draw");
    const std::optional<double> u = detail::mirrored_bound(g, sc.scale);
    if (!u) throw bad("its distribution is not uniform(0, U) with constant bounds, half-normal or half-Cauchy");
    // (-U, U) by the logistic, or the real line (the bounds then unused).
    CensorBounds b;
    b.kind = std::isfinite(*u) ? TransformKind::Interval : TransformKind::Identity;
    b.lo = {std::isfinite(*u) ? -*u : 0.0}, b.hi = {std::isfinite(*u) ? *u : 1.0};
    if (sc.partners.empty()) throw bad("no partner");
    for (NodeId p : sc.partners) {
      if (!free_draw(p) || p == sc.scale || !detail::standard_partner(g, p))
        throw bad("partner node " + std::to_string(p) + " is not a free normal(0, c) draw with c constant");
      if (!partnered.insert(p).second) throw bad("partner node " + std::to_string(p) + " has another scale");
    }
    mirrored_[sc.scale] = std::move(b);
  }
}

std::span<const double> LogDensityFunction::signed_coordinates(const Step& s, std::span<const double> u,
                                                               bool& flipped) {
  const std::span<const double> us = u.subspan(s.offset, s.size);
  flipped = false;
  if (s.sign_at < 0) return us;
  // The sign bit: a coordinate of -0 (an initial scale of 0 with a negative sign) is
  // the negative half, as unconstrain_free wrote it.
  flipped = std::signbit(u[static_cast<std::size_t>(s.sign_at)]);
  last_sign_[static_cast<std::size_t>(s.sign_at)] = flipped ? -1.0 : 1.0;
  if (!flipped) return us;
  flipped_.resize(us.size());
  for (std::size_t i = 0; i < us.size(); ++i) flipped_[i] = -us[i];
  return flipped_;
}

// The tape runs in node order, which puts every input first; a draw bounded by a random
// cut point (random_cuts) also needs the cut first: the plan is then sorted so.
void LogDensityFunction::order_for_moving_cuts() {
  const bool moving = std::any_of(censor_.begin(), censor_.end(),
                                  [](const auto& c) { return c.second.lo_node || c.second.hi_node; });
  if (!moving) return;
  const Graph& g = *graph_;
  std::vector<char> in_plan(g.size(), 0), done(g.size(), 0);
  for (NodeId id : plan_) in_plan[id] = 1;
  std::vector<NodeId> order;
  order.reserve(plan_.size());
  const std::function<void(NodeId)> place = [&](NodeId id) {
    if (!in_plan[id] || done[id]) return;
    done[id] = 1;
    for (NodeId i : g.node(id).inputs) place(i);
    if (const auto it = censor_.find(id); it != censor_.end())
      for (const auto& k : {it->second.lo_node, it->second.hi_node})
        if (k) place(*k);
    order.push_back(id);
  };
  for (NodeId id : plan_) place(id);
  plan_ = std::move(order);
}

LogDensityFunction::~LogDensityFunction() = default;
LogDensityFunction::LogDensityFunction(LogDensityFunction&&) noexcept = default;

// The tape: one adjoint buffer for the nodes that are not fixed, then each step's
// operands as pointers (the buffers are never resized after this).
void LogDensityFunction::compile(const std::vector<int>& free_index, const std::vector<bool>& fixed,
                                 const std::vector<std::size_t>& rows, const std::vector<bool>& fuse) {
  const Graph& g = *graph_;
  std::vector<std::size_t> adj_offset(g.size(), 0);
  std::size_t total = 0;
  for (NodeId id : plan_)
    if (!fixed[id]) adj_offset[id] = total, total += val_[id].size();
  adj_.assign(total, 0.0);
  const auto adjoint = [&](NodeId id) { return fixed[id] ? nullptr : adj_.data() + adj_offset[id]; };
  std::size_t n_ins = 0;
  for (NodeId id : plan_) n_ins += g.node(id).inputs.size();
  ins_.reserve(n_ins);
  gins_.reserve(n_ins);
  no_gins_.assign(n_ins, nullptr);
  for (NodeId id : plan_) {
    const Node& node = g.node(id);
    Step s;
    s.op = node.op;
    s.dist = node.dist;
    s.first = ins_.size();
    s.k = node.inputs.size();
    s.rows = rows[id];
    s.out = val_[id].data();
    s.n = val_[id].size();
    s.adj = adjoint(id);
    s.stats = stats_[id].get();
    for (NodeId i : node.inputs) {
      ins_.push_back({val_[i].data(), val_[i].size()});
      gins_.push_back(adjoint(i));
    }
    if (node.op == Op::Draw && free_index[id] >= 0) {
      const FreeVariable& f = free_[static_cast<std::size_t>(free_index[id])];
      const BoundSpec b = bounds_of(censor_, noncentred_, id, node.dist, mirrored_);
      s.is_free = true;
      s.transform = f.transform;
      s.offset = f.offset;
      s.size = f.size;
      s.lo = b.lo_param >= 0 ? ins_[s.first + static_cast<std::size_t>(b.lo_param)] : ArrayView{b.lo, b.lo_n};
      s.hi = b.hi_param >= 0 ? ins_[s.first + static_cast<std::size_t>(b.hi_param)] : ArrayView{b.hi, b.hi_n};
      s.glo = b.lo_param >= 0 ? gins_[s.first + static_cast<std::size_t>(b.lo_param)] : nullptr;
      s.ghi = b.hi_param >= 0 ? gins_[s.first + static_cast<std::size_t>(b.hi_param)] : nullptr;
      if (b.lo_node) s.lo = {val_[*b.lo_node].data(), 1}, s.glo = adjoint(*b.lo_node);
      if (b.hi_node) s.hi = {val_[*b.hi_node].data(), 1}, s.ghi = adjoint(*b.hi_node);
      if (!partial_[id].info.empty()) s.partial = {partial_[id].info.data(), partial_[id].centre.data()};
      s.sign_at = f.sign_of;
    }
    if (node.op == Op::Draw && node.dist == DistKind::Normal && !s.stats && fixed[node.inputs[1]]) {
      const ArrayView sigma = ins_[s.first + 1];
      bool valid = true;
      for (std::size_t i = 0; i < s.n; ++i) {
        valid = valid && sigma[i] > 0 && std::isfinite(sigma[i]);
        s.log_scale_sum += valid ? std::log(sigma[i]) : 0.0;
      }
      s.has_log_scale = valid;
    }
    if (node.op == Op::Draw && node.dist == DistKind::HalfCauchy && fixed[node.inputs[0]] &&
        ins_[s.first].n == 1 && ins_[s.first].data[0] > 0 && std::isfinite(ins_[s.first].data[0])) {
      s.has_log_scale = true;
      s.log_scale_sum = std::log(ins_[s.first].data[0]);
    }
    s.fused_root = fuse[id];
    if (s.stats && s.stats->logit_param >= 0) {
      const auto k = s.first + static_cast<std::size_t>(s.stats->logit_param);
      const NodeId eta = g.node(node.inputs[static_cast<std::size_t>(s.stats->logit_param)]).inputs[0];
      ins_[k] = {val_[eta].data(), val_[eta].size()};
      gins_[k] = adjoint(eta);
    }
    if (node.op == Op::Draw && node.dist == DistKind::Normal && fuse[node.inputs[1]]) {
      const NodeId radicand = g.node(node.inputs[1]).inputs[0];
      s.by_variance = true;
      ins_[s.first + 1] = {val_[radicand].data(), val_[radicand].size()};
      gins_[s.first + 1] = adjoint(radicand);
    }
    if (node.op == Op::Composite) s.composite_node = id;
    if ((!is_site(node.op) && !s.fused_root) || s.is_free) back_.push_back(tape_.size());
    tape_.push_back(s);
  }
}

std::vector<double> LogDensityFunction::unconstrain(const std::vector<std::vector<double>>& values) const {
  std::vector<double> u(dim_);
  const Graph& g = *graph_;
  for (const FreeVariable& f : free_) {
    const Node& node = g.node(f.node);
    const BoundSpec b = bounds_of(censor_, noncentred_, f.node, node.dist, mirrored_);
    const auto given = [&](NodeId id) -> const std::vector<double>& {
      if (id >= values.size() || values[id].empty())
        throw std::invalid_argument("unconstrain: no value for node " + std::to_string(id) +
                                    ", a bound of the free variable " + f.name);
      return values[id];
    };
    const auto bound = [&](int param, const std::optional<NodeId>& at, const double* fixed, std::size_t n) {
      if (param >= 0) {
        const std::vector<double>& v = given(node.inputs[static_cast<std::size_t>(param)]);
        return ArrayView{v.data(), v.size()};
      }
      if (at) return ArrayView{given(*at).data(), 1};
      return ArrayView{fixed, n};
    };
    const ArrayView lo = bound(b.lo_param, b.lo_node, b.lo, b.lo_n);
    const ArrayView hi = bound(b.hi_param, b.hi_node, b.hi, b.hi_n);
    unconstrain_one(f, lo, hi, values[f.node], std::span<double>(u).subspan(f.offset, f.size));
  }
  return u;
}

void LogDensityFunction::unconstrain_one(const FreeVariable& f, ArrayView lo, ArrayView hi, std::span<const double> x,
                                         std::span<double> u) const {
  if (!partial_[f.node].info.empty())
    unconstrain_partial(lo, hi, {partial_[f.node].info.data(), partial_[f.node].centre.data()}, x, u);
  else
    infer::unconstrain(f.transform, lo, hi, x, u);
}

std::vector<NodeId> LogDensityFunction::unconstrain_reads() const {
  std::vector<NodeId> out;
  for (const FreeVariable& f : free_) {
    const Node& node = graph_->node(f.node);
    const BoundSpec b = bounds_of(censor_, noncentred_, f.node, node.dist, mirrored_);
    out.push_back(f.node);
    for (const int param : {b.lo_param, b.hi_param})
      if (param >= 0) out.push_back(node.inputs[static_cast<std::size_t>(param)]);
    for (const auto& at : {b.lo_node, b.hi_node})
      if (at) out.push_back(*at);
  }
  return out;
}

void LogDensityFunction::unconstrain_free(std::size_t k, std::span<const double> x, std::span<double> u) const {
  const FreeVariable& f = free_[k];
  const Node& node = graph_->node(f.node);
  const BoundSpec b = bounds_of(censor_, noncentred_, f.node, node.dist, mirrored_);
  const auto bound = [&](int param, const std::optional<NodeId>& at, const double* fixed) {
    if (at) return ArrayView{val_[*at].data(), 1};
    if (param < 0) return ArrayView{fixed, 1};
    const std::vector<double>& v = val_[node.inputs[static_cast<std::size_t>(param)]];
    return ArrayView{v.data(), v.size()};
  };
  unconstrain_one(f, bound(b.lo_param, b.lo_node, b.lo), bound(b.hi_param, b.hi_node, b.hi), x, u);
  // A signed scale or partner keeps the sign of the scale's coordinate at the last
  // evaluation, so that the values of the others stay as they are; a negative scale is
  // outside its support, as it is unsigned.
  if (f.sign_of < 0) return;
  const double sign = last_sign_[static_cast<std::size_t>(f.sign_of)];
  if (mirrored_.count(f.node)) {
    for (std::size_t i = 0; i < u.size(); ++i)
      u[i] = x[i] < 0 ? std::numeric_limits<double>::quiet_NaN() : std::copysign(u[i], sign);
  } else if (sign < 0) {
    for (double& v : u) v = -v;
  }
}

// A domain error met at u (a parameter outside its domain at an extreme point) makes
// the density -inf there: the caller rejects the point, as Stan rejects a proposal.
double LogDensityFunction::evaluate(std::span<const double> u, std::span<double> grad, bool terms) {
  std::size_t at = 0;
  try {
    return evaluate_unchecked(u, grad, terms, at);
  } catch (const std::domain_error& e) {
    if (!first_failure_) first_failure_ = DomainFailure{plan_[at], e.what()};
  } catch (const std::out_of_range& e) {
    if (!first_failure_) first_failure_ = DomainFailure{plan_[at], e.what()};
  }
  ++failures_;
  joint_ = kNegInf;
  return kNegInf;
}

std::vector<NodeId> LogDensityFunction::nonfinite_at(std::span<const double> u) {
  std::vector<double> grad(dim_);
  term_.assign(tape_.size(), 0.0);
  record_terms_ = true;
  const double lp = evaluate(u, grad, true);
  record_terms_ = false;
  std::vector<NodeId> out;
  for (std::size_t i = 0; i < tape_.size(); ++i)
    if (tape_[i].op == Op::Draw && !std::isfinite(term_[i])) out.push_back(plan_[i]);
  if (out.empty() && !std::isfinite(lp) && first_failure_) out.push_back(first_failure_->node);
  if (!out.empty()) return out;
  for (const FreeVariable& f : free_)
    for (std::size_t i = 0; i < f.size; ++i)
      if (!std::isfinite(grad[f.offset + i])) {
        out.push_back(f.node);
        break;
      }
  return out;
}

// An observed composite's own log density (its op's gradient, graph/composite.hpp),
// adding its partials to its parameters' adjoints (gin, null without a gradient).
double LogDensityFunction::composite_term(const Step& s, std::span<const ArrayView> in, double* const* gin) const {
  const Graph& g = *graph_;
  const Node& node = g.node(s.composite_node);
  const CompositeDef& def = composite_def(node.composite);
  std::vector<Value> params;
  std::vector<std::vector<double>> d(in.size());
  for (std::size_t k = 0; k < in.size(); ++k) {
    const Node& p = g.node(node.inputs[k]);
    params.emplace_back(p.shape, std::vector<double>(in[k].data, in[k].data + in[k].n), p.type);
    d[k].assign(in[k].n, 0.0);
  }
  const Value value(node.shape, std::vector<double>(s.out, s.out + s.n), node.type);
  const double term = def.gradient(node.dist, params, value, d);
  if (gin)
    for (std::size_t k = 0; k < in.size(); ++k)
      if (gin[k])
        for (std::size_t i = 0; i < in[k].n; ++i) gin[k][i] += d[k][i];
  return term;
}

double LogDensityFunction::evaluate_unchecked(std::span<const double> u, std::span<double> grad, bool terms,
                                              std::size_t& at) {
  const bool want_grad = !grad.empty();
  if (want_grad) {
    std::fill(adj_.begin(), adj_.end(), 0.0);
    std::fill(grad.begin(), grad.end(), 0.0);
  }
  double logj = 0, joint = 0;
  double* const* gins = want_grad ? gins_.data() : no_gins_.data();
  for (at = 0; at < tape_.size(); ++at) {
    const Step& s = tape_[at];
    const std::span<const ArrayView> in(ins_.data() + s.first, s.k);
    if (s.op != Op::Draw && s.op != Op::Composite) {
      if (!(terms && s.fused_root)) detail::op_forward(s.op, in, s.rows, {s.out, s.n});
      continue;
    }
    if (s.is_free) {
      bool flipped = false;
      const std::span<const double> us = signed_coordinates(s, u, flipped);
      logj += s.partial.info ? constrain_partial(s.lo, s.hi, s.partial, us, {s.out, s.n})
                       : constrain(s.transform, s.lo, s.hi, us, {s.out, s.n});
    }
    if (!terms) continue;
    double* const* gin = gins + s.first;
    double* gx = want_grad && s.is_free ? s.adj : nullptr;
    double term;
    if (s.op == Op::Composite) {
      term = composite_term(s, in, want_grad ? gin : nullptr);
    } else if (s.stats) {
      term = s.stats->partials(s.stats->s, in, std::span<double* const>(gin, s.k));
    } else if (s.by_variance) {
      term = normal_variance_logpdf_with_partials(in[0], in[1], {s.out, s.n}, gin[0], gin[1], gx);
    } else if (s.dist == DistKind::HalfCauchy && s.has_log_scale) {
      term = half_cauchy_fixed_scale(in[0].data[0], s.log_scale_sum, {s.out, s.n}, gx);
    } else if (s.dist == DistKind::Normal) {
      term = normal_logpdf_with_partials(in[0], in[1], {s.out, s.n}, gin[0], gin[1], gx,
                                         s.has_log_scale ? &s.log_scale_sum : nullptr);
    } else {
      term = logpdf_with_partials(s.dist, in, {s.out, s.n}, std::span<double* const>(gin, s.k), gx);
    }
    joint += term;
    if (record_terms_) {
      term_[at] = term;
      continue;
    }
    if (term == kNegInf || std::isnan(term)) {
      joint_ = kNegInf;
      return kNegInf;
    }
  }
  joint_ = terms ? joint : 0.0;
  if (!want_grad) return joint + logj;
  if (record_terms_ && !std::isfinite(joint)) return kNegInf;  // it went on past a bad term
  for (std::size_t b = back_.size(); b-- > 0;) {
    at = back_[b];
    const Step& s = tape_[at];
    const std::span<const ArrayView> in(ins_.data() + s.first, s.k);
    if (s.op != Op::Draw) {
      detail::op_backward(s.op, in, s.rows, {s.out, s.n}, {s.adj, s.n},
                          std::span<double* const>(gins_.data() + s.first, s.k));
      continue;
    }
    bool flipped = false;
    const std::span<const double> us = signed_coordinates(s, u, flipped);
    const std::span<double> gu = grad.subspan(s.offset, s.size);
    if (s.partial.info)
      constrain_partial_backward(s.lo, s.hi, s.partial, us, {s.out, s.n}, {s.adj, s.n}, gu, s.glo, s.ghi);
    else
      constrain_backward(s.transform, s.lo, s.hi, us, {s.out, s.n}, {s.adj, s.n}, gu, s.glo, s.ghi);
    // x = T(sign u): d/du is sign times d/d(sign u). Only this step writes its slice.
    if (flipped)
      for (double& g : gu) g = -g;
  }
  return joint + logj;
}

}  // namespace alea::infer
