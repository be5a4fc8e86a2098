// T(lo, hi) of counts and of the other families in BUGS text: the log density
// log f(x) - log(F(hi) - F(lo - 1)), a latent truncated count sampled by Gibbs (both
// bounds finite) or Metropolis (from its lower end), an observed truncated count, a
// random bound, and dunif's own bounds met with T's. Posterior means are checked
// against exact sums within Monte Carlo error (batch-means MCSE, two-sided, false-alarm
// rate kFalseAlarm per check, fixed seeds).
#include <catch2/catch.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <numbers>

#include "alea/infer/log_density.hpp"
#include "alea/infer/sampler.hpp"
#include "bugs_model_util.hpp"
#include "infer/mcmc_test_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::error_of;
using alea::test::load;

namespace {

double log_pois(double k, double lambda) { return k * std::log(lambda) - lambda - std::lgamma(k + 1); }
double pois_cdf(double k, double lambda) { return k < 0 ? 0 : boost::math::gamma_q(k + 1, lambda); }

// Posterior mean of k ~ poisson(lambda) truncated to lo..hi with y ~ normal(k, 1)
// observed, by summing the mass.
double posterior_mean(double lambda, double lo, double hi, double y) {
  double z = 0, m = 0;
  for (double k = lo; k <= hi; k += 1) {
    const double w = std::exp(log_pois(k, lambda) - 0.5 * (y - k) * (y - k));
    z += w, m += w * k;
  }
  return m / z;
}

SamplerOptions options(std::uint64_t seed) {
  SamplerOptions o;
  o.warmup = 500;
  o.draws = 2000;
  o.chains = 4;
  o.seed = seed;
  return o;
}

}  // namespace

TEST_CASE("T of counts: log f(x) - log(F(hi) - F(lo - 1)), missing bounds the support's ends",
          "[io][bugs_model][truncation]") {
  Model m = load(R"(model {
    k ~ dpois(4) T(2, 10)
    j ~ dpois(4) T(, 10)
    b ~ dbin(0.3, 20) T(1,)
    g ~ dnegbin(0.4, 3) T(2, 15)
    u ~ dunif(0, 10) T(2,)
  })");
  CHECK(m.graph().node(m.variable("k").node).dist == DistKind::TruncatedPoisson);
  const auto at = [](double k, double j, double b, double g, double u) {
    return std::map<std::string, Value>{{"k", Value(k)}, {"j", Value(j)}, {"b", Value(b)}, {"g", Value(g)}, {"u", Value(u)}};
  };
  const double lp = log_density(m, at(3, 0, 5, 4, 7)).total;
  const double q = 0.7;
  const double want = log_pois(3, 4) - std::log(pois_cdf(10, 4) - pois_cdf(1, 4)) + log_pois(0, 4) -
                      std::log(pois_cdf(10, 4)) +
                      std::log(std::exp(std::lgamma(21) - std::lgamma(6) - std::lgamma(16)) * std::pow(0.3, 5) *
                               std::pow(q, 15)) -
                      std::log1p(-std::pow(q, 20)) +
                      // neg_binomial(r = 3, p = 0.4) at 4 over its mass on 2..15
                      [] {
                        auto f = [](double x) {
                          return std::exp(std::lgamma(x + 3) - std::lgamma(3) - std::lgamma(x + 1)) * std::pow(0.4, 3) *
                                 std::pow(0.6, x);
                        };
                        double z = 0;
                        for (double x = 2; x <= 15; x += 1) z += f(x);
                        return std::log(f(4) / z);
                      }() -
                      std::log(8.0);  // uniform on [2, 10]
  CHECK(lp == Approx(want).epsilon(1e-10));
  CHECK(log_density(m, at(11, 0, 5, 4, 7)).total == -INFINITY);
  CHECK(log_density(m, at(3, 0, 0, 4, 7)).total == -INFINITY);
  CHECK(log_density(m, at(3, 0, 5, 4, 1.5)).total == -INFINITY);  // below T's bound
}

TEST_CASE("a latent truncated count is sampled: Gibbs on a finite range, Metropolis above a lower end",
          "[io][bugs_model][truncation][statistical]") {
  Model m = load(R"(model {
    k ~ dpois(4) T(2, 10)
    y ~ dnorm(k, 1)
    n ~ dpois(4) T(3,)
    z ~ dnorm(n, 1)
  })",
                 data({{"y", Value(5.0)}, {"z", Value(3.5)}}));
  const auto r = sample_chains(m, options(20261205));
  for (const char* v : {"k", "n"})
    for (const auto& chain : test::chains_of(r, v))
      for (double x : chain) REQUIRE((x == std::floor(x) && x >= (v[0] == 'k' ? 2 : 3) && x <= (v[0] == 'k' ? 10 : 1e9)));
  const test::McEstimate ek = test::mc_estimate(test::chains_of(r, "k"));
  INFO("k: " << ek.mean << " +- " << ek.mcse);
  CHECK(test::within_mcse(ek, posterior_mean(4, 2, 10, 5)));
  const test::McEstimate en = test::mc_estimate(test::chains_of(r, "n"));
  INFO("n: " << en.mean << " +- " << en.mcse);
  CHECK(test::within_mcse(en, posterior_mean(4, 3, 200, 3.5)));
}

TEST_CASE("an observed truncated count, and a random bound", "[io][bugs_model][truncation][statistical]") {
  // Zero-truncated Poisson counts: the posterior of lambda is
  // gamma(1, 1)(lambda) prod f(y_i) / (1 - exp(-lambda)); its mean by quadrature.
  const std::vector<double> ys{1, 2, 1, 3, 1, 1, 2};
  Model m = load(R"(model {
    lambda ~ dgamma(1, 1)
    for (i in 1:N) { y[i] ~ dpois(lambda) T(1,) }
    b ~ dunif(2, 6)
    k ~ dpois(4) T(, b)
  })",
                 data({{"y", Value(ys)}, {"N", Value(7.0)}}));
  double z = 0, mean = 0;
  const int n = 200000;
  const double h = 20.0 / n;
  for (int i = 1; i <= n; ++i) {
    const double l = i * h;
    double lp = -l;
    for (double y : ys) lp += log_pois(y, l) - std::log(-std::expm1(-l));
    z += std::exp(lp), mean += l * std::exp(lp);
  }
  const auto r = sample_chains(m, options(20261206));
  const test::McEstimate el = test::mc_estimate(test::chains_of(r, "lambda"));
  INFO("lambda: " << el.mean << " +- " << el.mcse << ", exact " << mean / z);
  CHECK(test::within_mcse(el, mean / z));
  const auto ks = test::chains_of(r, "k"), bs = test::chains_of(r, "b");
  for (std::size_t c = 0; c < ks.size(); ++c)
    for (std::size_t i = 0; i < ks[c].size(); ++i) REQUIRE(ks[c][i] <= bs[c][i]);
}

TEST_CASE("truncation forms still refused", "[io][bugs_model][truncation][errors]") {
  CHECK(error_of("model { s ~ dbern(0.5) T(0, 1) }").find("model.bug:1:24: variable 's': truncation T(0,1) of dbern is "
                                                           "not supported: alea has no distribution function for it") == 0);
  CHECK(error_of("model { s ~ dpois(2) T(5, 1) }") ==
        "model.bug:1:22: variable 's': truncation T(5,1) needs lower bound < upper bound, got 5 and 1");
}
