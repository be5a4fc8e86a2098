// One log density + gradient evaluation of a logistic regression with a random effect
// per group (seeds' model shape, written in BUGS, non-centred as the sampler runs it),
// at 21 groups (seeds' size) and 2,000 groups: alea's compiled density (gradient.hpp)
// against a hand-written loop over the same function and unconstrained coordinates
// (the limit: the logit and its partials in one pass, one exp and one log1p per count).
// Prints each time and a `RATIO name value baseline` line for scripts/bench.sh.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/rdump.hpp"
#include "alea/rewrite/simplify.hpp"

using namespace alea;
using Clock = std::chrono::steady_clock;

namespace {

const char* kModel = R"(model {
  for (i in 1:N) {
    b[i] ~ dnorm(0, tau)
    logit(p[i]) <- alpha0 + alpha1 * x1[i] + b[i]
    r[i] ~ dbin(p[i], n[i])
  }
  alpha0 ~ dnorm(0, 1.0E-6)
  alpha1 ~ dnorm(0, 1.0E-6)
  tau ~ dgamma(0.001, 0.001)
})";

struct Data {
  std::vector<double> x1, r, n;
};

Data make_data(int groups) {
  Rng rng(7);
  Data d;
  for (int i = 0; i < groups; ++i) {
    const double x = i % 2, n = 20 + std::floor(40 * rng.uniform01());
    const double p = 1 / (1 + std::exp(-(-0.5 + 1.2 * x + 0.3 * rng.std_normal())));
    double r = 0;
    for (int k = 0; k < static_cast<int>(n); ++k) r += rng.uniform01() < p;
    d.x1.push_back(x), d.n.push_back(n), d.r.push_back(r);
  }
  return d;
}

std::string rdump(const Data& d) {
  const auto vec = [](const std::vector<double>& v) {
    std::string s = "c(";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
    return s + ")";
  };
  return "N <- " + std::to_string(d.x1.size()) + "\nx1 <- " + vec(d.x1) + "\nr <- " + vec(d.r) +
         "\nn <- " + vec(d.n) + "\n";
}

// The same function by hand, on the sampler's coordinates: alpha0, alpha1, log tau,
// and the non-centred z (b = z / sqrt(tau)), in whatever order `order` gives them.
struct Coords {
  std::size_t alpha0, alpha1, log_tau, z;
};

double hand(const Data& d, const Coords& c, const std::vector<double>& u, std::vector<double>& g) {
  std::fill(g.begin(), g.end(), 0.0);
  const double a0 = u[c.alpha0], a1 = u[c.alpha1], lt = u[c.log_tau], tau = std::exp(lt);
  const double sd = 1 / std::sqrt(tau), prior_sd = 1000;
  double lp = -0.5 * (a0 * a0 + a1 * a1) / (prior_sd * prior_sd);
  g[c.alpha0] -= a0 / (prior_sd * prior_sd), g[c.alpha1] -= a1 / (prior_sd * prior_sd);
  // gamma(0.001, 0.001) on tau, with the log Jacobian lt.
  lp += 0.001 * lt - 0.001 * tau;
  g[c.log_tau] += 0.001 - 0.001 * tau;
  double dsd = 0;
  for (std::size_t i = 0; i < d.x1.size(); ++i) {
    const double z = u[c.z + i];
    lp -= 0.5 * z * z;
    g[c.z + i] -= z;
    const double eta = a0 + a1 * d.x1[i] + sd * z, e = std::exp(-std::abs(eta));
    lp += d.r[i] * eta - d.n[i] * (std::max(eta, 0.0) + std::log1p(e));
    const double deta = d.r[i] - d.n[i] * (eta >= 0 ? 1 / (1 + e) : e / (1 + e));
    g[c.alpha0] += deta, g[c.alpha1] += deta * d.x1[i], g[c.z + i] += deta * sd, dsd += deta * z;
  }
  g[c.log_tau] += dsd * (-0.5 * sd);
  return lp;
}

volatile double kept = 0;  // the timed results, kept so that the loops are not optimized away

template <class F>
double best_seconds(F f, int reps) {
  double best = 1e300;
  for (int k = 0; k < 5; ++k) {
    const auto t0 = Clock::now();
    for (int r = 0; r < reps; ++r) f();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t0).count() / reps);
  }
  return best;
}

}  // namespace

int main() {
  std::printf("logistic regression with a random effect per group: one log density + gradient\n");
  for (const int groups : {21, 2000}) {
    const Data d = make_data(groups);
    const io::DataSet data = io::read_rdump(rdump(d), "bench.R");
    const Model m = rewrite::simplify(io::load_bugs_model(kModel, "bench.bug", data)).model;
    // The random effects non-centred, as the sampler's pilot chooses for weak data.
    std::vector<NodeId> noncentred;
    for (const Variable& v : m.variables())
      if (v.name == "b") noncentred.push_back(v.node);
    infer::LogDensityFunction f(m, noncentred);
    Coords c{};
    for (const infer::FreeVariable& fv : f.free_variables()) {
      if (fv.name == "alpha0") c.alpha0 = fv.offset;
      if (fv.name == "alpha1") c.alpha1 = fv.offset;
      if (fv.name == "tau") c.log_tau = fv.offset;
      if (fv.name == "b") c.z = fv.offset;
    }
    Rng rng(11);
    std::vector<double> u(f.dimension()), g(f.dimension()), h(f.dimension());
    for (double& x : u) x = 0.5 * rng.std_normal();
    // The two must agree (up to the constant log binomial coefficients and normalizers).
    const double lp_alea = f.value_and_gradient(u, g), lp_hand = hand(d, c, u, h);
    double worst = 0;
    for (std::size_t i = 0; i < g.size(); ++i) worst = std::max(worst, std::abs(g[i] - h[i]) / (1 + std::abs(h[i])));
    const int reps = groups < 100 ? 20000 : 500;
    double sink = 0;
    const double t_alea = best_seconds([&] { sink += f.value_and_gradient(u, g); }, reps);
    const double t_hand = best_seconds([&] { sink += hand(d, c, u, h); }, reps);
    std::printf("  %5d groups: alea %.3g us, hand-written %.3g us, ratio %.2f (gradients differ by %.1e; lp %g vs %g + const)\n",
                groups, 1e6 * t_alea, 1e6 * t_hand, t_alea / t_hand, worst, lp_alea, lp_hand);
    kept = sink;
    std::printf("RATIO logistic_gradient_%d %.3f hand\n", groups, t_alea / t_hand);
  }
}
