// One NUTS transition (see nuts.hpp). The tree is built recursively: a subtree of
// depth d is two subtrees of depth d - 1; points are chosen within a subtree in
// proportion to exp(-H) (multinomial sampling) and, at the top level, the new
// subtree's proposal replaces the current one with probability min(1, w_new / w_old)
// (biased progressive sampling). A trajectory stops when the generalized no-U-turn
// criterion fails for the whole tree, or across the junction of its two halves.
#include "alea/infer/nuts.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace alea::infer {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double log_sum_exp(double a, double b) {
  if (a == -kInf) return b;
  if (b == -kInf) return a;
  const double m = std::max(a, b);
  return m + std::log(std::exp(a - m) + std::exp(b - m));
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Both ends move away from each other along rho (momentum summed over the subtree).
bool no_u_turn(const std::vector<double>& p_sharp_minus, const std::vector<double>& p_sharp_plus,
               const std::vector<double>& rho) {
  return dot(p_sharp_plus, rho) > 0 && dot(p_sharp_minus, rho) > 0;
}

std::vector<double> sum(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> s(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) s[i] = a[i] + b[i];
  return s;
}

}  // namespace

// The ends of a subtree: momenta p at both ends, M^-1 p (p_sharp) at both ends, the
// summed momentum rho and the log of the summed weights.
struct Nuts::Tree {
  std::vector<double> p_sharp_beg, p_sharp_end, p_beg, p_end, rho;
  double log_sum_weight = -kInf;
  explicit Tree(std::size_t n) : p_sharp_beg(n), p_sharp_end(n), p_beg(n), p_end(n), rho(n, 0.0) {}
};

Nuts::Nuts(LogDensityFunction& f, Rng& rng, NutsOptions opt)
    : inv_metric(f.dimension(), 1.0), f_(f), rng_(rng), opt_(opt) {}

double Nuts::hamiltonian(const PhasePoint& z) const {
  double k = 0;
  for (std::size_t i = 0; i < z.p.size(); ++i) k += z.p[i] * z.p[i] * inv_metric[i];
  return -z.lp + 0.5 * k;
}

void Nuts::leapfrog(PhasePoint& z, double eps) {
  for (std::size_t i = 0; i < z.q.size(); ++i) z.p[i] += 0.5 * eps * z.grad[i];
  for (std::size_t i = 0; i < z.q.size(); ++i) z.q[i] += eps * inv_metric[i] * z.p[i];
  z.lp = f_.value_and_gradient(z.q, z.grad);
  for (std::size_t i = 0; i < z.q.size(); ++i) z.p[i] += 0.5 * eps * z.grad[i];
}

void Nuts::sample_momentum(PhasePoint& z) {
  z.p.resize(z.q.size());
  for (std::size_t i = 0; i < z.q.size(); ++i) z.p[i] = rng_.std_normal() / std::sqrt(inv_metric[i]);
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
    if (step_size > 1e7) throw std::runtime_error("NUTS: the posterior is improper (step size diverged to infinity)");
    if (step_size == 0) throw std::runtime_error("NUTS: no acceptable step size: the density has no usable gradient");
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
    propose = z;
    for (std::size_t i = 0; i < z.p.size(); ++i) {
      t.p_sharp_beg[i] = inv_metric[i] * z.p[i];
      t.rho[i] += z.p[i];
    }
    t.p_sharp_end = t.p_sharp_beg;
    t.p_beg = z.p;
    t.p_end = z.p;
    return !divergent_;
  }
  const std::size_t n = z.q.size();
  Tree init(n);
  if (!build_tree(depth - 1, z, propose, init, H0, sign)) return false;
  PhasePoint propose_final = z;
  Tree final_(n);
  if (!build_tree(depth - 1, z, propose_final, final_, H0, sign)) return false;
  const double log_sum_weight_subtree = log_sum_exp(init.log_sum_weight, final_.log_sum_weight);
  t.log_sum_weight = log_sum_exp(t.log_sum_weight, log_sum_weight_subtree);
  if (rng_.uniform01() < std::exp(final_.log_sum_weight - log_sum_weight_subtree)) propose = propose_final;
  const std::vector<double> rho_subtree = sum(init.rho, final_.rho);
  for (std::size_t i = 0; i < n; ++i) t.rho[i] += rho_subtree[i];
  t.p_sharp_beg = init.p_sharp_beg;
  t.p_beg = init.p_beg;
  t.p_sharp_end = final_.p_sharp_end;
  t.p_end = final_.p_end;
  bool persist = no_u_turn(t.p_sharp_beg, t.p_sharp_end, rho_subtree);
  persist = persist && no_u_turn(init.p_sharp_beg, final_.p_sharp_beg, sum(init.rho, final_.p_beg));
  persist = persist && no_u_turn(init.p_sharp_end, final_.p_sharp_end, sum(final_.rho, init.p_end));
  return persist;
}

NutsTransition Nuts::transition(PhasePoint& z0) {
  const std::size_t n = z0.q.size();
  NutsTransition out;
  if (n == 0) return out;
  sample_momentum(z0);
  const double H0 = hamiltonian(z0);
  PhasePoint z_fwd = z0, z_bwd = z0, z_sample = z0, z_propose = z0;
  // The ends of the whole trajectory so far: backward (bwd.*_beg), forward (fwd.*_end).
  Tree fwd(n), bwd(n);
  for (std::size_t i = 0; i < n; ++i) fwd.p_sharp_end[i] = inv_metric[i] * z0.p[i];
  bwd.p_sharp_beg = fwd.p_sharp_end;
  fwd.p_end = bwd.p_beg = z0.p;
  std::vector<double> rho = z0.p;
  double log_sum_weight = 0;  // the initial point has weight exp(H0 - H0)
  divergent_ = false;
  n_leapfrog_ = 0;
  sum_metro_ = 0;
  int depth = 0;
  while (depth < opt_.max_depth) {
    Tree sub(n);
    bool valid;
    // The tree's ends, oriented from the backward end to the forward end:
    // [bwd.p_sharp_beg ... bwd.p_sharp_end][fwd.p_sharp_beg ... fwd.p_sharp_end]
    // where the new subtree becomes one side and the old trajectory the other.
    std::vector<double> rho_old = rho;
    std::vector<double> p_sharp_old_beg, p_sharp_old_end, p_old_beg, p_old_end;
    p_sharp_old_beg = bwd.p_sharp_beg, p_sharp_old_end = fwd.p_sharp_end;
    p_old_beg = bwd.p_beg, p_old_end = fwd.p_end;
    const bool forward = rng_.uniform01() > 0.5;
    if (forward) {
      valid = build_tree(depth, z_fwd, z_propose, sub, H0, 1);
    } else {
      valid = build_tree(depth, z_bwd, z_propose, sub, H0, -1);
    }
    if (!valid) break;
    ++depth;
    if (sub.log_sum_weight > log_sum_weight || rng_.uniform01() < std::exp(sub.log_sum_weight - log_sum_weight))
      z_sample = z_propose;
    log_sum_weight = log_sum_exp(log_sum_weight, sub.log_sum_weight);
    for (std::size_t i = 0; i < n; ++i) rho[i] += sub.rho[i];
    // Backward subtrees are built going backward: their "beg" is the end nearest
    // the old trajectory.
    std::vector<double> sharp_minus, sharp_plus, p_minus_inner, p_plus_inner, sharp_minus_inner, sharp_plus_inner;
    std::vector<double> rho_minus, rho_plus;
    if (forward) {
      sharp_minus = p_sharp_old_beg, sharp_plus = sub.p_sharp_end;
      sharp_minus_inner = p_sharp_old_end, sharp_plus_inner = sub.p_sharp_beg;
      p_minus_inner = p_old_end, p_plus_inner = sub.p_beg;
      rho_minus = rho_old, rho_plus = sub.rho;
      fwd.p_sharp_end = sub.p_sharp_end, fwd.p_end = sub.p_end;
    } else {
      sharp_minus = sub.p_sharp_end, sharp_plus = p_sharp_old_end;
      sharp_minus_inner = sub.p_sharp_beg, sharp_plus_inner = p_sharp_old_beg;
      p_minus_inner = sub.p_beg, p_plus_inner = p_old_beg;
      rho_minus = sub.rho, rho_plus = rho_old;
      bwd.p_sharp_beg = sub.p_sharp_end, bwd.p_beg = sub.p_end;
    }
    bool persist = no_u_turn(sharp_minus, sharp_plus, rho);
    persist = persist && no_u_turn(sharp_minus, sharp_plus_inner, sum(rho_minus, p_plus_inner));
    persist = persist && no_u_turn(sharp_minus_inner, sharp_plus, sum(rho_plus, p_minus_inner));
    if (!persist) break;
  }
  out.depth = depth;
  out.n_leapfrog = n_leapfrog_;
  out.divergent = divergent_;
  out.accept_stat = n_leapfrog_ > 0 ? sum_metro_ / n_leapfrog_ : 0;
  z0 = z_sample;
  out.energy = hamiltonian(z0);
  return out;
}

}  // namespace alea::infer
