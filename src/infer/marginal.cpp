// Marginal log densities by likelihood weighting and conditional Monte Carlo
// (marginal.hpp).
#include "alea/infer/marginal.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "alea/dist/ops.hpp"
#include "alea/dist/registry.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/infer/sampler.hpp"
#include "variable_elements.hpp"
#include "alea/model/composite.hpp"

namespace alea {
namespace {

using dist::kNegInf;

// A given value that is not a draw: the deterministic node z, its value, and the
// nuisance draw x it is solved through.
struct Inversion {
  NodeId target;
  Value value;
  NodeId through;
  std::vector<NodeId> path;  // deterministic nodes from x to z, in order (z last)
  std::string name;
};

std::vector<char> ancestors(const Graph& g, NodeId id) {
  std::vector<char> a(g.size(), 0);
  a[id] = 1;
  for (NodeId k = id + 1; k-- > 0;)
    if (a[k])
      for (NodeId i : g.node(k).inputs) a[i] = 1;
  return a;
}

std::vector<char> descendants(const Graph& g, NodeId id) {
  std::vector<char> d(g.size(), 0);
  d[id] = 1;
  for (NodeId k = id + 1; k < g.size(); ++k)
    for (NodeId i : g.node(k).inputs)
      if (d[i]) d[k] = 1;
  return d;
}

class Estimator {
 public:
  Estimator(const Model& m, const std::map<std::string, Value>& at) : m_(m), g_(m.graph()), given_(g_.size()) {
    std::vector<std::pair<NodeId, std::string>> deterministic;
    const auto bind = [&](const std::string& name, NodeId node, const Value& v) {
      const Node& n = g_.node(node);
      if (n.op == Op::Draw) {
        given_[node] = v;
        return;
      }
      // A stack of scalars (a BUGS loop): each element on its own, a draw or not.
      const std::vector<NodeId> leaves = stacked_leaves(g_, node);
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        given_[leaves[i]] = Value(Shape{}, {v[i]}, v.type());
        if (g_.node(leaves[i]).op != Op::Draw) deterministic.emplace_back(leaves[i], name + "[" + std::to_string(i + 1) + "]");
      }
      if (!leaves.empty()) return;
      given_[node] = v;
      deterministic.emplace_back(node, name);
    };
    for (const auto& [name, v] : at) bind(name, m.variable(name).node, v);
    for (const Variable& v : m.variables())
      if (v.observed) bind(v.name, v.node, *v.observed);
    std::vector<char> used(g_.size(), 0);
    for (const auto& [node, name] : deterministic) {
      if (determined(node)) {
        determined_.emplace_back(node, *given_[node]);  // a function of given values only
        continue;
      }
      inversions_.push_back(invert(node, name, used));
    }
    for (const Inversion& inv : inversions_) {
      const std::vector<char> d = descendants(g_, inv.through);
      for (NodeId k = 0; k < g_.size(); ++k) resample_[k] = resample_[k] || (d[k] && g_.node(k).op == Op::Draw);
    }
  }

  std::string method() const {
    if (inversions_.empty()) return "likelihood weighting";
    std::string through;
    for (const Inversion& inv : inversions_)
      through += (through.empty() ? "" : ", ") + inv.name + " solved through " + describe(inv.through);
    return "conditional Monte Carlo (" + through + ")";
  }

  // One importance weight, on the log scale.
  double log_weight(Rng& rng) {
    vals_.assign(g_.size(), Value());
    double lw = 0;
    for (int pass = 0; pass < 2; ++pass) {
      lw = 0;
      for (NodeId id = 0; id < g_.size(); ++id) {
        const Node& n = g_.node(id);
        if (n.op == Op::Constant) {
          vals_[id] = *n.constant;
          continue;
        }
        std::vector<Value> in;
        for (NodeId i : n.inputs) in.push_back(vals_[i]);
        if (n.op != Op::Draw) {
          vals_[id] = dist::evaluate(n.op, in);
          continue;
        }
        if (given_[id]) {
          vals_[id] = *given_[id];
          lw += dist::logpdf(n.dist, in, vals_[id]);
        } else if (pass == 0 || resample_[id]) {
          if (pass == 1 && solved_.count(id)) {
            vals_[id] = solved_.at(id).first;
            lw += dist::logpdf(n.dist, in, vals_[id]) - solved_.at(id).second;
          } else {
            vals_[id] = dist::draw(n.dist, in, n.shape, rng);
          }
        }
      }
      if (pass == 0) {
        if (inversions_.empty()) break;
        solved_.clear();
        for (const Inversion& inv : inversions_) {
          const auto s = solve(inv);
          if (!s) return kNegInf;
          solved_.emplace(inv.through, *s);
        }
      }
    }
    for (const Inversion& inv : inversions_)
      if (!close(vals_[inv.target], inv.value)) return kNegInf;
    for (const auto& [node, value] : determined_)
      if (!close(vals_[node], value)) return kNegInf;  // off the values it is a function of
    return lw;
  }

 private:
  std::string describe(NodeId id) const {
    for (const Variable& v : m_.variables())
      if (v.node == id) return "'" + v.name + "'";
    return "_s" + std::to_string(g_.node(id).site);
  }

  static bool close(const Value& a, const Value& b) {
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!(std::abs(a[i] - b[i]) <= 1e-7 * (1 + std::abs(b[i])))) return false;
    return true;
  }

  // Every draw z depends on is given: z is their function, and adds no density of its
  // own (only the check that it is that function's value).
  bool determined(NodeId z) const {
    const std::vector<char> anc = ancestors(g_, z);
    for (NodeId k = 0; k < z; ++k)
      if (anc[k] && g_.node(k).op == Op::Draw && !given_[k]) return false;
    return true;
  }

  // The nuisance draw z is solved through: of z's shape, reaching z through
  // deterministic nodes only, and no other given value.
  Inversion invert(NodeId z, const std::string& name, std::vector<char>& used) {
    const std::vector<char> anc = ancestors(g_, z);
    for (NodeId x = z; x-- > 0;) {
      const Node& n = g_.node(x);
      if (!anc[x] || n.op != Op::Draw || given_[x] || used[x] || n.shape != g_.node(z).shape) continue;
      const std::vector<char> d = descendants(g_, x);
      bool ok = true;
      std::vector<NodeId> path;
      for (NodeId k = x + 1; k < g_.size() && ok; ++k) {
        if (!d[k]) continue;
        if (given_[k] && k != z) ok = false;  // reaches another given value
        if (anc[k]) {
          if (g_.node(k).op == Op::Draw) ok = false;  // through a draw
          path.push_back(k);
        }
      }
      if (!ok) continue;
      used[x] = 1;
      return {z, *given_[z], x, std::move(path), name};
    }
    throw std::invalid_argument("marginal density: '" + name +
                                "' is a deterministic function of random variables, and none of them is a draw of its "
                                "shape that reaches it alone through deterministic nodes: its density cannot be "
                                "estimated by conditional Monte Carlo");
  }

  // z's value with x at `x` (the path re-evaluated).
  Eigen::VectorXd at_x(const Inversion& inv, const Eigen::VectorXd& x) {
    Value& xv = vals_[inv.through];
    for (Eigen::Index i = 0; i < x.size(); ++i) xv[static_cast<std::size_t>(i)] = x(i);
    for (NodeId k : inv.path) {
      std::vector<Value> in;
      for (NodeId i : g_.node(k).inputs) in.push_back(vals_[i]);
      vals_[k] = dist::evaluate(g_.node(k).op, in);
    }
    const Value& z = vals_[inv.target];
    return Eigen::Map<const Eigen::VectorXd>(z.data().data(), static_cast<Eigen::Index>(z.size()));
  }

  // Newton's method on f(x) = z with a finite-difference Jacobian: x and log |det J|.
  std::optional<std::pair<Value, double>> solve(const Inversion& inv) {
    const Value start = vals_[inv.through];
    const auto n = static_cast<Eigen::Index>(start.size());
    const Eigen::VectorXd target = Eigen::Map<const Eigen::VectorXd>(inv.value.data().data(), n);
    Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(start.data().data(), n);
    Eigen::MatrixXd jac(n, n);
    const auto jacobian = [&](const Eigen::VectorXd& at) {
      for (Eigen::Index j = 0; j < n; ++j) {
        const double h = 1e-6 * (1 + std::abs(at(j)));
        Eigen::VectorXd up = at, down = at;
        up(j) += h, down(j) -= h;
        jac.col(j) = (at_x(inv, up) - at_x(inv, down)) / (2 * h);
      }
    };
    for (int it = 0; it < 50; ++it) {
      const Eigen::VectorXd r = at_x(inv, x) - target;
      if (!r.allFinite()) return std::nullopt;
      if (r.lpNorm<Eigen::Infinity>() <= 1e-10 * (1 + target.lpNorm<Eigen::Infinity>())) {
        jacobian(x);
        const Eigen::PartialPivLU<Eigen::MatrixXd> lu(jac);
        const double det = lu.determinant();
        if (!(std::abs(det) > 0) || !std::isfinite(det)) return std::nullopt;
        at_x(inv, x);
        return std::make_pair(Value(start.shape(), std::vector<double>(x.data(), x.data() + n), start.type()),
                              std::log(std::abs(det)));
      }
      jacobian(x);
      const Eigen::VectorXd step = jac.fullPivLu().solve(r);
      if (!step.allFinite()) return std::nullopt;
      x -= step;
    }
    return std::nullopt;
  }

  const Model& m_;
  const Graph& g_;
  std::vector<std::optional<Value>> given_;
  std::vector<Inversion> inversions_;
  std::vector<std::pair<NodeId, Value>> determined_;
  std::vector<char> resample_ = std::vector<char>(g_.size(), 0);
  std::map<NodeId, std::pair<Value, double>> solved_;
  std::vector<Value> vals_;
};

// log mean exp of the weights, and the delta method's standard error.
MarginalEstimate mean_weight(const std::vector<double>& lw, std::string method) {
  const double top = *std::max_element(lw.begin(), lw.end());
  MarginalEstimate out{kNegInf, 0.0, std::move(method), lw.size()};
  if (!std::isfinite(top)) return out;
  double mean = 0, sq = 0;
  for (double w : lw) {
    const double e = std::exp(w - top);
    mean += e;
    sq += e * e;
  }
  const auto k = static_cast<double>(lw.size());
  mean /= k;
  const double var = std::max(0.0, sq / k - mean * mean) * k / (k - 1);
  out.log_density = top + std::log(mean);
  out.se = std::sqrt(var / k) / mean;
  if (std::all_of(lw.begin(), lw.end(), [&](double w) { return w == lw.front(); })) {
    out.method = "exact (every weight equal: nothing left to integrate out)", out.se = 0, out.draws = 0;
    return out;
  }
  // Kish's effective sample size of the weights: a few dominating weights make the
  // estimate, and its standard error, unreliable.
  const double ess = k * mean * mean / (sq / k);
  if (ess < 100)
    out.method += "; the weights' effective sample size is " + std::to_string(static_cast<long>(ess)) +
                  ": unreliable, its standard error too";
  return out;
}

// Unconstrained points of posterior draws of a model's latent variables: a row of the
// pilot's table, by variable, to node values, to u.
std::vector<Eigen::VectorXd> pilot_points(const Model& m, infer::LogDensityFunction& f, std::uint64_t seed) {
  const Graph& g = m.graph();
  std::vector<std::string> latents;
  for (const Variable& v : m.variables())
    if (!v.is_data && !v.observed && m.is_stochastic(v.name)) latents.push_back(v.name);
  SamplerOptions opt;
  opt.chains = 1, opt.warmup = 500, opt.draws = 1000, opt.seed = seed, opt.threads = 1, opt.variables = latents;
  const DrawTable t = sample_chains(m, opt).front().draws;
  std::vector<Eigen::VectorXd> us;
  std::vector<std::vector<double>> values(g.size());
  for (std::size_t r = 0; r < t.rows(); ++r) {
    for (auto& v : values) v.clear();
    for (const std::string& name : latents) {
      const NodeId node = m.variable(name).node;
      std::vector<double> xs;
      for (const std::string& col : column_names(name, g.node(node).shape)) xs.push_back(t.at(r, t.column_index(col)));
      const std::vector<NodeId> leaves = stacked_leaves(g, node);
      if (leaves.empty()) values[node] = xs;
      for (std::size_t i = 0; i < leaves.size(); ++i) values[leaves[i]] = {xs[i]};
    }
    // Constants and the deterministic nodes of the draws' values (the bounds a free
    // variable's transform reads).
    for (NodeId id = 0; id < g.size(); ++id) {
      const Node& n = g.node(id);
      if (!values[id].empty() || n.op == Op::Draw) continue;
      if (n.op == Op::Constant) {
        values[id] = n.constant->data();
        continue;
      }
      std::vector<Value> in;
      for (NodeId i : n.inputs) {
        if (values[i].empty()) break;
        in.emplace_back(g.node(i).shape, values[i], g.node(i).type);
      }
      if (in.size() == n.inputs.size() && n.op != Op::Composite) values[id] = dist::evaluate(n.op, in).data();
    }
    const std::vector<double> u = f.unconstrain(values);
    us.push_back(Eigen::Map<const Eigen::VectorXd>(u.data(), static_cast<Eigen::Index>(u.size())));
  }
  return us;
}

}  // namespace

MarginalEstimate log_evidence(const Model& model, std::size_t draws, Rng& rng, std::uint64_t seed) {
  if (draws < 2) throw std::invalid_argument("log evidence: needs at least 2 draws");
  const Model m = model.graph().has_composites() ? expand_all(model) : model;
  std::optional<infer::LogDensityFunction> f;
  std::optional<std::vector<Eigen::VectorXd>> us;
  bool refused = false;  // the sampler cannot run on the model
  try {
    f.emplace(m);
    if (!f->discrete_latents().empty()) throw std::invalid_argument("the model has discrete latents");
    if (f->dimension() == 0) return {f->value({}), 0.0, "exact", 0};
    us = pilot_points(m, *f, seed);
  } catch (const std::exception&) {
    refused = true;
  }
  if (!us || us->size() < 2) {
    MarginalEstimate lw = marginal_log_density(model, {}, draws, rng);
    if (refused && lw.se > 0) lw.method += " (the sampler gives no posterior proposal here)";
    return lw;
  }
  // The proposal: a multivariate t with the pilot's mean and covariance.
  const auto d = static_cast<Eigen::Index>(f->dimension());
  const auto n = static_cast<double>(us->size());
  Eigen::VectorXd mu = Eigen::VectorXd::Zero(d);
  for (const Eigen::VectorXd& u : *us) mu += u / n;
  Eigen::MatrixXd cov = Eigen::MatrixXd::Zero(d, d);
  for (const Eigen::VectorXd& u : *us) cov += (u - mu) * (u - mu).transpose() / (n - 1);
  if (n < 5.0 * static_cast<double>(d)) cov = Eigen::MatrixXd(cov.diagonal().asDiagonal());  // too few draws for all of it
  cov += 1e-9 * (1 + cov.diagonal().maxCoeff()) * Eigen::MatrixXd::Identity(d, d);
  const Eigen::LLT<Eigen::MatrixXd> llt(cov);
  if (llt.info() != Eigen::Success) return marginal_log_density(model, {}, draws, rng);
  const Eigen::MatrixXd L = llt.matrixL();
  const double nu = 5, dd = static_cast<double>(d);
  const double log_norm = std::lgamma((nu + dd) / 2) - std::lgamma(nu / 2) - dd / 2 * std::log(nu * M_PI) -
                          L.diagonal().array().log().sum();
  std::vector<double> lw(draws);
  std::vector<double> u(static_cast<std::size_t>(d));
  for (double& w : lw) {
    Eigen::VectorXd z(d);
    for (Eigen::Index i = 0; i < d; ++i) z(i) = rng.std_normal();
    const double chi = dist::draw(DistKind::Gamma, std::vector<Value>{Value(nu / 2), Value(nu / 2)}, Shape{}, rng).scalar();
    const Eigen::VectorXd x = mu + L * z / std::sqrt(chi);
    const double delta = z.squaredNorm() / chi;  // |L^-1 (x - mu)|^2
    const double log_q = log_norm - (nu + dd) / 2 * std::log1p(delta / nu);
    std::copy(x.data(), x.data() + d, u.begin());
    const double lp = f->value(u);
    w = std::isfinite(lp) ? lp - log_q : kNegInf;
  }
  return mean_weight(lw, "importance sampling from a t fitted to a pilot posterior run");
}

MarginalEstimate marginal_log_density(const Model& model, const std::map<std::string, Value>& at, std::size_t draws,
                                      Rng& rng) {
  for (const auto& [name, value] : at) {
    const Variable& v = model.variable(name);  // throws for an unknown name
    const Shape& want = model.graph().node(v.node).shape;
    if (v.is_data || v.observed) throw std::invalid_argument("marginal density: '" + name + "' is data or observed");
    if (value.shape() != want)
      throw std::invalid_argument("marginal density: variable '" + name + "' has shape " + to_string(want) +
                                  " but the value has shape " + to_string(value.shape()));
  }
  try {
    return {log_density(model, at).total, 0.0, "exact", 0};
  } catch (const std::invalid_argument&) {
    // Some variable must be integrated out.
  }
  if (draws < 2) throw std::invalid_argument("marginal density: needs at least 2 draws");
  const Model m = model.graph().has_composites() ? expand_all(model) : model;
  Estimator est(m, at);
  std::vector<double> lw(draws);
  for (double& w : lw) w = est.log_weight(rng);
  return mean_weight(lw, est.method());
}

}  // namespace alea
