// NUTS on models whose posterior is known in closed form, sampled as written (no
// rewrite): posterior means and variances within Monte Carlo error bounds
// (batch-means MCSE, two-sided, false-alarm rate kFalseAlarm per check), plus the
// sampler's bookkeeping: reproducibility across thread counts, Gibbs blocks, and
// forward draws of latents that have no observed descendant.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <utility>

#include "alea/infer/sampler.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

SamplerOptions options(std::uint64_t seed, long draws = 2000) {
  SamplerOptions o;
  o.warmup = 1000;
  o.draws = draws;
  o.chains = 4;
  o.seed = seed;
  return o;
}

double sq_dev(double x, double m) {
  return (x - m) * (x - m);
}

// Mean and variance of `col` against the exact posterior moments.
void check_moments(const std::vector<ChainResult>& r, const std::string& col, double mean, double var) {
  const auto xs = chains_of(r, col);
  const McEstimate m = mc_estimate(xs);
  INFO(col << ": mean " << m.mean << " +- " << m.mcse << ", exact " << mean);
  CHECK(within_mcse(m, mean));
  const McEstimate v = mc_estimate(map_draws(xs, sq_dev, mean));
  INFO(col << ": variance " << v.mean << " +- " << v.mcse << ", exact " << var);
  CHECK(within_mcse(v, var));
}

}  // namespace

TEST_CASE("NUTS recovers the gamma-Poisson posterior", "[infer][nuts]") {
  // lambda ~ gamma(2, rate 1); y ~ poisson(lambda) iid: lambda | y ~ gamma(2 + sum y, 1 + n)
  const std::vector<double> y = {3, 1, 4, 1, 5, 2, 6, 5, 3, 5, 0, 2};
  Model m;
  Expr lambda = m.random("lambda", gamma(2.0, 1.0));
  m.random("y", poisson(lambda), Shape::vector(static_cast<std::int64_t>(y.size())));
  m.observe("y", Value::integers(y));
  const double a = 2 + std::accumulate(y.begin(), y.end(), 0.0), b = 1 + static_cast<double>(y.size());
  const auto r = sample_chains(m, options(11));
  check_moments(r, "lambda", a / b, a / (b * b));
}

TEST_CASE("NUTS recovers the normal-normal posterior", "[infer][nuts]") {
  // mu ~ normal(1, 2); y_i ~ normal(mu, 1.5): precision 1/4 + n/2.25
  const std::vector<double> y = {0.3, 2.1, 1.7, -0.4, 1.2, 0.8, 2.6, 1.1, 0.2, 1.9};
  Model m;
  Expr mu = m.random("mu", normal(1.0, 2.0));
  m.random("y", normal(mu, 1.5), Shape::vector(10));
  m.observe("y", Value(y));
  const double prec = 0.25 + 10 / 2.25;
  const double mean = (1.0 * 0.25 + std::accumulate(y.begin(), y.end(), 0.0) / 2.25) / prec;
  const auto r = sample_chains(m, options(12));
  check_moments(r, "mu", mean, 1 / prec);
}

TEST_CASE("NUTS recovers the beta-binomial posterior", "[infer][nuts]") {
  // p ~ beta(2, 3); k ~ binomial(20, p), k = 7: p | k ~ beta(9, 16)
  Model m;
  Expr p = m.random("p", beta(2.0, 3.0));
  m.random("k", binomial(20, p));
  m.observe("k", Value::integer(7));
  const double a = 9, b = 16;
  const auto r = sample_chains(m, options(13));
  check_moments(r, "p", a / (a + b), a * b / ((a + b) * (a + b) * (a + b + 1)));
}

TEST_CASE("Gibbs over a discrete latent alternates with NUTS and finds its exact conditional",
          "[infer][nuts]") {
  // s ~ bernoulli(0.3); mu ~ normal(0, 1); y ~ normal(mu + 2 s, 1), y = 1.5:
  // y | s ~ normal(2 s, sqrt 2), so P(s = 1 | y) = 0.3 phi1 / (0.3 phi1 + 0.7 phi0).
  Model m;
  Expr s = m.random("s", bernoulli(0.3));
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("y", normal(mu + 2.0 * s, 1.0));
  m.observe("y", Value(1.5));
  const double phi1 = std::exp(-0.25 * 0.25), phi0 = std::exp(-1.5 * 1.5 / 4);
  const double p1 = 0.3 * phi1 / (0.3 * phi1 + 0.7 * phi0);
  const auto r = sample_chains(m, options(14));
  const McEstimate e = mc_estimate(chains_of(r, "s"));
  INFO("P(s = 1 | y): " << e.mean << " +- " << e.mcse << ", exact " << p1);
  CHECK(within_mcse(e, p1));
}

TEST_CASE("counts with no upper bound are updated by Metropolis and find their exact conditionals",
          "[infer][nuts]") {
  // k ~ poisson(4), y ~ normal(k, 1.5) observed 7.2; g ~ geometric(0.3), w ~ poisson(g + 0.5)
  // observed 6; mu ~ normal(0, 1), z ~ normal(mu, 1) observed 0.4 (a NUTS block beside
  // them). The exact posteriors of k and g are sums over their supports, cut where
  // the prior's tail is below 1e-40.
  Model m;
  Expr k = m.random("k", poisson(4.0));
  m.random("y", normal(k, 1.5));
  m.observe("y", Value(7.2));
  Expr g = m.random("g", geometric(0.3));
  m.random("w", poisson(g + 0.5));
  m.observe("w", Value::integer(6));
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("z", normal(mu, 1.0));
  m.observe("z", Value(0.4));
  auto moments = [](int top, auto log_weight) {
    double total = 0, s1 = 0, s2 = 0;
    for (int j = 0; j <= top; ++j) {
      const double w = std::exp(log_weight(static_cast<double>(j)));
      total += w, s1 += w * j, s2 += w * j * j;
    }
    const double mean = s1 / total;
    return std::pair{mean, s2 / total - mean * mean};
  };
  const auto [k_mean, k_var] = moments(80, [](double j) {
    return j * std::log(4.0) - 4 - std::lgamma(j + 1) - (7.2 - j) * (7.2 - j) / (2 * 2.25);
  });
  const auto [g_mean, g_var] = moments(400, [](double j) {
    return std::log(0.3) + j * std::log(0.7) + 6 * std::log(j + 0.5) - (j + 0.5) - std::lgamma(7.0);
  });
  const auto r = sample_chains(m, options(15));
  check_moments(r, "k", k_mean, k_var);
  check_moments(r, "g", g_mean, g_var);
  check_moments(r, "mu", 0.2, 0.5);
}

TEST_CASE("latents with no observed descendant are drawn forward given the rest", "[infer][nuts]") {
  // mu ~ normal(0, 1), y ~ normal(mu, 1) observed 2: mu | y ~ normal(1, sqrt(1/2));
  // pred ~ normal(mu, 1) is drawn forward: pred | y ~ normal(1, sqrt(3/2)).
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1.0));
  m.random("pred", normal(mu, 1.0));
  m.random("y", normal(mu, 1.0));
  m.observe("y", Value(2.0));
  const auto r = sample_chains(m, options(15));
  check_moments(r, "pred", 1.0, 1.5);
}

TEST_CASE("chains are reproducible for a seed whatever the number of threads", "[infer][nuts]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 1.0));
  Expr sigma = m.random("sigma", half_normal(1.0));
  m.random("y", normal(mu, sigma), Shape::vector(3));
  m.observe("y", Value({0.1, 0.5, -0.2}));
  SamplerOptions o = options(99, 200);
  o.warmup = 200;
  o.threads = 1;
  const DrawTable one = sample_posterior(m, o);
  o.threads = 4;
  const DrawTable four = sample_posterior(m, o);
  REQUIRE(one.rows() == 800);
  REQUIRE(four.rows() == one.rows());
  bool same = true;
  for (std::size_t i = 0; i < one.rows(); ++i)
    for (std::size_t j = 0; j < one.cols(); ++j) same = same && one.at(i, j) == four.at(i, j);
  CHECK(same);
  o.seed = 100;
  const std::size_t mu_col = one.column_index("mu");
  CHECK(sample_posterior(m, o).at(0, mu_col) != one.at(0, mu_col));
}

TEST_CASE("the sampler reports its columns and adaptation", "[infer][nuts]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 10.0));
  m.random("y", normal(mu, 1.0));
  m.observe("y", Value(0.5));
  SamplerOptions o = options(5, 100);
  o.chains = 1;
  o.warmup = 300;
  o.invert_residual = false;  // NUTS on the one coordinate
  const auto r = sample_chains(m, o);
  REQUIRE(r.size() == 1);
  const auto& cols = r[0].draws.columns();
  REQUIRE(cols.size() == kSamplerColumns.size() + 1);
  for (std::size_t i = 0; i < kSamplerColumns.size(); ++i) CHECK(cols[i] == kSamplerColumns[i]);
  CHECK(r[0].free_names == std::vector<std::string>{"mu"});
  // The posterior variance of mu is 1 / (1 + 1/100); the adapted metric estimates it
  // from about a hundred draws: within a factor of 3 (a loose sanity bound).
  REQUIRE(r[0].inv_metric.size() == 1);
  CHECK(r[0].inv_metric[0] > 0.3);
  CHECK(r[0].inv_metric[0] < 3.0);
  CHECK(r[0].step_size > 0);
}

TEST_CASE("the maximum tree depth bounds every trajectory", "[infer][nuts]") {
  // A badly scaled posterior wants long trajectories; depth 2 allows at most 3 leapfrog steps.
  Model m;
  Expr a = m.random("a", normal(0.0, 100.0));
  m.random("y", normal(a, 0.01));
  m.observe("y", Value(1.0));
  SamplerOptions o = options(6, 300);
  o.chains = 1;
  o.max_depth = 2;
  const DrawTable t = sample_posterior(m, o);
  double max_depth = 0, max_leapfrog = 0;
  for (double d : t.column("treedepth__")) max_depth = std::max(max_depth, d);
  for (double n : t.column("n_leapfrog__")) max_leapfrog = std::max(max_leapfrog, n);
  CHECK(max_depth <= 2);
  CHECK(max_leapfrog <= 3);
}

TEST_CASE("divergent transitions are flagged and counted", "[infer][nuts]") {
  // The centered eight schools funnel diverges at the default adapt_delta. (With a
  // normal group the sampler draws the group and its scale by Gibbs instead, and the
  // group is not sampled by NUTS; with a t group, NUTS samples it as written.)
  Model m;
  Expr mu = m.random("mu", normal(0.0, 5.0));
  Expr tau = m.random("tau", half_cauchy(5.0));
  m.random("theta", student_t(30.0, mu, tau), Shape::vector(8));
  m.random("y", normal(m["theta"], Value({15.0, 10, 16, 11, 9, 11, 10, 18})));
  m.observe("y", Value({28.0, 8, -3, 7, -1, 1, 18, 12}));
  SamplerOptions o = options(7, 1000);
  o.chains = 2;
  o.adapt_delta = 0.6;  // a larger step size than the funnel's neck allows
  const auto r = sample_chains(m, o);
  long flagged = 0, counted = 0;
  for (const ChainResult& c : r) {
    for (double d : c.draws.column("divergent__")) flagged += d == 1.0;
    counted += c.divergences;
  }
  CHECK(counted == flagged);
  CHECK(counted > 0);
}

TEST_CASE("a conjugate model refactored by hand is sampled by exact forward draws alone", "[infer][nuts]") {
  // The form the conjugacy rewrite gives gamma-Poisson: the data first (here with a
  // density of constant parameters: nothing left for NUTS), then
  // lambda | y ~ gamma(2 + sum y, 1 + n) with the observed y as its parent.
  const std::vector<double> y = {3, 1, 4, 1, 5};
  Model m;
  Expr yv = m.random("y", poisson(3.0), Shape::vector(5));
  m.observe("y", Value::integers(y));
  m.random("lambda", gamma(2.0 + sum(yv), 1.0 + 5.0));
  SamplerOptions o = options(31, 5000);
  o.warmup = 10;
  const auto r = sample_chains(m, o);
  std::vector<double> all;
  for (const ChainResult& c : r) {
    CHECK(c.free_names.empty());
    const auto xs = c.draws.column("lambda");
    all.insert(all.end(), xs.begin(), xs.end());
  }
  // Independent exact draws: CLT bounds on the mean of gamma(16, 6).
  const double a = 16, b = 6;
  CHECK(mean_within_clt(all, a / b, a / (b * b)));
}

TEST_CASE("NUTS with a dense metric recovers a strongly correlated posterior", "[infer][nuts][metric]") {
  // a, b ~ normal(0, 10); y ~ normal(a + b, 0.1), y = 1: the posterior is Gaussian with
  // precision diag(0.01, 0.01) + 100 [[1, 1], [1, 1]] (correlation -0.9999) and mean
  // 100 y / (0.01 + 200) for each. Means and variances within their Monte Carlo error
  // (false-alarm rate kFalseAlarm per check), for each metric.
  Model m;
  Expr a = m.random("a", normal(0.0, 10.0));
  Expr b = m.random("b", normal(0.0, 10.0));
  m.random("y", normal(a + b, 0.1));
  m.observe("y", Value(1.0));
  const double l11 = 0.01 + 100, l12 = 100, det = l11 * l11 - l12 * l12;
  const double mean = 100 / (0.01 + 200), var = l11 / det;
  for (const auto metric : {SamplerOptions::Metric::Dense, SamplerOptions::Metric::Diag}) {
    INFO("metric " << (metric == SamplerOptions::Metric::Dense ? "dense" : "diag"));
    SamplerOptions o = options(31);
    o.metric = metric;
    const auto r = sample_chains(m, o);
    check_moments(r, "a", mean, var);
    check_moments(r, "b", mean, var);
  }
}
