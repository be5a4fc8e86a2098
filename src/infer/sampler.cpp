// One chain: Gibbs sweeps over the discrete latents, a NUTS transition on the
// continuous block, and after warmup forward draws of what the density leaves out.
// Chains run on a pool of threads; each has its own LogDensityFunction and stream.
#include "alea/infer/sampler.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <limits>
#include <optional>
#include <stdexcept>
#include <thread>

#include "alea/dist/registry.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/nuts.hpp"
#include "alea/model/composite.hpp"
#include "gradient_ops.hpp"
#include "node_owner.hpp"
#include "chain_start.hpp"
#include "hierarchical_gibbs.hpp"
#include "conjugate_coordinate.hpp"
#include "inversion.hpp"
#include "variable_elements.hpp"

namespace alea {
namespace {

using infer::LogDensityFunction;

constexpr int kCountSteps = 10;
constexpr double kGibbsMaxValues = 10000;

class Chain {
 public:
  Chain(const Model& m, const SamplerOptions& opt, std::size_t chain, std::atomic<long>& done,
        const detail::NodeNames& names, const InitialValues* inits, const detail::HierarchicalPlan& plan,
        const detail::ResidualInversion* inversion, const std::vector<detail::ConjugateCoordinate>& conjugate)
      : m_(m), opt_(opt), chain_(chain), f_(m, plan.noncentred, plan.partial, plan.signed_scales), plan_(plan), rng_(opt.seed, chain), nuts_(f_, rng_, {opt.max_depth, 1000}), done_(done),
        names_(names), start_(m, f_, rng_, names, inits), inversion_(inversion) {
    const Graph& g = m.graph();
    for (NodeId d : f_.discrete_latents()) {
      double lo = 0, hi = 0;
      if (!detail::finite_support(f_, g.node(d), 0, lo, hi) && !detail::count_support(f_, g.node(d), 0, lo))
        throw std::invalid_argument(
            names_.describe(d) + ": a discrete latent " + std::string(dist_info(g.node(d).dist).name) +
            " draw has no finite support to update by Gibbs, is no count to update by Metropolis, "
            "and no rule marginalized it");
    }
    const auto family = [&](std::size_t k) -> std::optional<detail::ConditionalFamily> {
      for (const detail::ConjugateCoordinate& c : conjugate)
        if (c.coordinate() == k) return c.family();
      return std::nullopt;
    };
    for (std::size_t k : plan_.scales) scales_.emplace_back(k, family(k));
    // The other conjugate coordinates leave NUTS for the Gibbs sweep.
    for (const detail::ConjugateCoordinate& c : conjugate)
      if (std::find(plan_.scales.begin(), plan_.scales.end(), c.coordinate()) == plan_.scales.end())
        scales_.emplace_back(c.coordinate(), c.family());
    for (const detail::CoordinateBlock& b : plan_.gaussian) groups_.emplace_back(b);
    for (const auto& w : plan_.interweave) interweaved_.emplace_back(w);
  }

  // Keeps the unconstrained point of every iteration after warmup (a pilot run's).
  void keep_points(std::vector<std::vector<double>>* to) { points_ = to; }

  ChainResult run(const std::vector<std::string>& vars) {
    const Graph& g = m_.graph();
    std::vector<std::string> columns = kSamplerColumns;
    std::vector<NodeId> var_nodes;
    for (const std::string& v : vars) {
      var_nodes.push_back(m_.variable(v).node);
      for (auto& c : column_names(v, g.node(var_nodes.back()).shape)) columns.push_back(std::move(c));
    }
    plan_forward(var_nodes);
    ChainResult out;
    out.draws = DrawTable(columns);
    out.draws.reserve(static_cast<std::size_t>((opt_.draws + opt_.thin - 1) / opt_.thin));
    compute_constants();
    tape_forward();
    start_.start(z_);
    if (inversion_) {
      draw_by_inversion(var_nodes, columns.size(), out);
      finish(out);
      return out;
    }
    infer::StepSizeAdaptation step;
    step.delta = opt_.adapt_delta;
    hold_scales();
    std::size_t moving = 0;
    for (double m : nuts_.inv_metric) moving += m > 0;
    // Auto: dense for a small block without a hierarchical group. A group's geometry
    // is curved (what is left of its funnel in either form), which no linear map
    // straightens: seeds' 26 coordinates took larger steps with a dense metric and
    // gave 192 divergent transitions at one seed, none to 2 with a diagonal one. Nor
    // with a signed scale: the posterior's two mirrored halves give the warmup's
    // covariance a direction from one to the other that neither half has (a
    // 12-element Poisson model: 780 divergent transitions at three seeds, 112 diagonal).
    const bool dense = opt_.metric == SamplerOptions::Metric::Dense ||
                       (opt_.metric == SamplerOptions::Metric::Auto && moving >= 2 &&
                        moving <= SamplerOptions::kAutoDenseMax && plan_.nuts_groups.empty() &&
                        plan_.signed_scales.empty());
    infer::MetricAdaptation metric(f_.dimension(), opt_.warmup, 75, 50, 25, dense);
    std::vector<double> dense_inv;
    // Every coordinate updated by Gibbs (a fully Gaussian hierarchy): no NUTS step.
    const bool nuts_moves = std::any_of(nuts_.inv_metric.begin(), nuts_.inv_metric.end(), [](double m) { return m > 0; });
    if (nuts_moves) nuts_.init_step_size(z_);
    step.restart(nuts_.step_size);
    std::vector<double> row(columns.size());
    for (long it = 0; it < opt_.warmup + opt_.draws; ++it) {
      if (it == opt_.warmup) announce_adapted(out.draws.columns(), nullptr);
      if (!f_.discrete_latents().empty()) {
        gibbs_sweep();
        z_.lp = f_.value_and_gradient(z_.q, z_.grad);  // the density changed with the discrete values
      }
      if (!scales_.empty()) {
        for (detail::GaussianBlock& b : groups_) b.update(f_, z_, rng_);
        for (detail::SliceCoordinate& s : scales_) s.update(f_, z_, rng_, it < opt_.warmup);
        for (detail::InterweavedScale& s : interweaved_) s.update(f_, z_, rng_, it < opt_.warmup);
        z_.lp = f_.value_and_gradient(z_.q, z_.grad);
      }
      infer::NutsTransition t;
      if (nuts_moves) {
        t = nuts_.transition(z_);
      } else {
        t.accept_stat = 1;
        t.energy = -z_.lp;
      }
      if (it < opt_.warmup && nuts_moves) {
        nuts_.step_size = step.learn(t.accept_stat);
        if (metric.learn(nuts_.inv_metric, z_.q, dense ? &dense_inv : nullptr)) {
          hold_scales();
          if (dense) nuts_.set_dense_metric(dense_inv);
          z_.lp = f_.value_and_gradient(z_.q, z_.grad);
          nuts_.init_step_size(z_);
          step.restart(nuts_.step_size);
        }
        if (it + 1 == opt_.warmup) nuts_.step_size = step.final_step_size();
      } else if (it >= opt_.warmup) {
        out.divergences += t.divergent;
        // The exact draws at every iteration, kept or not, so that a thinned chain is
        // every thin-th row of the same chain unthinned (one random stream).
        f_.set_point(z_.q);  // node values at the draw
        forward_rest();
        if (points_) points_->push_back(z_.q);
        if ((it - opt_.warmup) % opt_.thin == 0) {
          const double sampler[] = {t.accept_stat, nuts_.step_size, static_cast<double>(t.depth),
                                    static_cast<double>(t.n_leapfrog), t.divergent ? 1.0 : 0.0, t.energy};
          auto at = std::copy(std::begin(sampler), std::end(sampler), row.begin());
          for (NodeId v : var_nodes) at = std::copy(vals_[v].data().begin(), vals_[v].data().end(), at);
          // lp__ as Stan defines it: the log density on the unconstrained scale, the
          // log Jacobian of the transforms included (see sampler.hpp).
          out.draws.add_row(row, z_.lp);
          stream_rows(out.draws, false);
        }
      }
      done_.fetch_add(1, std::memory_order_relaxed);
    }
    stream_rows(out.draws, true);
    out.step_size = nuts_.step_size;
    out.inv_metric = nuts_.inv_metric;
    if (nuts_.dense()) out.dense_inv_metric = nuts_.dense_metric();
    finish(out);
    return out;
  }

 private:
  // A step of forward_rest's tape (tape_forward).
  struct ForwardStep {
    NodeId id;
    Op op;
    std::size_t first, k;  // its inputs' views: tape_ins_[first, first + k)
    std::size_t rows;      // rows_of(id)
    std::span<double> out;
    // A draw of a distribution of scalars whose parameters fit (1 or out.size() values
    // each): dist::record's draw_into, which draws in place; null otherwise.
    decltype(dist::DistRecord::draw_into) into = nullptr;
  };

  // Independent draws of the one coordinate (inversion.hpp), each followed by the
  // exact draws of the rest given it; no warmup. The sampler columns say so: accept
  // 1, no step, no tree, no leapfrog step.
  void draw_by_inversion(const std::vector<NodeId>& var_nodes, std::size_t width, ChainResult& out) {
    done_.fetch_add(opt_.warmup, std::memory_order_relaxed);
    for (const infer::FreeVariable& fv : f_.free_variables()) out.inverted.push_back(fv.name);
    announce_adapted(out.draws.columns(), &out.inverted);
    std::vector<double> row(width);
    for (long it = 0; it < opt_.draws; ++it) {
      z_.q[0] = inversion_->draw(rng_);
      const double lp = f_.value(z_.q);  // and the node values at the draw
      forward_rest();
      if (it % opt_.thin == 0) {
        const double sampler[] = {1.0, 0.0, 0.0, 0.0, 0.0, -lp};
        auto at = std::copy(std::begin(sampler), std::end(sampler), row.begin());
        for (NodeId v : var_nodes) at = std::copy(vals_[v].data().begin(), vals_[v].data().end(), at);
        out.draws.add_row(row, lp);
        stream_rows(out.draws, false);
      }
      done_.fetch_add(1, std::memory_order_relaxed);
    }
    stream_rows(out.draws, true);
  }

  // SamplerOptions::on_adapted: the adaptation as warmup ends (`inverted`: the
  // coordinate drawn by inversion, no adaptation).
  void announce_adapted(const std::vector<std::string>& columns, const std::vector<std::string>* inverted) {
    if (!opt_.on_adapted) return;
    ChainResult a;
    a.draws = DrawTable(columns);  // no rows: the columns the rows will have
    a.step_size = nuts_.step_size;
    a.inv_metric = nuts_.inv_metric;
    if (nuts_.dense()) a.dense_inv_metric = nuts_.dense_metric();
    a.free_names = free_names();
    if (inverted) a.inverted = *inverted;
    opt_.on_adapted(chain_, a);
  }

  // SamplerOptions::on_rows: the rows not yet handed over, a full block at a time, and
  // at the end (`last`) what is left.
  void stream_rows(const DrawTable& t, bool last) {
    if (!opt_.on_rows) return;
    if (t.rows() - streamed_ < SamplerOptions::kStreamBlock && !(last && t.rows() > streamed_)) return;
    opt_.on_rows(chain_, t.slice(streamed_, t.rows()));
    streamed_ = t.rows();
  }

  std::vector<std::string> free_names() const {
    std::vector<std::string> out;
    for (const infer::FreeVariable& fv : f_.free_variables())
      for (std::size_t i = 0; i < fv.size; ++i) out.push_back(fv.size == 1 ? fv.name : fv.name + "." + std::to_string(i + 1));
    return out;
  }

  std::string coordinate_name(std::size_t k) const {
    for (const infer::FreeVariable& fv : f_.free_variables())
      if (k >= fv.offset && k < fv.offset + fv.size) return names_.short_name(fv.node);
    return "";
  }

  void finish(ChainResult& out) {
    out.rejections = f_.domain_failures();
    if (const auto& first = f_.first_domain_failure())
      out.first_rejection = names_.describe(first->node) + ": " + first->what;
    out.forward_failures = forward_failures_;
    out.first_forward_failure = first_forward_failure_;
    out.inits_ignored = start_.ignored();
    out.slice_sampled = plan_.scale_names;
    for (const detail::SliceCoordinate& sc : scales_)
      if (sc.conjugate()) out.conjugate_gibbs.push_back(coordinate_name(sc.coordinate()));
    out.gaussian_gibbs = plan_.gaussian_names;
    out.noncentred = plan_.noncentred_names;
    out.centred = plan_.centred_names;
    out.centring_notes = plan_.centring_notes;
    out.signed_scales = plan_.signed_names;
    out.free_names = free_names();
  }

  // What a draw needs after NUTS: the ancestors of the recorded variables, in id
  // order; those in the density are copied from it, functions of constants alone keep
  // the value compute_constants gave them, the rest are computed or drawn forward.
  void plan_forward(const std::vector<NodeId>& var_nodes) {
    const Graph& g = m_.graph();
    std::vector<bool> needed(g.size(), false);
    for (NodeId v : var_nodes) needed[v] = true;
    // A node the density skips (fused) is computed from its inputs like one outside it.
    const auto copied = [&](NodeId id) { return f_.in_density(id) && !f_.fused(id); };
    for (NodeId id = static_cast<NodeId>(g.size()); id-- > 0;)
      if (needed[id] && !copied(id))
        for (NodeId i : g.node(id).inputs) needed[i] = true;
    // Fixed: constants, observed draws (in the density, neither free nor discrete) and
    // functions of them alone: copied or computed at the first draw only.
    std::vector<bool> fixed(g.size(), false), latent(g.size(), false);
    for (const infer::FreeVariable& fv : f_.free_variables()) latent[fv.node] = true;
    for (NodeId d : f_.discrete_latents()) latent[d] = true;
    for (NodeId id = 0; id < g.size(); ++id) {
      const Node& node = g.node(id);
      if (node.op == Op::Draw) {
        fixed[id] = f_.in_density(id) && !latent[id];
      } else {
        fixed[id] = true;
        for (NodeId i : node.inputs) fixed[id] = fixed[id] && fixed[i];
      }
      if (!needed[id] || node.op == Op::Constant) continue;
      if (copied(id)) {
        (fixed[id] ? copied_once_ : copied_).push_back(id);
      } else if (node.op == Op::Draw || !g.is_constant_expr(id)) {
        (fixed[id] ? computed_once_ : forward_).push_back(id);
      }
    }
  }

  // The hierarchical scales are updated by slice sampling, not by NUTS: their
  // coordinates get inverse metric 0 (see slice.hpp).
  void hold_scales() {
    for (const detail::SliceCoordinate& s : scales_) nuts_.inv_metric[s.coordinate()] = 0;
    for (const detail::GaussianBlock& b : groups_)
      for (std::size_t i = 0; i < b.block().size; ++i) nuts_.inv_metric[b.block().offset + i] = 0;
  }

  // Functions of constants alone, which forward_rest does not compute: once.
  void compute_constants() {
    const Graph& g = m_.graph();
    vals_.clear();
    for (NodeId id = 0; id < g.size(); ++id) {
      const Node& node = g.node(id);
      vals_.push_back(node.op == Op::Constant ? *node.constant : Value::filled(node.shape, 0.0, node.type));
    }
    for (NodeId id = 0; id < g.size(); ++id) {
      const Node& node = g.node(id);
      if (node.op != Op::Constant && node.op != Op::Draw && g.is_constant_expr(id)) compute(id);
    }
  }

  // Each element of each discrete latent from its full conditional over its support;
  // an unbounded count by Metropolis steps instead.
  void gibbs_sweep() {
    const Graph& g = m_.graph();
    for (NodeId d : f_.discrete_latents()) {
      const std::size_t n = static_cast<std::size_t>(g.node(d).shape.size());
      for (std::size_t i = 0; i < n; ++i) {
        f_.value(z_.q);  // parameters at the current state
        double lo = 0, hi = 0;
        // A wide finite support (a count truncated far above) takes the Metropolis
        // steps too: enumerating it would cost a density evaluation per value.
        if (!detail::finite_support(f_, g.node(d), i, lo, hi) || hi - lo >= kGibbsMaxValues) {
          if (!detail::count_support(f_, g.node(d), i, lo) && !std::isfinite(lo)) lo = 0;
          metropolis_count(d, i, lo);
          continue;
        }
        weights_.clear();
        double top = -INFINITY;
        for (double v = lo; v <= hi; v += 1) {
          f_.set_value(d, i, v);
          weights_.push_back(f_.value(z_.q));
          top = std::max(top, weights_.back());
        }
        double total = 0;
        for (double& w : weights_) total += (w = std::exp(w - top));
        double u = rng_.uniform01() * total, v = lo;
        for (std::size_t k = 0; k < weights_.size(); ++k, v += 1) {
          if (weights_[k] <= 0) continue;
          u -= weights_[k];
          if (u <= 0) break;
        }
        f_.set_value(d, i, std::min(v, hi));
      }
    }
    for (const detail::ObservedSum& s : start_.sums()) detail::sum_moves(f_, s, z_.q, rng_, kCountSteps);
  }

  // Element i of a count with no upper bound (poisson, geometric, negative binomial):
  // kCountSteps random-walk Metropolis steps on the integers, proposing k - 1 or k + 1
  // with probability 1/2 each (a symmetric proposal) and accepting with probability
  // min(1, p(k') / p(k)) from the joint density; lo - 1 has density 0 and is rejected. The
  // full conditional is the stationary law of each step, with no truncation of its tail.
  void metropolis_count(NodeId d, std::size_t i, double lo) {
    double k = f_.node_value(d)[i];
    double lp = f_.value(z_.q);
    for (int step = 0; step < kCountSteps; ++step) {
      const double proposal = k + (rng_.uniform01() < 0.5 ? -1.0 : 1.0);
      if (proposal < lo) continue;
      f_.set_value(d, i, proposal);
      const double lp_proposal = f_.value(z_.q);
      if (std::log(rng_.uniform01()) < lp_proposal - lp) {
        k = proposal, lp = lp_proposal;
      } else {
        f_.set_value(d, i, k);
      }
    }
  }

  // The draws of a node given its parents' values (`in`, their views), written into
  // the node's own buffer (the tape's views point into it): in place where the tape
  // found draw_into, otherwise through dist::draw. An invalid parameter throws, as
  // dist::draw does (forward_rest counts it).
  void draw_forward(const ForwardStep& step, std::span<const infer::ArrayView> in) {
    if (step.into) {
      step.into(in, step.out.data(), step.out.size(), rng_);
      return;
    }
    const Node& node = m_.graph().node(step.id);
    in_.resize(node.inputs.size());
    for (std::size_t k = 0; k < node.inputs.size(); ++k) in_[k] = vals_[node.inputs[k]];
    const Value x = dist::draw(node.dist, in_, node.shape, rng_);
    if (x.size() != step.out.size())
      throw std::logic_error("a draw of " + std::to_string(x.size()) + " values for a node of " +
                             std::to_string(step.out.size()));
    std::copy(x.data().begin(), x.data().end(), step.out.begin());
  }

  // Given the density's values at the draw (set_point), the nodes plan_forward chose.
  void forward_rest() {
    if (!fixed_done_) {
      copy_from_density(copied_once_);
      for (NodeId id : computed_once_) compute(id);
      fixed_done_ = true;
    }
    copy_from_density(copied_);
    for (const ForwardStep& step : tape_) {
      try {
        const auto in = std::span<const infer::ArrayView>(tape_ins_).subspan(step.first, step.k);
        if (step.op == Op::Draw) {
          draw_forward(step, in);
        } else {
          infer::detail::op_forward(step.op, in, step.rows, step.out);
        }
      } catch (const std::exception& e) {
        // An invalid parameter at this state (an extreme point of a vague posterior):
        // the node keeps its previous value, counted and reported.
        if (forward_failures_++ == 0) first_forward_failure_ = names_.describe(step.id) + ": " + e.what();
      }
    }
  }

  // forward_ as steps over the nodes' buffers, which keep their place once
  // compute_constants has made them: each draw reads no graph node.
  void tape_forward() {
    const Graph& g = m_.graph();
    tape_.clear(), tape_ins_.clear();
    for (NodeId id : forward_) {
      const Node& node = g.node(id);
      ForwardStep step{id, node.op, tape_ins_.size(), node.inputs.size(), rows_of(id), vals_[id].data()};
      bool fits = true;
      for (NodeId i : node.inputs) {
        tape_ins_.push_back({vals_[i].data().data(), vals_[i].size()});
        fits = fits && (vals_[i].size() == 1 || vals_[i].size() == step.out.size());
      }
      if (node.op == Op::Draw && fits) step.into = dist::record(node.dist).draw_into;
      tape_.push_back(step);
    }
  }

  // The rows of a matrix first operand (for the matrix ops), 0 otherwise.
  std::size_t rows_of(NodeId id) const {
    const Graph& g = m_.graph();
    const Node& node = g.node(id);
    return !node.inputs.empty() && g.node(node.inputs[0]).shape.rank() == 2
               ? static_cast<std::size_t>(g.node(node.inputs[0]).shape.dims[0])
               : 0;
  }

  void copy_from_density(const std::vector<NodeId>& ids) {
    for (NodeId id : ids) {
      const auto v = f_.node_value(id);
      std::copy(v.begin(), v.end(), vals_[id].data().begin());
    }
  }

  // A deterministic node from its inputs' values.
  void compute(NodeId id) {
    const Graph& g = m_.graph();
    const Node& node = g.node(id);
    views_.clear();
    for (NodeId i : node.inputs) views_.push_back({vals_[i].data().data(), vals_[i].size()});
    infer::detail::op_forward(node.op, views_, rows_of(id), vals_[id].data());
  }

  const Model& m_;
  const SamplerOptions& opt_;
  std::size_t chain_;
  LogDensityFunction f_;
  const detail::HierarchicalPlan& plan_;
  Rng rng_;
  infer::Nuts nuts_;
  std::atomic<long>& done_;
  const detail::NodeNames& names_;
  detail::ChainStart start_;
  long forward_failures_ = 0;
  std::string first_forward_failure_;
  infer::PhasePoint z_;
  std::vector<Value> vals_, in_;
  std::vector<infer::ArrayView> views_;
  std::vector<double> weights_;
  std::vector<detail::SliceCoordinate> scales_;
  std::vector<detail::GaussianBlock> groups_;
  std::vector<detail::InterweavedScale> interweaved_;
  // plan_forward: copied from the density, computed or drawn, at every draw or once.
  std::vector<NodeId> copied_, forward_, copied_once_, computed_once_;
  std::vector<ForwardStep> tape_;
  std::vector<infer::ArrayView> tape_ins_;
  bool fixed_done_ = false;
  const detail::ResidualInversion* inversion_;
  std::vector<std::vector<double>>* points_ = nullptr;
  std::size_t streamed_ = 0;  // rows handed to opt_.on_rows
};

// What every chain shares, decided on the calling thread before they start (model
// errors surface here once): the hierarchical plan and, for one continuous coordinate
// with nothing else to update, its inversion.
struct Prepared {
  Prepared(const Model& m, const SamplerOptions& opt, const detail::NodeNames& names) : check(m) {
    const auto name = [&](NodeId id) { return names.short_name(id); };
    plan = detail::plan_hierarchical(m, check, name);
    if (!plan.nuts_groups.empty()) {
      if (opt.centring == SamplerOptions::Centring::Auto) {
        choose_centring(m, opt, names);
      } else {
        for (auto& group : plan.nuts_groups) group.centred = opt.centring == SamplerOptions::Centring::Centred;
        plan.centring_notes.push_back(opt.centring == SamplerOptions::Centring::Centred ? "every group centred, as asked"
                                                                                      : "every group non-centred, as asked");
      }
      plan.apply_centring(name);
    }
    const bool lone = check.dimension() == 1 && check.discrete_latents().empty() && plan.scales.empty() &&
                      plan.gaussian.empty() && plan.interweave.empty() && plan.noncentred.empty();
    if (lone && opt.invert_residual) inversion = detail::ResidualInversion::build(check, residual_note);
    if (!inversion && opt.conjugate_gibbs) {
      if (plan.noncentred.empty()) {
        find_conjugate(m.graph(), check, opt.seed);
      } else {  // the chains' parameterization: a scale given non-centred members is not conjugate
        LogDensityFunction chains_density(m, plan.noncentred, plan.partial);
        find_conjugate(m.graph(), chains_density, opt.seed);
      }
    }
    if (!inversion && opt.signed_scales) sign_scales(m, names);
  }

  // The scales NUTS alone moves that can be sampled with a sign (SignedScale): every
  // coordinate another update holds, or that a group's own form transforms, is left.
  void sign_scales(const Model& m, const detail::NodeNames& names) {
    std::vector<bool> held(check.dimension(), false);
    for (std::size_t k : plan.scales) held[k] = true;
    for (const detail::ConjugateCoordinate& c : conjugate) held[c.coordinate()] = true;
    for (const detail::CoordinateBlock& b : plan.gaussian)
      for (std::size_t i = 0; i < b.size; ++i) held[b.offset + i] = true;
    for (const auto& w : plan.interweave) {
      held[w.scale] = true;
      for (const auto& member : w.members)
        for (std::size_t i = 0; i < member.block.size; ++i) held[member.block.offset + i] = true;
    }
    for (const infer::FreeVariable& fv : check.free_variables())
      if (std::find(plan.noncentred.begin(), plan.noncentred.end(), fv.node) != plan.noncentred.end())
        for (std::size_t i = 0; i < fv.size; ++i) held[fv.offset + i] = true;
    plan.signed_scales = infer::find_signed_scales(m.graph(), check, held);
    for (const infer::SignedScale& sc : plan.signed_scales) {
      std::string partners;
      for (NodeId p : sc.partners) partners += (partners.empty() ? "" : ", ") + names.short_name(p);
      plan.signed_names.push_back(names.short_name(sc.scale) + " (with " + partners + ")");
    }
  }

  // SamplerOptions::Centring::Auto: a short NUTS run on the non-centred density, then
  // at each of its draws the share of each member's posterior precision that the data
  // give, 1 - (1 / sigma^2) / H, H = -d^2 log p / dx^2 in the centred density (the
  // member's prior alone gives 1 / sigma^2). For a normal member with normal data
  // this is Papaspiliopoulos, Roberts and Skold's (2007) weight of the optimal partial
  // non-centring; the likelihood's part of H and of the slope give each element's
  // information and centre in the partial form (measure_centring). H comes from the
  // gradient at two points, every member moved at once along random signs (members
  // whose data are apart make the cross terms vanish on average). A pilot that cannot
  // run leaves every group non-centred: the chains then report what stopped it.
  void choose_centring(const Model& m, const SamplerOptions& opt, const detail::NodeNames& names) {
    SamplerOptions p = opt;
    p.warmup = SamplerOptions::kPilotWarmup, p.draws = SamplerOptions::kPilotDraws;
    p.thin = 1, p.chains = 1, p.progress = nullptr, p.conjugate_gibbs = false;
    p.on_adapted = nullptr, p.on_rows = nullptr;
    std::vector<std::vector<double>> points;
    try {
      std::atomic<long> done{0};
      const InitialValues* inits = opt.inits.empty() ? nullptr : &opt.inits.front();
      Chain pilot(m, p, kPilotStream, done, names, inits, plan, nullptr, {});
      pilot.keep_points(&points);
      pilot.run({});
    } catch (const std::exception& e) {
      plan.centring_notes.push_back(std::string("every group non-centred: the pilot run stopped (") + e.what() + ")");
      return;
    }
    try {
      measure_centring(m, points, opt.seed, names);
    } catch (const std::exception& e) {
      for (auto& group : plan.nuts_groups) group.centred = false, group.partial.clear();
      plan.centring_notes.assign(1, std::string("every group non-centred: measuring the pilot's draws failed (") +
                                        e.what() + ")");
    }
  }

  // The shares of choose_centring at the pilot's draws `points`, and the choice.
  void measure_centring(const Model& m, const std::vector<std::vector<double>>& points, std::uint64_t seed,
                        const detail::NodeNames& names) {
    const Graph& g = m.graph();
    LogDensityFunction noncentred(m, plan.noncentred);
    // Per coordinate: the sums of the shares, of the likelihood's information and of
    // the Newton steps, and the draws measured.
    std::vector<double> sum(check.dimension(), 0.0), count(check.dimension(), 0.0);
    std::vector<double> info_sum(check.dimension(), 0.0), newton_sum(check.dimension(), 0.0);
    std::vector<std::vector<double>> values(g.size());
    std::vector<double> up, down, g_up(check.dimension()), g_down(check.dimension()), step(check.dimension());
    Rng rng(seed, kPilotStream + 1);
    const std::vector<NodeId> reads = check.unconstrain_reads();
    for (const std::vector<double>& u : points) {
      noncentred.set_point(u);
      for (NodeId id : reads) {  // the free variables and their bounds' parameters
        const auto x = noncentred.node_value(id);
        values[id].assign(x.begin(), x.end());
      }
      const std::vector<double> centred = check.unconstrain(values);
      if (!std::isfinite(check.value(centred))) continue;
      check.set_point(centred);  // every node's value, the members' sds among them
      struct Element {
        std::size_t j;  // its coordinate
        double sd, mean;  // its prior's
      };
      std::vector<std::vector<Element>> members(plan.nuts_groups.size());
      for (std::size_t k = 0; k < plan.nuts_groups.size(); ++k)
        for (NodeId d : plan.nuts_groups[k].members) {
          const infer::FreeVariable* fv = free_variable(d);
          const auto mean = check.node_value(g.node(d).inputs[0]), sd = check.node_value(g.node(d).inputs[1]);
          for (std::size_t i = 0; fv && i < fv->size; ++i) {
            const double s = sd[sd.size() == 1 ? 0 : i], mu = mean[mean.size() == 1 ? 0 : i];
            if (s > 0 && std::isfinite(s) && std::isfinite(mu)) members[k].push_back({fv->offset + i, s, mu});
          }
        }
      for (std::size_t k = 0; k < plan.nuts_groups.size(); ++k) {
        const auto& at = members[k];
        // A step of 1e-4 of each member's prior sd, of random sign.
        std::fill(step.begin(), step.end(), 0.0);
        for (const Element& e : at) step[e.j] = 1e-4 * e.sd * (rng.uniform01() < 0.5 ? -1 : 1);
        up = centred, down = centred;
        for (std::size_t j = 0; j < step.size(); ++j) up[j] += step[j], down[j] -= step[j];
        if (!std::isfinite(check.value_and_gradient(up, g_up)) || !std::isfinite(check.value_and_gradient(down, g_down)))
          continue;
        for (const Element& e : at) {
          const std::size_t j = e.j;
          const double curvature = -(g_up[j] - g_down[j]) / (2 * step[j]);
          // The likelihood's part: the curvature and slope less the prior's.
          const double info = curvature - 1 / (e.sd * e.sd),
                       slope = (g_up[j] + g_down[j]) / 2 + (centred[j] - e.mean) / (e.sd * e.sd);
          if (!std::isfinite(curvature) || !std::isfinite(slope)) continue;
          sum[j] += curvature > 0 ? std::clamp(1 - 1 / (e.sd * e.sd * curvature), 0.0, 1.0) : 0.0;
          count[j] += 1;
          // The centre: a Newton step towards the likelihood's maximum, pooled over
          // the draws by their information (its mean when the likelihood is normal).
          if (info > 0) info_sum[j] += info, newton_sum[j] += info * centred[j] + slope;
        }
      }
    }
    for (auto& group : plan.nuts_groups) {
      // The group is centred when every element's share, averaged over the pilot
      // draws, is over 0.9, non-centred when every one is under 0.1, and otherwise
      // partially centred, each normal member's element by its information and centre
      // (constrain_partial; 0 where the likelihood's curvature was never positive).
      double lowest = 1, highest = 0, total = 0;
      std::size_t measured = 0;
      group.partial.clear();
      for (NodeId d : group.members) {
        const infer::FreeVariable* fv = free_variable(d);
        infer::PartialCentring form;
        form.info.assign(fv ? fv->size : 0, 0.0), form.centre.assign(fv ? fv->size : 0, 0.0);
        for (std::size_t i = 0; fv && i < fv->size; ++i) {
          const std::size_t j = fv->offset + i;
          if (count[j] == 0) continue;
          const double share = sum[j] / count[j];
          lowest = std::min(lowest, share), highest = std::max(highest, share);
          total += share;
          ++measured;
          if (info_sum[j] > 0 && std::isfinite(info_sum[j] / count[j]) && std::isfinite(newton_sum[j] / info_sum[j]))
            form.info[i] = info_sum[j] / count[j], form.centre[i] = newton_sum[j] / info_sum[j];
        }
        if (fv && g.node(d).dist == DistKind::Normal) group.partial[d] = std::move(form);
      }
      const std::string member = names.short_name(group.members.front());
      if (measured == 0) {
        group.partial.clear();
        plan.centring_notes.push_back(member + ": no pilot draw measured it: non-centred");
        continue;
      }
      group.data_share = lowest;
      group.centred = lowest > 1 - kShareEnd;
      const bool partial = !group.centred && highest >= kShareEnd;
      if (!partial) group.partial.clear();
      char share[128];
      std::snprintf(share, sizeof share, "data share %.2f to %.2f (mean %.2f over %zu elements)", lowest, highest,
                    total / static_cast<double>(measured), measured);
      plan.centring_notes.push_back(member + ": " + share + " in " + std::to_string(points.size()) + " pilot draws: " +
                                    (group.centred ? "centred"
                                     : partial     ? "partially centred, each element by the information its data give"
                                                   : "non-centred"));
    }
  }

  // Every share this close to 1 (or 0): the group is centred (non-centred).
  static constexpr double kShareEnd = 0.1;

  const infer::FreeVariable* free_variable(NodeId d) const {
    for (const infer::FreeVariable& fv : check.free_variables())
      if (fv.node == d) return &fv;
    return nullptr;
  }

  static constexpr std::size_t kPilotStream = 0x70696c6f74;  // "pilot": no chain's stream

  // The scalar coordinates whose conditional is conjugate at a point drawn as a chain
  // starts (uniform(-2, 2), retried until the density is finite): structural, so one
  // point decides for every chain (each update checks it again).
  void find_conjugate(const Graph& g, LogDensityFunction& f, std::uint64_t seed) {
    std::vector<bool> taken(f.dimension(), false);
    // The cut points of a dinterval make the density a step function of them (zero
    // where an observation falls outside its interval): no family fits it everywhere,
    // though one may fit between the steps.
    std::vector<char> cuts(g.size(), 0);
    for (NodeId id = static_cast<NodeId>(g.size()); id-- > 0;) {
      const Node& n = g.node(id);
      if (n.op == Op::Draw && n.dist == DistKind::Interval) cuts[n.inputs[1]] = 1;
      if (cuts[id])
        for (NodeId i : n.inputs) cuts[i] = 1;
    }
    for (const detail::CoordinateBlock& b : plan.gaussian)
      for (std::size_t i = 0; i < b.size; ++i) taken[b.offset + i] = true;
    Rng rng(seed, 0x636f6e6a);
    std::vector<double> u(f.dimension());
    for (int attempt = 0; attempt < 100; ++attempt) {
      for (double& x : u) x = 4 * rng.uniform01() - 2;
      if (std::isfinite(f.value(u))) break;
    }
    if (!std::isfinite(f.value(u))) return;
    for (const infer::FreeVariable& fv : f.free_variables()) {
      if (fv.size != 1 || taken[fv.offset] || cuts[fv.node]) continue;
      if (fv.transform != infer::TransformKind::Lower && fv.transform != infer::TransformKind::Interval) continue;
      if (auto family = detail::ConjugateCoordinate::detect(f, u, fv.offset))
        conjugate.emplace_back(fv.offset, *family);
    }
  }

  LogDensityFunction check;
  detail::HierarchicalPlan plan;
  std::optional<detail::ResidualInversion> inversion;
  std::string residual_note;
  std::vector<detail::ConjugateCoordinate> conjugate;
};

}  // namespace

namespace {

// Composite ops are sampled through their bodies (NUTS and the gradient see
// primitives), but an observed one whose op has its own gradient stays closed: its
// density is its op's (graph/composite.hpp).
Model expand_for_sampling(const Model& model) {
  if (!model.graph().has_composites()) return model;
  return expand_all(model, [](const Model& m, NodeId id) {
    if (!composite_def(m.graph().node(id).composite).gradient) return false;
    return std::any_of(m.variables().begin(), m.variables().end(),
                       [&](const Variable& v) { return v.node == id && v.observed; });
  });
}

}  // namespace

SamplingPlan plan_sampling(const Model& model, const SamplerOptions& opt) {
  const Model m = expand_for_sampling(model);
  const detail::NodeNames names(m);
  Prepared prep(m, opt, names);
  SamplingPlan out;
  out.gaussian_gibbs = prep.plan.gaussian_names;
  out.slice_sampled = prep.plan.scale_names;
  out.noncentred = prep.plan.noncentred_names;
  out.centred = prep.plan.centred_names;
  out.centring_notes = prep.plan.centring_notes;
  out.signed_scales = prep.plan.signed_names;
  out.residual_note = prep.residual_note;
  for (const auto& [d, form] : prep.plan.partial) out.partial[names.short_name(d)] = form;
  const auto add = [](std::vector<std::string>& to, const std::string& name) {
    if (std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
  };
  for (NodeId d : prep.check.discrete_latents()) add(out.discrete, names.short_name(d));
  // The coordinates Gibbs or the slice sampler hold are no NUTS coordinates.
  std::vector<bool> held(prep.check.dimension(), false);
  for (std::size_t k : prep.plan.scales) held[k] = true;
  for (const detail::ConjugateCoordinate& c : prep.conjugate) {
    held[c.coordinate()] = true;
    for (const infer::FreeVariable& fv : prep.check.free_variables())
      if (fv.offset == c.coordinate()) add(out.conjugate_gibbs, names.short_name(fv.node));
  }
  for (const detail::CoordinateBlock& b : prep.plan.gaussian)
    for (std::size_t i = 0; i < b.size; ++i) held[b.offset + i] = true;
  for (const infer::FreeVariable& fv : prep.check.free_variables()) {
    if (prep.inversion) {
      add(out.inverted, names.short_name(fv.node));
      continue;
    }
    bool moves = false;
    for (std::size_t i = 0; i < fv.size; ++i) moves = moves || !held[fv.offset + i];
    if (moves) add(out.nuts, names.short_name(fv.node));
  }
  return out;
}

std::vector<ChainResult> sample_chains(const Model& model, const SamplerOptions& opt) {
  const Model m = expand_for_sampling(model);
  if (opt.chains < 1)
    throw std::invalid_argument("sampler: chains is " + std::to_string(opt.chains) + ", must be >= 1");
  if (opt.draws < 1 || opt.warmup < 0)
    throw std::invalid_argument("sampler: draws must be >= 1 and warmup >= 0");
  std::vector<std::string> vars = opt.variables;
  if (vars.empty())
    for (const Variable& v : m.variables())
      if (m.role(v.name) == Role::Queried) vars.push_back(v.name);
  for (const std::string& v : vars) (void)m.variable(v);  // throws for an unknown name
  if (opt.thin < 1) throw std::invalid_argument("sampler: thin is " + std::to_string(opt.thin) + ", must be >= 1");
  if (!opt.inits.empty() && opt.inits.size() != 1 && opt.inits.size() != static_cast<std::size_t>(opt.chains))
    throw std::invalid_argument("sampler: " + std::to_string(opt.inits.size()) + " sets of initial values for " +
                                std::to_string(opt.chains) + " chains (give one for all chains or one per chain)");
  const detail::NodeNames names(m);
  Prepared prep(m, opt, names);
  const detail::HierarchicalPlan& plan = prep.plan;
  const std::optional<detail::ResidualInversion>& inversion = prep.inversion;
  const std::string& residual_note = prep.residual_note;
  const auto chains = static_cast<std::size_t>(opt.chains);
  std::vector<ChainResult> results(chains);
  std::vector<std::exception_ptr> errors(chains);
  std::atomic<long> done{0};
  std::atomic<std::size_t> next{0}, finished{0};
  auto worker = [&] {
    for (std::size_t c; (c = next.fetch_add(1)) < chains; finished.fetch_add(1)) {
      try {
        const InitialValues* inits = opt.inits.empty() ? nullptr : &opt.inits[opt.inits.size() == 1 ? 0 : c];
        Chain chain(m, opt, c, done, names, inits, plan, inversion ? &*inversion : nullptr, prep.conjugate);
        results[c] = chain.run(vars);
        results[c].residual_note = residual_note;
      } catch (...) {
        errors[c] = std::current_exception();
      }
    }
  };
  const std::size_t threads =
      opt.threads > 0 ? std::min(chains, static_cast<std::size_t>(opt.threads)) : chains;
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  const long total = static_cast<long>(chains) * (opt.warmup + opt.draws);
  while (opt.progress && finished.load() < chains) {
    opt.progress(done.load(), total);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (std::thread& t : pool) t.join();
  if (opt.progress) opt.progress(done.load(), total);
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return results;
}

DrawTable sample_posterior(const Model& m, const SamplerOptions& opt) {
  std::vector<ChainResult> chains = sample_chains(m, opt);
  DrawTable all(chains[0].draws.columns());
  std::vector<double> row;
  for (const ChainResult& c : chains)
    for (std::size_t r = 0; r < c.draws.rows(); ++r) {
      row.resize(c.draws.cols());
      for (std::size_t k = 0; k < row.size(); ++k) row[k] = c.draws.at(r, k);
      all.add_row(row, c.draws.lp(r));
    }
  return all;
}

}  // namespace alea
