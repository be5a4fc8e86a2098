// Eight schools (half-Cauchy prior on tau): effective draws per second of tau for
// the naive model (hierarchical Gibbs), NUTS on the hand-marginalized model (mu, tau),
// the rewriter's model (tau alone) by inversion and by NUTS, and JAGS on models/eight_schools.bug (skipped when
// jags is not installed); then the time of one gradient of the naive log density
// against a hand-written gradient of the same function (the limit).
// Times are CPU seconds (getrusage: this process for alea, the child for JAGS), so
// that a loaded machine does not skew the ratio; wall seconds are printed beside.
// ESS is the bulk ESS (rank-normalized, diagnostics.hpp) over the 4 chains.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../infer/eight_schools.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/diagnostics.hpp"
#include "alea/infer/sampler.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "alea/rewrite/simplify.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double cpu_seconds(int who) {
  rusage u{};
  getrusage(who, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}


struct Run {
  double seconds = 0, wall = 0, ess = 0, mean = 0;
};

Run run_alea(const alea::Model& m, double adapt_delta, const char* column = "tau",
             alea::SamplerOptions::Metric metric = alea::SamplerOptions::Metric::Auto, bool invert = true) {
  alea::SamplerOptions o;
  o.warmup = 1000, o.draws = 5000, o.chains = 4, o.threads = 1, o.seed = 2026, o.adapt_delta = adapt_delta;
  o.metric = metric;
  o.invert_residual = invert;
  const auto t0 = Clock::now();
  const double c0 = cpu_seconds(RUSAGE_SELF);
  const auto chains = alea::sample_chains(m, o);
  Run r;
  r.seconds = cpu_seconds(RUSAGE_SELF) - c0;
  r.wall = seconds_since(t0);
  std::vector<std::vector<double>> tau;
  long div = 0;
  for (const auto& c : chains) tau.push_back(c.draws.column(column)), div += c.divergences;
  r.ess = alea::ess_bulk(tau);
  for (const auto& c : tau)
    for (double x : c) r.mean += x / static_cast<double>(c.size() * tau.size());
  std::printf("  (%ld divergences)\n", div);
  return r;
}

// JAGS on the same BUGS model: 4 chains, 1000 adaptation/burn-in, 5000 draws, CODA output.
bool run_jags(Run& r) {
  if (std::system("command -v jags > /dev/null 2>&1") != 0) return false;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "alea_bench_jags";
  fs::create_directories(dir);
  const std::string src = ALEA_SOURCE_DIR;
  // Each chain's random number generator seeded, so that JAGS's figures repeat too.
  std::ofstream cmd_file(dir / "run.cmd");
  cmd_file << "model in \"" << src << "/models/eight_schools.bug\"\n"
           << "data in \"" << src << "/models/eight_schools.R\"\n"
           << "compile, nchains(4)\n";
  for (int c = 1; c <= 4; ++c) {
    const fs::path inits = dir / ("inits" + std::to_string(c) + ".R");
    std::ofstream(inits) << "\".RNG.name\" <- \"base::Mersenne-Twister\"\n\".RNG.seed\" <- " << c << "\n";
    cmd_file << "parameters in \"" << inits.string() << "\", chain(" << c << ")\n";
  }
  cmd_file << "initialize\nupdate 1000\nmonitor tau\nupdate 5000\n"
           << "coda *, stem(\"" << (dir / "out").string() << "\")\nexit\n";
  cmd_file.close();
  const auto t0 = Clock::now();
  const double c0 = cpu_seconds(RUSAGE_CHILDREN);
  const std::string cmd = "cd '" + dir.string() + "' && jags run.cmd > jags.log 2>&1";
  if (std::system(cmd.c_str()) != 0) return false;
  r.seconds = cpu_seconds(RUSAGE_CHILDREN) - c0;
  r.wall = seconds_since(t0);
  std::vector<std::vector<double>> tau;
  for (int c = 1; c <= 4; ++c) {
    std::ifstream in(dir / ("outchain" + std::to_string(c) + ".txt"));
    std::vector<double> xs;
    double it = 0, x = 0;
    while (in >> it >> x) xs.push_back(x);  // only tau is monitored
    tau.push_back(xs);
  }
  r.ess = alea::ess_bulk(tau);
  for (const auto& c : tau)
    for (double x : c) r.mean += x / static_cast<double>(c.size() * tau.size());
  fs::remove_all(dir);
  return true;
}

// The naive eight schools log density on (mu, log tau, theta[8]) with its gradient,
// written by hand: the limit for the compiled one.
double hand_gradient(const std::vector<double>& u, std::vector<double>& g) {
  const auto& y = alea::test::kSchoolsY;
  const auto& s = alea::test::kSchoolsSigma;
  const double mu = u[0], tau = std::exp(u[1]);
  const double log2pi_half = 0.91893853320467274178;
  double lp = -0.5 * mu * mu / 1e4 - std::log(100.0) - log2pi_half;
  lp += std::log(2 / M_PI) - std::log(5.0) - std::log1p(tau * tau / 25) + u[1];
  double dmu = -mu / 1e4, dtau = -2 * tau / (25 + tau * tau);
  for (std::size_t j = 0; j < 8; ++j) {
    const double th = u[2 + j], d = th - mu, e = th - y[j];
    lp += -0.5 * d * d / (tau * tau) - std::log(tau) - log2pi_half;
    lp += -0.5 * e * e / (s[j] * s[j]) - std::log(s[j]) - log2pi_half;
    dmu += d / (tau * tau);
    dtau += -1 / tau + d * d / (tau * tau * tau);
    g[2 + j] = -d / (tau * tau) - e / (s[j] * s[j]);
  }
  g[0] = dmu;
  g[1] = dtau * tau + 1;
  return lp;
}

}  // namespace

int main() {
  std::printf("eight schools, tau: 4 chains x (1000 warmup + 5000 draws), one thread\n");
  std::printf("%-34s %10s %10s %10s %10s %12s\n", "sampler", "cpu s", "wall s", "ESS(tau)", "ESS/cpu s",
              "mean(tau)");
  const Run naive = run_alea(alea::test::eight_schools_naive(), 0.95);
  std::printf("%-34s %10.3f %10.3f %10.0f %10.0f %12.3f\n", "alea naive (hierarchical Gibbs)", naive.seconds,
              naive.wall, naive.ess, naive.ess / naive.seconds, naive.mean);
  const Run marg = run_alea(alea::test::eight_schools_marginalized(), 0.8);
  std::printf("%-34s %10.3f %10.3f %10.0f %10.0f %12.3f\n", "alea NUTS, marginalized", marg.seconds,
              marg.wall, marg.ess, marg.ess / marg.seconds, marg.mean);
  // What `alea sample` runs: the rewriter's model, theta and mu integrated out, tau
  // alone: drawn i.i.d. by inversion (no warmup), or by NUTS.
  const alea::Model rewritten =
      alea::rewrite::conjugate(alea::rewrite::simplify(alea::test::eight_schools_naive()).model).model;
  const Run inverted = run_alea(rewritten, 0.8);
  std::printf("%-34s %10.3f %10.3f %10.0f %10.0f %12.3f\n", "alea rewritten, tau by inversion", inverted.seconds,
              inverted.wall, inverted.ess, inverted.ess / inverted.seconds, inverted.mean);
  const Run tau_nuts = run_alea(rewritten, 0.8, "tau", alea::SamplerOptions::Metric::Auto, false);
  std::printf("%-34s %10.3f %10.3f %10.0f %10.0f %12.3f\n", "alea rewritten, tau by NUTS", tau_nuts.seconds,
              tau_nuts.wall, tau_nuts.ess, tau_nuts.ess / tau_nuts.seconds, tau_nuts.mean);
  std::printf("RATIO tau_ess_per_s_inversion %.1f nuts\n",
              (inverted.ess / inverted.seconds) / (tau_nuts.ess / tau_nuts.seconds));
  Run jags;
  if (run_jags(jags)) {
    std::printf("%-34s %10.3f %10.3f %10.0f %10.0f %12.3f\n", "JAGS 4 chains", jags.seconds, jags.wall,
                jags.ess, jags.ess / jags.seconds, jags.mean);
    std::printf("ratio ESS/s inversion alea / JAGS: %.1f (target >= 50)\n",
                (inverted.ess / inverted.seconds) / (jags.ess / jags.seconds));
    std::printf("RATIO tau_ess_per_s_inversion %.1f jags\n",
                (inverted.ess / inverted.seconds) / (jags.ess / jags.seconds));
    std::printf("ratio ESS/s marginalized alea / JAGS: %.1f (target >= 50)\n",
                (marg.ess / marg.seconds) / (jags.ess / jags.seconds));
    std::printf("ratio ESS/s naive alea / JAGS:        %.1f\n",
                (naive.ess / naive.seconds) / (jags.ess / jags.seconds));
    std::printf("RATIO nuts_tau_ess_per_s_marginalized %.1f jags\n", (marg.ess / marg.seconds) / (jags.ess / jags.seconds));
    std::printf("RATIO nuts_tau_ess_per_s_naive %.2f jags\n", (naive.ess / naive.seconds) / (jags.ess / jags.seconds));
  } else {
    std::printf("JAGS: not installed, skipped\n");
  }

  // A correlated posterior (a + b observed with sd 0.1, a and b with sd 10: correlation
  // -0.9999): NUTS with the diagonal metric against the dense one.
  {
    alea::Model c;
    alea::Expr a = c.random("a", alea::normal(0.0, 10.0));
    alea::Expr b = c.random("b", alea::normal(0.0, 10.0));
    c.random("y", alea::normal(a + b, 0.1));
    c.observe("y", alea::Value(1.0));
    std::printf("\ncorrelated pair (a + b observed), a: 4 chains x (1000 warmup + 5000 draws), one thread\n");
    const Run diag = run_alea(c, 0.8, "a", alea::SamplerOptions::Metric::Diag);
    std::printf("%-34s %10.3f %10.3f %10.0f %10.0f\n", "alea NUTS, diagonal metric", diag.seconds, diag.wall,
                diag.ess, diag.ess / diag.seconds);
    const Run dense = run_alea(c, 0.8, "a", alea::SamplerOptions::Metric::Dense);
    std::printf("%-34s %10.3f %10.3f %10.0f %10.0f\n", "alea NUTS, dense metric", dense.seconds, dense.wall,
                dense.ess, dense.ess / dense.seconds);
    std::printf("RATIO nuts_dense_ess_per_s %.1f diag\n", (dense.ess / dense.seconds) / (diag.ess / diag.seconds));
  }

  alea::Model m = alea::test::eight_schools_naive();
  alea::infer::LogDensityFunction f(m);
  std::vector<double> u(f.dimension()), g(f.dimension()), gh(f.dimension());
  for (std::size_t i = 0; i < u.size(); ++i) u[i] = 0.1 * static_cast<double>(i) - 0.3;
  const double a = f.value_and_gradient(u, g), b = hand_gradient(u, gh);
  double max_diff = std::abs(a - b);
  for (std::size_t i = 0; i < g.size(); ++i) max_diff = std::max(max_diff, std::abs(g[i] - gh[i]));
  const int n = 1'000'000;
  double sink = 0;
  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) u[0] += 1e-12, sink += f.value_and_gradient(u, g);
  const double alea_ns = seconds_since(t0) * 1e9 / n;
  t0 = Clock::now();
  for (int i = 0; i < n; ++i) u[0] += 1e-12, sink += hand_gradient(u, gh);
  const double hand_ns = seconds_since(t0) * 1e9 / n;
  std::printf("\ngradient of the naive eight schools log density (10 coordinates), max |difference| %.2g\n",
              max_diff);
  std::printf("  alea %.1f ns, hand-written %.1f ns, ratio %.1f (sink %g)\n", alea_ns, hand_ns,
              alea_ns / hand_ns, sink);
  std::printf("RATIO gradient_time_eight_schools %.2f hand_written_gradient\n", alea_ns / hand_ns);
  return 0;
}
