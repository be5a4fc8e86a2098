// The No-U-Turn sampler as Stan runs it: multinomial sampling of the trajectory with
// the generalized no-U-turn criterion checked across subtrees, biased progressive
// sampling at the top level, a diagonal metric, a maximum tree depth, and a
// divergence when the energy error exceeds a bound; with Stan's warmup: dual
// averaging of the step size and windowed estimation of the diagonal metric.
#pragma once
#include <memory>
#include <span>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"

namespace alea::infer {

struct NutsOptions {
  int max_depth = 10;
  double max_delta_energy = 1000;  // divergence threshold
};

// A point with its log density and gradient.
struct PhasePoint {
  std::vector<double> q, p, grad;
  double lp = 0;
};

struct NutsTransition {
  double accept_stat = 0;
  int depth = 0;
  int n_leapfrog = 0;
  bool divergent = false;
  double energy = 0;
};

class Nuts {
 public:
  Nuts(LogDensityFunction& f, Rng& rng, NutsOptions opt);
  ~Nuts();
  Nuts(const Nuts&) = delete;
  Nuts& operator=(const Nuts&) = delete;
  // One transition from `z` (q, lp and grad must be current); z becomes the draw.
  NutsTransition transition(PhasePoint& z);
  // Stan's heuristic: double or halve the step size until the acceptance of one
  // leapfrog step crosses 0.8.
  void init_step_size(const PhasePoint& z);

  double step_size = 1;
  std::vector<double> inv_metric;  // diagonal of M^-1; 0: a coordinate held (updated outside NUTS)
  // A dense metric: M^-1 as a row-major dim x dim matrix (its diagonal also in
  // inv_metric). Call after changing it or the held coordinates: the rows and columns
  // of held coordinates are cleared and the Cholesky factor of the rest is taken.
  void set_dense_metric(std::vector<double> inv);
  bool dense() const { return dense_ != nullptr; }
  const std::vector<double>& dense_metric() const;

 private:
  struct Tree;
  struct Level;
  double hamiltonian(const PhasePoint& z) const;
  void leapfrog(PhasePoint& z, double eps);
  void sample_momentum(PhasePoint& z);
  // out = M^-1 p.
  void sharp(const std::vector<double>& p, std::vector<double>& out) const;
  struct Dense;
  std::unique_ptr<Dense> dense_;
  mutable std::vector<double> scratch_;
  bool build_tree(int depth, PhasePoint& z, PhasePoint& propose, Tree& t, double H0, double sign);

  LogDensityFunction& f_;
  Rng& rng_;
  NutsOptions opt_;
  bool divergent_ = false;
  int n_leapfrog_ = 0;
  double sum_metro_ = 0;
  // Scratch kept between transitions: one level per tree depth, the trajectory's
  // ends and the new subtree, the points of the trajectory, the summed momentum.
  std::unique_ptr<Level[]> levels_;
  std::unique_ptr<Tree[]> ends_;
  PhasePoint z_fwd_, z_bwd_, z_sample_, z_propose_;
  std::vector<double> rho_;
};

// Dual averaging of the log step size (Nesterov; Hoffman and Gelman's constants).
class StepSizeAdaptation {
 public:
  double delta = 0.8, gamma = 0.05, t0 = 10, kappa = 0.75;
  void restart(double step_size);
  double learn(double accept_stat);  // the next step size
  double final_step_size() const;

 private:
  double mu_ = 0, s_bar_ = 0, x_bar_ = 0, counter_ = 0;
};

// Stan's windowed warmup: an initial fast buffer, slow windows doubling in size
// whose draws estimate the metric (regularized toward 1e-3), a terminal fast buffer.
class MetricAdaptation {
 public:
  // `dense`: estimate the covariance (regularized as Stan's dense_e: toward 1e-3 I),
  // not only the variances.
  MetricAdaptation(std::size_t dim, long num_warmup, long init_buffer = 75, long term_buffer = 50,
                   long base_window = 25, bool dense = false);
  // Feeds the draw of warmup iteration `counter_`; true when a window ended and
  // inv_metric (and, dense, inv_dense: row-major dim x dim) was updated.
  bool learn(std::vector<double>& inv_metric, std::span<const double> q, std::vector<double>* inv_dense = nullptr);

 private:
  bool in_window() const;
  bool end_of_window() const;
  void next_window();
  long num_warmup_, init_buffer_, term_buffer_, base_window_, counter_ = 0, window_size_ = 0,
                                                              next_window_ = 0;
  bool adapt_ = true;
  long n_ = 0;
  bool dense_ = false;
  std::vector<double> mean_, m2_, d_, cov_;  // cov_: dense, row-major
};

}  // namespace alea::infer
