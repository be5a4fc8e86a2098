// One NUTS transition (see nuts.hpp). The tree is built recursively: a subtree of
// depth d is two subtrees of depth d - 1; points are chosen within a subtree in
// proportion to exp(-H) (multinomial sampling) and, at the top level, the new
// subtree's proposal replaces the current one with probability min(1, w_new / w_old)
// (biased progressive sampling). A trajectory stops when the generalized no-U-turn
// criterion fails for the whole tree, or across the junction of its two halves.
#include "alea/infer/nuts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace alea::infer {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double log_sum_exp(double a, double b) {
  if (a == -kInf) return b;
  if (b == -kInf) return a;
  // 1 + exp(-|a - b|) is in (1, 2]: log, not log1p, loses nothing beside max(a, b).
  return std::max(a, b) + std::log(1 + std::exp(-std::abs(a - b)));
}

// log(e^a + e^b) and the share of b in the sum, e^b / (e^a + e^b), from one exp.
struct Merged {
  double log_sum, share_b;
};
Merged merge_weights(double a, double b) {
  if (b == -kInf) return {a, 0.0};
  if (a == -kInf) return {b, 1.0};
  const double e = std::exp(-std::abs(a - b)), s = 1 + e;
  return a >= b ? Merged{a + std::log(s), e / s} : Merged{b + std::log(s), 1 / s};
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Both ends move away from each other along rho = rho_a + rho_b (momentum summed
// over the subtree; passed in two parts so that nothing is allocated).
bool no_u_turn(const std::vector<double>& p_sharp_minus, const std::vector<double>& p_sharp_plus,
               const std::vector<double>& rho_a, const std::vector<double>& rho_b) {
  return dot(p_sharp_plus, rho_a) + dot(p_sharp_plus, rho_b) > 0 &&
         dot(p_sharp_minus, rho_a) + dot(p_sharp_minus, rho_b) > 0;
}

// dst = src for vectors of one length (after the first transition): a loop the
// compiler inlines, where operator= calls memmove for a handful of doubles.
inline void copy_into(std::vector<double>& dst, const std::vector<double>& src) {
  if (dst.size() != src.size()) [[unlikely]] {
    dst.resize(src.size());
  }
  for (std::size_t i = 0; i < src.size(); ++i) dst[i] = src[i];
}

void copy_point(PhasePoint& dst, const PhasePoint& src) {
  copy_into(dst.q, src.q);
  copy_into(dst.p, src.p);
  copy_into(dst.grad, src.grad);
  dst.lp = src.lp;
}

}  // namespace

// The ends of a subtree: momenta p at both ends, M^-1 p (p_sharp) at both ends, the
// summed momentum rho and the log of the summed weights.
struct Nuts::Tree {
  std::vector<double> p_sharp_beg, p_sharp_end, p_beg, p_end, rho;
  double log_sum_weight = -kInf;
  void reset(std::size_t n) {
    if (rho.size() != n)
      for (auto* v : {&p_sharp_beg, &p_sharp_end, &p_beg, &p_end, &rho}) v->resize(n);
    std::fill(rho.begin(), rho.end(), 0.0);
    log_sum_weight = -kInf;
  }
};

// Scratch for one level of the recursion (the two halves of a subtree and the
// second half's proposal), kept between transitions so that nothing is allocated.
struct Nuts::Level {
  Tree init, final_;
  PhasePoint propose_final;
};

// M^-1 with the held coordinates' rows and columns cleared, and the Cholesky factor
// L (M^-1 = L L^T) of the block of the others.
struct Nuts::Dense {
  std::vector<double> inv;  // row-major, as given
  Eigen::MatrixXd m;        // cleared
  std::vector<std::size_t> active;
  Eigen::MatrixXd chol;     // of the active block
  Eigen::VectorXd z;
};

Nuts::~Nuts() = default;

void Nuts::set_dense_metric(std::vector<double> inv) {
  const std::size_t n = inv_metric.size();
  if (inv.size() != n * n) throw std::invalid_argument("NUTS: a dense metric of the wrong size");
  if (!dense_) dense_ = std::make_unique<Dense>();
  Dense& d = *dense_;
  d.inv = std::move(inv);
  d.m.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  d.active.clear();
  for (std::size_t i = 0; i < n; ++i)
    if (inv_metric[i] > 0) d.active.push_back(i);
  for (std::size_t i = 0; i < n; ++i) {
    const bool held_i = !(inv_metric[i] > 0);
    for (std::size_t j = 0; j < n; ++j) {
      const bool held = held_i || !(inv_metric[j] > 0);
      d.m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = held ? 0.0 : d.inv[i * n + j];
    }
  }
  const auto k = static_cast<Eigen::Index>(d.active.size());
  Eigen::MatrixXd block(k, k);
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = 0; b < k; ++b)
      block(a, b) = d.m(static_cast<Eigen::Index>(d.active[static_cast<std::size_t>(a)]),
                        static_cast<Eigen::Index>(d.active[static_cast<std::size_t>(b)]));
  Eigen::LLT<Eigen::MatrixXd> llt(block);
  if (llt.info() != Eigen::Success) {  // not positive definite (too few draws): keep the diagonal
    dense_.reset();
    return;
  }
  d.chol = llt.matrixL();
  d.z.resize(k);
}

const std::vector<double>& Nuts::dense_metric() const {
  static const std::vector<double> none;
  return dense_ ? dense_->inv : none;
}

void Nuts::sharp(const std::vector<double>& p, std::vector<double>& out) const {
  const std::size_t n = p.size();
  out.resize(n);
  if (!dense_) {
    for (std::size_t i = 0; i < n; ++i) out[i] = inv_metric[i] * p[i];
    return;
  }
  Eigen::Map<Eigen::VectorXd>(out.data(), static_cast<Eigen::Index>(n)).noalias() =
      dense_->m * Eigen::Map<const Eigen::VectorXd>(p.data(), static_cast<Eigen::Index>(n));
}

Nuts::Nuts(LogDensityFunction& f, Rng& rng, NutsOptions opt)
    : inv_metric(f.dimension(), 1.0),
      f_(f),
      rng_(rng),
      opt_(opt),
      levels_(std::make_unique<Level[]>(static_cast<std::size_t>(std::max(opt.max_depth, 1)))),
      ends_(std::make_unique<Tree[]>(3)) {}

double Nuts::hamiltonian(const PhasePoint& z) const {
  sharp(z.p, scratch_);
  return -z.lp + 0.5 * dot(z.p, scratch_);
}

void Nuts::leapfrog(PhasePoint& z, double eps) {
  for (std::size_t i = 0; i < z.q.size(); ++i) z.p[i] += 0.5 * eps * z.grad[i];
  sharp(z.p, scratch_);
  for (std::size_t i = 0; i < z.q.size(); ++i) z.q[i] += eps * scratch_[i];
  z.lp = f_.value_and_gradient(z.q, z.grad);
  for (std::size_t i = 0; i < z.q.size(); ++i) z.p[i] += 0.5 * eps * z.grad[i];
}

void Nuts::sample_momentum(PhasePoint& z) {
  z.p.resize(z.q.size());
  // A coordinate with inverse metric 0 is held (updated outside NUTS): no momentum,
  // so it does not move and adds nothing to the kinetic energy.
  for (std::size_t i = 0; i < z.q.size(); ++i) {
    const double n = rng_.std_normal();
    z.p[i] = inv_metric[i] > 0 ? n / std::sqrt(inv_metric[i]) : 0.0;
  }
  if (!dense_) return;
  // p ~ N(0, M) on the active block: p = L^-T z with M^-1 = L L^T (then p^T M^-1 p = z^T z).
  Dense& d = *dense_;
  for (std::size_t a = 0; a < d.active.size(); ++a) d.z(static_cast<Eigen::Index>(a)) = rng_.std_normal();
  d.chol.transpose().triangularView<Eigen::Upper>().solveInPlace(d.z);
  std::fill(z.p.begin(), z.p.end(), 0.0);
  for (std::size_t a = 0; a < d.active.size(); ++a) z.p[d.active[a]] = d.z(static_cast<Eigen::Index>(a));
}

void Nuts::init_step_size(const PhasePoint& z0) {
  if (z0.q.empty()) return;
  PhasePoint z = z0;
  sample_momentum(z);
  double H0 = hamiltonian(z);
  leapfrog(z, step_size);
  double h = hamiltonian(z);
  if (std::isnan(h)) h = kInf;
  double delta_h = H0 - h;
  const double direction = delta_h > std::log(0.8) ? 1 : -1;
  for (int it = 0; it < 200; ++it) {
    z = z0;
    sample_momentum(z);
    H0 = hamiltonian(z);
    leapfrog(z, step_size);
    h = hamiltonian(z);
    if (std::isnan(h)) h = kInf;
    delta_h = H0 - h;
    if (direction == 1 && !(delta_h > std::log(0.8))) break;
    if (direction == -1 && !(delta_h < std::log(0.8))) break;
    step_size = direction == 1 ? 2 * step_size : 0.5 * step_size;
    if (step_size > 1e7)
      throw std::runtime_error("NUTS: the posterior is improper (step size diverged to infinity)");
    if (step_size == 0)
      throw std::runtime_error("NUTS: no acceptable step size: the density has no usable gradient");
  }
}

bool Nuts::build_tree(int depth, PhasePoint& z, PhasePoint& propose, Tree& t, double H0, double sign) {
  if (depth == 0) {
    leapfrog(z, sign * step_size);
    ++n_leapfrog_;
    double h = hamiltonian(z);
    if (std::isnan(h)) h = kInf;
    if (h - H0 > opt_.max_delta_energy) divergent_ = true;
    t.log_sum_weight = log_sum_exp(t.log_sum_weight, H0 - h);
    sum_metro_ += H0 - h > 0 ? 1 : std::exp(H0 - h);
    copy_point(propose, z);
    // hamiltonian(z) left M^-1 p in scratch_.
    for (std::size_t i = 0; i < z.p.size(); ++i) {
      t.p_sharp_beg[i] = t.p_sharp_end[i] = scratch_[i];
      t.rho[i] += z.p[i];
      t.p_beg[i] = t.p_end[i] = z.p[i];
    }
    return !divergent_;
  }
  const std::size_t n = z.q.size();
  Level& level = levels_[static_cast<std::size_t>(depth - 1)];
  Tree& init = level.init;
  Tree& final_ = level.final_;
  init.reset(n);
  if (!build_tree(depth - 1, z, propose, init, H0, sign)) return false;
  copy_point(level.propose_final, z);
  final_.reset(n);
  if (!build_tree(depth - 1, z, level.propose_final, final_, H0, sign)) return false;
  // The new half's proposal with probability w_final / (w_init + w_final).
  const Merged subtree = merge_weights(init.log_sum_weight, final_.log_sum_weight);
  t.log_sum_weight = log_sum_exp(t.log_sum_weight, subtree.log_sum);
  if (rng_.uniform01() < subtree.share_b)
    copy_point(propose, level.propose_final);
  for (std::size_t i = 0; i < n; ++i) t.rho[i] += init.rho[i] + final_.rho[i];
  copy_into(t.p_sharp_beg, init.p_sharp_beg);
  copy_into(t.p_beg, init.p_beg);
  copy_into(t.p_sharp_end, final_.p_sharp_end);
  copy_into(t.p_end, final_.p_end);
  bool persist = no_u_turn(t.p_sharp_beg, t.p_sharp_end, init.rho, final_.rho);
  persist = persist && no_u_turn(init.p_sharp_beg, final_.p_sharp_beg, init.rho, final_.p_beg);
  persist = persist && no_u_turn(init.p_sharp_end, final_.p_sharp_end, final_.rho, init.p_end);
  return persist;
}

NutsTransition Nuts::transition(PhasePoint& z0) {
  const std::size_t n = z0.q.size();
  NutsTransition out;
  if (n == 0) return out;
  sample_momentum(z0);
  const double H0 = hamiltonian(z0);
  copy_point(z_fwd_, z0), copy_point(z_bwd_, z0), copy_point(z_sample_, z0), copy_point(z_propose_, z0);
  // The ends of the whole trajectory so far: backward (bwd.*_beg), forward (fwd.*_end).
  Tree &fwd = ends_[0], &bwd = ends_[1], &sub = ends_[2];
  fwd.reset(n), bwd.reset(n);
  sharp(z0.p, fwd.p_sharp_end);
  bwd.p_sharp_beg = fwd.p_sharp_end;
  fwd.p_end = bwd.p_beg = z0.p;
  rho_ = z0.p;
  double log_sum_weight = 0;  // the initial point has weight exp(H0 - H0)
  divergent_ = false;
  n_leapfrog_ = 0;
  sum_metro_ = 0;
  int depth = 0;
  while (depth < opt_.max_depth) {
    sub.reset(n);
    const bool forward = rng_.uniform01() > 0.5;
    const bool valid = build_tree(depth, forward ? z_fwd_ : z_bwd_, z_propose_, sub, H0, forward ? 1 : -1);
    if (!valid) break;
    ++depth;
    // Biased progressive sampling: the new subtree's proposal with probability
    // min(1, w_new / w_old); exp(-|log w_new - log w_old|) serves both it and the sum.
    const double d = sub.log_sum_weight - log_sum_weight, e = std::exp(-std::abs(d));
    if (d > 0 || rng_.uniform01() < e) copy_point(z_sample_, z_propose_);
    log_sum_weight = std::max(log_sum_weight, sub.log_sum_weight) + std::log(1 + e);
    // The criterion over the merged trajectory and across the junction of the old
    // trajectory (rho_) and the new subtree. A subtree built backward starts (beg)
    // at the junction and ends (end) at the far backward end.
    bool persist;
    if (forward) {
      persist = no_u_turn(bwd.p_sharp_beg, sub.p_sharp_end, rho_, sub.rho) &&
                no_u_turn(bwd.p_sharp_beg, sub.p_sharp_beg, rho_, sub.p_beg) &&
                no_u_turn(fwd.p_sharp_end, sub.p_sharp_end, sub.rho, fwd.p_end);
      copy_into(fwd.p_sharp_end, sub.p_sharp_end), copy_into(fwd.p_end, sub.p_end);
    } else {
      persist = no_u_turn(sub.p_sharp_end, fwd.p_sharp_end, rho_, sub.rho) &&
                no_u_turn(sub.p_sharp_end, bwd.p_sharp_beg, sub.rho, bwd.p_beg) &&
                no_u_turn(sub.p_sharp_beg, fwd.p_sharp_end, rho_, sub.p_beg);
      copy_into(bwd.p_sharp_beg, sub.p_sharp_end), copy_into(bwd.p_beg, sub.p_end);
    }
    for (std::size_t i = 0; i < n; ++i) rho_[i] += sub.rho[i];
    if (!persist) break;
  }
  out.depth = depth;
  out.n_leapfrog = n_leapfrog_;
  out.divergent = divergent_;
  out.accept_stat = n_leapfrog_ > 0 ? sum_metro_ / n_leapfrog_ : 0;
  copy_point(z0, z_sample_);
  out.energy = hamiltonian(z0);
  return out;
}

}  // namespace alea::infer
