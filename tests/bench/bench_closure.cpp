// Closure rules at work: forward sampling of "z = sum of 1,000 iid normal draws"
// (as 1,000 scalar draws added up, and as one vector draw summed) against the
// simplified model, and saturation time with every default rule on a generated
// 10,000-node model. Ratios are against the naive model measured in the same run.
// Scalar draws added up are recognized as one iid_sum composite, and a random walk's
// endpoint closes at the composite level; both are timed on generated models too.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/forward.hpp"
#include "alea/model/composite.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/simplify.hpp"

using namespace alea;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr int kTerms = 1'000;

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// Draws of z per second (best of 3 runs of n draws).
double draws_per_second(const Model& m, std::size_t n) {
  double best = 0;
  for (int rep = 0; rep < 3; ++rep) {
    Rng rng(7 + static_cast<std::uint64_t>(rep));
    const auto t0 = clock_type::now();
    const DrawTable t = sample_prior(m, n, rng, {"z"});
    best = std::max(best, static_cast<double>(t.rows()) / seconds_since(t0));
  }
  return best;
}

std::size_t count_draws(const Model& m) {
  std::size_t k = 0;
  for (NodeId id = 0; id < m.graph().size(); ++id) k += m.graph().node(id).op == Op::Draw;
  return k;
}

Model scalar_chain() {
  Model m;
  Expr acc = m.draw(normal(0.0, 1.0));
  for (int i = 1; i < kTerms; ++i) acc = acc + m.draw(normal(0.0, 1.0));
  m.let("z", acc);
  m.monitor({"z"});
  return m;
}

// z = x[1000] of a random walk: closed as the random_walk composite, and as the
// chain of 1,000 draws it expands to (what a BUGS loop writes).
Model walk_endpoint(bool closed) {
  Model m;
  Expr x = m.draw(random_walk(0.0, 1.0, kTerms));
  m.let("z", x[kTerms - 1]);
  m.monitor({"z"});
  return closed ? m : expand_all(m);
}

// About `nodes` nodes of sums of 20 iid draws written term by term and random-walk
// endpoints of length 20, each sum or endpoint a visible variable.
Model generate_composites(std::size_t nodes) {
  Model m;
  for (int k = 0; m.graph().size() < nodes; ++k) {
    const double mu = 0.01 * k;
    Expr acc = m.draw(normal(mu, 1.0));
    for (int i = 1; i < 20; ++i) acc = acc + m.draw(normal(mu, 1.0));
    m.let("s" + std::to_string(k), acc);
    Expr x = m.draw(random_walk(mu, 1.0, 20));
    m.let("w" + std::to_string(k), x[19]);
  }
  return m;
}

Model vector_sum() {
  Model m;
  Expr v = m.draw(normal(0.0, 1.0), Shape{kTerms});
  m.let("z", sum(v));
  m.monitor({"z"});
  return m;
}

// A random model over several families: independent draws (normal, gamma,
// exponential, poisson, vector normals) combined by + * exp log sum and constants;
// every 10th node is a named visible variable.
Model generate(std::size_t nodes, std::uint64_t seed) {
  Rng rng(seed);
  Model m;
  std::vector<Expr> pool;
  std::size_t named = 0;
  while (m.graph().size() < nodes) {
    const double u = rng.uniform01();
    auto pick = [&]() { return pool[static_cast<std::size_t>(rng.uniform01() * static_cast<double>(pool.size()))]; };
    Expr e = pool.size() < 4 || u < 0.08 ? m.draw(normal(rng.std_normal(), 1.0 + rng.uniform01()))
             : u < 0.12                 ? m.draw(gamma(1.0 + rng.uniform01(), 2.0))
             : u < 0.15                 ? m.draw(exponential(2.0))
             : u < 0.18                 ? m.draw(poisson(1.0 + rng.uniform01()))
             : u < 0.20                 ? sum(m.draw(normal(0.0, 1.0), Shape{8}))
             : u < 0.45                 ? pick() + pick()
             : u < 0.6                  ? pick() * (1.0 + std::floor(4 * rng.uniform01()))
             : u < 0.7                  ? pick() - pick()
             : u < 0.8                  ? exp(pick())
             : u < 0.9                  ? pick() + 0.0
                                        : log(exp(pick()));
    pool.push_back(e);
    if (pool.size() % 10 == 0) m.let("v" + std::to_string(named++), e);
  }
  return m;
}

}  // namespace

int main() {
  std::printf("Forward sampling of z = sum of %d iid normal(0, 1) draws (draws of z per second, best of 3)\n\n", kTerms);
  std::printf("%-44s %10s %8s %12s %14s %8s\n", "model", "simplify", "draws", "iterations", "draws/s", "x naive");

  struct Case {
    const char* name;
    const char* key;  // the RATIO line's name: time per draw, simplified over naive
    Model naive;
    rewrite::Limits limits;
  };
  rewrite::Limits raised;  // the chain needs one iteration per addition
  raised.iterations = 2 * kTerms;
  raised.time = std::chrono::milliseconds(10'000);
  raised.work = SIZE_MAX;
  std::vector<Case> cases{
      {"1,000 scalar draws added (default limits)", "forward_sum_of_1000_scalars", scalar_chain(), {}},
      {"1,000 scalar draws added (2,000 it., no work limit, 10 s)", "forward_sum_of_1000_scalars_raised", scalar_chain(), raised},
      {"one vector draw of 1,000, summed", "forward_sum_of_a_vector_draw", vector_sum(), {}},
      {"random walk of 1,000 written out, endpoint", "forward_walk_written_out", walk_endpoint(false), {}},
      {"random walk of 1,000 closed, endpoint", "forward_walk_closed", walk_endpoint(true), {}}};
  for (const Case& c : cases) {
    const std::size_t n_naive = c.naive.graph().size() > 3 * kTerms ? 2'000 : 20'000;
    const double naive_rate = draws_per_second(c.naive, n_naive);
    std::printf("%-44s %10s %8zu %12s %14.0f %8.1f\n", (std::string(c.name) + ": naive").c_str(), "-",
                count_draws(c.naive), "-", naive_rate, 1.0);
    rewrite::SimplifyOptions opt;
    opt.limits = c.limits;
    opt.trace = false;
    const auto t0 = clock_type::now();
    const rewrite::SimplifyResult r = rewrite::simplify(c.naive, opt);
    const double simplify_s = seconds_since(t0);
    const double rate = draws_per_second(r.model, count_draws(r.model) > 1 ? n_naive : 1'000'000);
    char simplify_ms[32], iters[32];
    std::snprintf(simplify_ms, sizeof simplify_ms, "%.1f ms", simplify_s * 1e3);
    std::snprintf(iters, sizeof iters, "%zu (%s)", r.report.iterations, rewrite::to_string(r.report.reason).c_str());
    std::printf("%-44s %10s %8zu %12s %14.0f %8.1f\n", (std::string(c.name) + ": simplified").c_str(), simplify_ms,
                count_draws(r.model), iters, rate, rate / naive_rate);
    // Time per draw of the simplified model over the naive one (below 1: faster).
    std::printf("RATIO %s %.4f naive_model\n", c.key, naive_rate / rate);
  }

  std::printf("\nSaturation with every default rule (default limits: 30 iterations, work max(400000, 4 x start), e-nodes max(20000, 4 x start))\n\n");
  std::printf("%7s %10s %10s %9s %9s %10s %6s %-16s %7s %7s\n", "nodes", "total ms", "base ms", "e-n start", "base e-n",
              "e-n end", "iters", "stopped", "draws", "after");
  for (std::size_t n : {1'000UL, 10'000UL}) {
    const Model m = generate(n, 42);
    rewrite::SimplifyOptions opt;
    opt.trace = false;
    const std::size_t start_nodes = rewrite::to_egraph(m).egraph.node_count();
    const auto t0 = clock_type::now();
    const rewrite::SimplifyResult r = rewrite::simplify(m, opt);
    const double ms = seconds_since(t0) * 1e3;
    char base_ms[32];  // base_saturated < 0: the non-expansive rules never saturated within the limits
    if (r.report.base_saturated.count() < 0) std::snprintf(base_ms, sizeof base_ms, "never");
    else std::snprintf(base_ms, sizeof base_ms, "%.2f", static_cast<double>(r.report.base_saturated.count()) / 1000.0);
    std::printf("%7zu %10.1f %10s %9zu %9zu %10zu %6zu %-16s %7zu %7zu\n", n, ms, base_ms, start_nodes, r.report.base_nodes,
                r.report.nodes, r.report.iterations, rewrite::to_string(r.report.reason).c_str(), count_draws(m),
                count_draws(r.model));
  }
  std::printf("\nSaturation with the composite rules on generated models of iid sums and random walks\n\n");
  std::printf("%7s %10s %8s %8s %7s\n", "nodes", "total ms", "levels", "draws", "after");
  for (std::size_t n : {1'000UL, 10'000UL}) {
    const Model m = generate_composites(n);
    rewrite::SimplifyOptions opt;
    opt.trace = false;
    const auto t0 = clock_type::now();
    const rewrite::SimplifyResult r = rewrite::simplify(m, opt);
    std::printf("%7zu %10.1f %8zu %8zu %7zu\n", m.graph().size(), seconds_since(t0) * 1e3, r.levels.size(),
                count_draws(expand_all(m)), count_draws(r.model));
  }
  return 0;
}
