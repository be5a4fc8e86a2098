// Interval censoring (dinterval): an observed index bounds its latent value t, the
// sampler's transform keeps t inside the interval, and the posterior of t is its prior
// truncated to the interval. Moments are checked within Monte Carlo error (batch-means
// MCSE, two-sided, false-alarm rate kFalseAlarm per check, fixed seeds).
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/infer/sampler.hpp"
#include "alea/io/bugs_model.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

// Mean and variance of exponential(rate) truncated to (a, b], by Simpson's rule: an
// independent computation of what the sampler should give.
std::pair<double, double> truncated_exponential_moments(double rate, double a, double b) {
  const int n = 20000;
  const double h = (b - a) / n;
  double m0 = 0, m1 = 0, m2 = 0;
  for (int i = 0; i <= n; ++i) {
    const double x = a + i * h, w = (i == 0 || i == n) ? 1 : (i % 2 ? 4 : 2), f = w * std::exp(-rate * x);
    m0 += f, m1 += f * x, m2 += f * x * x;
  }
  const double mean = m1 / m0;
  return {mean, m2 / m0 - mean * mean};
}

void check_moments(const std::vector<ChainResult>& r, const std::string& col, double mean, double var) {
  const auto xs = chains_of(r, col);
  for (const auto& chain : xs)
    for (double x : chain) REQUIRE(std::isfinite(x));
  const McEstimate m = mc_estimate(xs);
  INFO(col << ": mean " << m.mean << " +- " << m.mcse << ", exact " << mean);
  CHECK(within_mcse(m, mean));
  const McEstimate v = mc_estimate(map_draws(xs, [](double x, double mu) { return (x - mu) * (x - mu); }, mean));
  INFO(col << ": variance " << v.mean << " +- " << v.mcse << ", exact " << var);
  CHECK(within_mcse(v, var));
}

}  // namespace

TEST_CASE("dinterval censors a latent value to its interval", "[infer][censoring]") {
  // Right-censored: t1 ~ exponential(1) known to exceed 2, so t1 - 2 ~ exponential(1).
  // Interval-censored: t2 ~ exponential(0.5) in (1, 3] (index 1 of the cut points 1, 3).
  // Left-censored: t3 ~ exponential(2) at most 0.5 (index 0).
  Model m;
  Expr t1 = m.random("t1", exponential(1.0));
  Expr t2 = m.random("t2", exponential(0.5));
  Expr t3 = m.random("t3", exponential(2.0));
  m.random("y1", DistCall{DistKind::Interval, {t1, 2.0}});
  m.random("y2", DistCall{DistKind::Interval, {t2, Value(std::vector<double>{1.0, 3.0})}});
  m.random("y3", DistCall{DistKind::Interval, {t3, 0.5}});
  m.observe("y1", Value::integer(1));
  m.observe("y2", Value::integer(1));
  m.observe("y3", Value::integer(0));
  SamplerOptions o;
  o.warmup = 1000;
  o.draws = 2000;
  o.chains = 4;
  o.seed = 41;
  const auto r = sample_chains(m, o);
  check_moments(r, "t1", 3.0, 1.0);
  const auto [m2, v2] = truncated_exponential_moments(0.5, 1.0, 3.0);
  check_moments(r, "t2", m2, v2);
  const auto [m3, v3] = truncated_exponential_moments(2.0, 0.0, 0.5);
  check_moments(r, "t3", m3, v3);
  // Every draw lies in its interval.
  for (const auto& chain : chains_of(r, "t2"))
    for (double x : chain) CHECK((x > 1.0 && x <= 3.0));
}

// OpenBUGS's I(lo, ) on survival times: censored times are NA with their censoring time
// as the lower bound, and the rate's posterior is exact: with exponential times and a
// gamma(a, b) prior, gamma(a + d, b + sum of the observed times + sum of the censoring
// times), d the number of deaths (memorylessness).
TEST_CASE("I(c[i], ) censors survival times whose distribution has a random parameter", "[infer][censoring][bugs]") {
  const std::vector<double> t{0.8, NAN, 2.1, 0.3, NAN, 1.7, NAN, 0.9};
  const std::vector<double> c{0, 1.5, 0, 0, 2.5, 0, 0.6, 0};
  io::DataSet d;
  d.values["t"] = Value(t);
  d.values["c"] = Value(c);
  Model m = io::load_bugs_model(R"(model {
    lambda ~ dgamma(2, 1)
    for (i in 1:8) { t[i] ~ dexp(lambda) I(c[i], ) }
  })",
                                "model.bug", d);
  double deaths = 0, exposure = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    deaths += std::isnan(t[i]) ? 0 : 1;
    exposure += std::isnan(t[i]) ? c[i] : t[i];
  }
  const double shape = 2 + deaths, rate = 1 + exposure;
  const SamplerOptions o = chain_options(43, 2000);
  m.monitor({"lambda", "t"});
  const auto r = sample_chains(m, o);
  check_moments(r, "lambda", shape / rate, shape / (rate * rate));
  // A censored time lies above its censoring time.
  for (const auto& chain : chains_of(r, "t.2"))
    for (double x : chain) CHECK(x > 1.5);
}

// a[1] < a[2] < a[3] by I(a[k-1], ) on standard normals: the order statistics of three,
// whose largest has mean 3 / (2 sqrt(pi)) and variance 1 + sqrt(3) / (2 pi) - 9 / (4 pi).
TEST_CASE("I(a[k-1], ) orders normal draws: the order statistics' moments", "[infer][censoring][bugs]") {
  Model m = io::load_bugs_model(R"(model {
    a[1] ~ dnorm(0, 1)
    for (k in 2:3) { a[k] ~ dnorm(0, 1) I(a[k-1], ) }
  })",
                                "model.bug", {});
  const SamplerOptions o = chain_options(47, 2000);
  const auto r = sample_chains(m, o);
  const double pi = std::numbers::pi, mean = 3 / (2 * std::sqrt(pi)),
               var = 1 + std::sqrt(3.0) / (2 * pi) - 9 / (4 * pi);
  check_moments(r, "a.3", mean, var);
  check_moments(r, "a.1", -mean, var);
  for (std::size_t c = 0; c < r.size(); ++c) CHECK(r[c].divergences < o.draws / 20);
}
