// Log density of iid likelihoods over 10^6 observations (normal, poisson, gamma):
// alea's joint log density of the model against a hand-written loop over the same
// data (the limit: constants hoisted, one pass, no allocation). Prints each time and
// a `RATIO name value baseline` line for scripts/bench.sh (target: within 1.25x).
// Then the time of one log density + gradient evaluation of the compiled density
// (gradient.hpp) of two models after conjugacy has integrated a latent out, at 10^3 and
// 10^6 observations, and their ratio (target: within 1.2x, as sufficient statistics make
// an evaluation independent of the number of observations):
//   normal:        mu ~ normal(0, 100), tau ~ gamma(1, 1), y[i] ~ normal(mu, 1 / sqrt(tau));
//                  mu integrated out: y ~ normal_mean_joint(0, 1, 0, 100, 1 / sqrt(tau)).
//   gamma-Poisson: beta ~ gamma(1, 1), lambda ~ gamma(2, beta), y[i] ~ poisson(lambda);
//                  lambda integrated out: y ~ poisson_gamma_joint(2, beta, 1).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <numbers>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/infer/dist_gradient.hpp"
#include "alea/infer/forward.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/infer/log_density.hpp"
#include "alea/model/model.hpp"
#include "alea/rewrite/conjugacy.hpp"

using namespace alea;
using clock_type = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kN = 1'000'000;

// Best of 5 runs, in seconds; `sink` keeps the result alive.
double best_time(const std::function<double()>& f, double& sink) {
  double best = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    const auto t0 = clock_type::now();
    sink += f();
    best = std::min(best, std::chrono::duration<double>(clock_type::now() - t0).count());
  }
  return best;
}

std::vector<double> draws_of(const Model& m, const std::string& name) {
  Rng rng(2024);
  const DrawTable t = sample_prior(m, 1, rng, {name});
  std::vector<double> out;
  for (std::size_t c = 0; c < t.cols(); ++c) out.push_back(t.at(0, c));
  return out;
}

struct Case {
  std::string name;
  Model model;
  std::map<std::string, Value> at;                       // the parameters
  std::function<double(const std::vector<double>&)> hand;  // the same log likelihood, by hand
  std::vector<double> y;
};

void report(Case& c, double& sink) {
  const double t_alea = best_time([&] { return log_density(c.model, c.at).total; }, sink);
  const double t_hand = best_time([&] { return c.hand(c.y); }, sink);
  const double a = log_density(c.model, c.at).total, h = c.hand(c.y);
  // Agreement of the two is a sanity check of the benchmark, not a test.
  std::printf("%-28s %10.2f ms %10.2f ms %8.2fx   (alea %.10g, hand %.10g)\n", c.name.c_str(), 1e3 * t_alea,
              1e3 * t_hand, t_alea / t_hand, a, h);
  std::printf("RATIO log_density_%s_1e6 %.3f hand_loop\n", c.name.c_str(), t_alea / t_hand);
}

// The factorized model (conjugacy) of `naive` with its observed y, the name of the kind
// y got, and the seconds of one value-and-gradient evaluation of its compiled density
// (best of 5 batches), with the seconds the density took to compile (fold the data).
struct EvalTime {
  std::string kind;
  double per_eval = 0, compile = 0, lp = 0;
};

EvalTime time_evaluation(const Model& naive, double& sink) {
  const rewrite::Factorization f = rewrite::conjugate(naive);
  EvalTime t;
  t.kind = std::string(dist_info(f.model.graph().node(f.model.variable("y").node).dist).name);
  const auto c0 = clock_type::now();
  infer::LogDensityFunction density(f.model);
  t.compile = std::chrono::duration<double>(clock_type::now() - c0).count();
  std::vector<double> u(density.dimension(), 0.3), grad(density.dimension());
  // Batches long enough to time (at least ~20 ms each).
  long reps = 1;
  for (;;) {
    const auto b0 = clock_type::now();
    for (long r = 0; r < reps; ++r) sink += density.value_and_gradient(u, grad);
    if (std::chrono::duration<double>(clock_type::now() - b0).count() > 0.02) break;
    reps *= 4;
  }
  t.per_eval = best_time(
                   [&] {
                     double s = 0;
                     for (long r = 0; r < reps; ++r) s += density.value_and_gradient(u, grad);
                     return s;
                   },
                   sink) /
               static_cast<double>(reps);
  t.lp = density.value_and_gradient(u, grad);
  return t;
}

Model normal_model(std::int64_t n) {
  Model m;
  auto mu = m.random("mu", normal(0.0, 100.0));
  auto tau = m.random("tau", gamma(1.0, 1.0));
  m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape{n});
  Model g;  // the data: y ~ normal(10, 2)
  g.random("y", normal(10.0, 2.0), Shape{n});
  m.observe("y", Value(Shape{n}, draws_of(g, "y"), ScalarType::Real));
  return m;
}

Model gamma_poisson_model(std::int64_t n) {
  Model m;
  auto beta = m.random("beta", gamma(1.0, 1.0));
  auto lambda = m.random("lambda", gamma(2.0, beta));
  m.random("y", poisson(lambda), Shape{n});
  Model g;  // the data: y ~ poisson(4.2)
  g.random("y", poisson(4.2), Shape{n});
  m.observe("y", Value(Shape{n}, draws_of(g, "y"), ScalarType::Integer));
  return m;
}

void report_evaluations(double& sink) {
  std::printf("\nOne log density + gradient evaluation after conjugacy, best of 5 batches\n\n");
  std::printf("%-14s %-22s %12s %12s %9s %14s\n", "model", "observed as", "n = 10^3", "n = 10^6", "ratio",
              "compile 10^6");
  const std::pair<const char*, Model (*)(std::int64_t)> models[] = {{"normal", &normal_model},
                                                                    {"gamma_poisson", &gamma_poisson_model}};
  for (const auto& [name, make] : models) {
    const EvalTime small = time_evaluation(make(1000), sink), large = time_evaluation(make(kN), sink);
    std::printf("%-14s %-22s %9.1f ns %9.1f ns %8.2fx %11.1f ms\n", name, large.kind.c_str(),
                1e9 * small.per_eval, 1e9 * large.per_eval, large.per_eval / small.per_eval,
                1e3 * large.compile);
    std::printf("RATIO eval_gradient_%s_1e6_vs_1e3 %.3f n_1e3\n", name, large.per_eval / small.per_eval);
  }
  // What the statistics save: the same term by the per-element closed form (the path of
  // a density whose data cannot be folded), one call over 10^6 observations.
  const Model m = normal_model(kN);
  const auto y = m.variable("y").observed->data();
  const double c = 0, d = 1, mu0 = 0, s = 100, sigma = 2;
  const infer::ArrayView params[] = {{&c, 1}, {&d, 1}, {&mu0, 1}, {&s, 1}, {&sigma, 1}};
  double dm = 0, ds = 0, dsigma = 0;
  double* slots[] = {nullptr, nullptr, &dm, &ds, &dsigma};
  const double t = best_time(
      [&] {
        return infer::logpdf_with_partials(DistKind::NormalMeanJoint, params, {y.data(), y.size()}, slots,
                                           nullptr);
      },
      sink);
  std::printf("normal_mean_joint per element, n = 10^6: %.2f ms (one evaluation without statistics)\n",
              1e3 * t);
}

}  // namespace

int main() {
  std::vector<Case> cases;
  const double mu = 0.3, sigma = 1.7, lambda = 4.2, shape = 2.5, rate = 1.3;
  {
    Model m;
    auto mu_v = m.random("mu", normal(0.0, 10.0));
    m.random("y", normal(mu_v, sigma), Shape{kN});
    Case c{"normal", m, {{"mu", Value(mu)}}, nullptr, {}};
    c.y = draws_of(m, "y");
    c.hand = [=](const std::vector<double>& y) {
      // mu's own prior term, then the likelihood with its constants hoisted.
      double s = -0.5 * (mu / 10.0) * (mu / 10.0) - std::log(10.0) - 0.5 * std::log(2 * std::numbers::pi);
      const double inv = 1.0 / sigma;
      double q = 0;
      for (double v : y) {
        const double z = (v - mu) * inv;
        q += z * z;
      }
      return s - 0.5 * q - static_cast<double>(y.size()) * (std::log(sigma) + 0.5 * std::log(2 * std::numbers::pi));
    };
    cases.push_back(std::move(c));
  }
  {
    Model m;
    auto l = m.random("lambda", gamma(2.0, 1.0));
    m.random("y", poisson(l), Shape{kN});
    Case c{"poisson", m, {{"lambda", Value(lambda)}}, nullptr, {}};
    c.y = draws_of(m, "y");
    c.hand = [=](const std::vector<double>& y) {
      double s = std::log(lambda) - lambda;  // gamma(2, 1) prior: log(lambda) - lambda - lgamma(2)
      const double log_l = std::log(lambda);
      for (double k : y) s += k * log_l - lambda - std::lgamma(k + 1);
      return s;
    };
    cases.push_back(std::move(c));
  }
  {
    Model m;
    auto b = m.random("b", gamma(1.0, 1.0));
    m.random("y", gamma(shape, b), Shape{kN});
    Case c{"gamma", m, {{"b", Value(rate)}}, nullptr, {}};
    c.y = draws_of(m, "y");
    c.hand = [=](const std::vector<double>& y) {
      double s = -rate;  // exponential(1) prior
      const double c0 = shape * std::log(rate) - std::lgamma(shape);
      for (double v : y) s += c0 + (shape - 1) * std::log(v) - rate * v;
      return s;
    };
    cases.push_back(std::move(c));
  }
  for (Case& c : cases) {
    std::vector<double> data = c.y;
    c.model.observe("y", Value(Shape{kN}, std::move(data), c.name == "poisson" ? ScalarType::Integer : ScalarType::Real));
  }
  std::printf("Joint log density with 10^6 iid observations, best of 5 (the hand loop is the limit)\n\n");
  std::printf("%-28s %13s %13s %9s\n", "likelihood", "alea", "hand loop", "ratio");
  double sink = 0;
  for (Case& c : cases) report(c, sink);
  report_evaluations(sink);
  std::printf("(checksum %g)\n", sink);
}
