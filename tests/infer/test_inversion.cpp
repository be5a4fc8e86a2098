// Exact draws of a one-dimensional residual (src/infer/inversion.hpp): when one
// continuous coordinate is left after the rewriter, the sampler draws it i.i.d. by
// numerical inversion, then the rest exactly given it. The draws are independent, so
// the one-sample Kolmogorov-Smirnov test applies: against the CDF of the same posterior
// written by hand and integrated by quadrature (false-alarm rate kFalseAlarm per check,
// fixed seeds).
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "alea/infer/sampler.hpp"
#include "alea/rewrite/conjugacy.hpp"
#include "alea/rewrite/simplify.hpp"
#include "eight_schools.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

// The CDF of an unnormalized log density on (lo, hi) by Simpson's rule on a grid in
// log x (x > 0): the CDF at the grid points, then linear interpolation between them.
class QuadratureCdf {
 public:
  QuadratureCdf(const std::function<double(double)>& log_density, double log_lo, double log_hi, int n = 40000) {
    const double h = (log_hi - log_lo) / n;
    std::vector<double> lp(static_cast<std::size_t>(n) + 1);
    double top = -INFINITY;
    for (int i = 0; i <= n; ++i) {
      const double t = log_lo + i * h;
      lp[static_cast<std::size_t>(i)] = log_density(std::exp(t)) + t;  // density of log x
      top = std::max(top, lp[static_cast<std::size_t>(i)]);
    }
    x_.push_back(std::exp(log_lo));
    cdf_.push_back(0);
    double mass = 0;
    for (int i = 0; i + 2 <= n; i += 2) {
      const auto f = [&](int k) { return std::exp(lp[static_cast<std::size_t>(k)] - top); };
      mass += h / 3 * (f(i) + 4 * f(i + 1) + f(i + 2));
      x_.push_back(std::exp(log_lo + (i + 2) * h));
      cdf_.push_back(mass);
    }
    for (double& c : cdf_) c /= mass;
    double m = 0;
    for (std::size_t k = 1; k < x_.size(); ++k) m += 0.5 * (x_[k] + x_[k - 1]) * (cdf_[k] - cdf_[k - 1]);
    mean_ = m;
  }
  double operator()(double x) const {
    if (x <= x_.front()) return 0;
    if (x >= x_.back()) return 1;
    const auto it = std::upper_bound(x_.begin(), x_.end(), x);
    const auto k = static_cast<std::size_t>(it - x_.begin());
    const double w = (x - x_[k - 1]) / (x_[k] - x_[k - 1]);
    return cdf_[k - 1] + w * (cdf_[k] - cdf_[k - 1]);
  }
  double mean() const { return mean_; }

 private:
  std::vector<double> x_, cdf_;
  double mean_ = 0;
};

std::vector<double> pooled(const std::vector<ChainResult>& r, const std::string& col) {
  std::vector<double> all;
  for (const auto& c : chains_of(r, col)) all.insert(all.end(), c.begin(), c.end());
  return all;
}

SamplerOptions iid_run(std::uint64_t seed) { return chain_options(seed, 5000); }

}  // namespace

TEST_CASE("eight schools: tau alone is left and drawn i.i.d. by inversion, as quadrature of its marginal says",
          "[infer][inversion][eight_schools]") {
  const Model run = rewrite::conjugate(rewrite::simplify(eight_schools_naive()).model).model;
  const auto r = sample_chains(run, iid_run(81));
  REQUIRE(r[0].inverted == std::vector<std::string>{"tau"});
  // p(tau | y) by hand: half-Cauchy(5) prior times the likelihood with theta and mu
  // integrated out: y ~ N(mu 1, diag(sigma^2 + tau^2)), mu ~ N(0, 100^2).
  const auto log_post = [](double tau) {
    double a = 1e-4, b = 0, c = 0, log_det = 0;
    for (std::size_t j = 0; j < kSchoolsY.size(); ++j) {
      const double v = kSchoolsSigma[j] * kSchoolsSigma[j] + tau * tau;
      a += 1 / v, b += kSchoolsY[j] / v, c += kSchoolsY[j] * kSchoolsY[j] / v, log_det += std::log(v);
    }
    return -std::log1p(tau * tau / 25) - 0.5 * log_det - 0.5 * std::log(a) - 0.5 * (c - b * b / a);
  };
  const QuadratureCdf cdf(log_post, std::log(1e-8), std::log(1e5));
  const std::vector<double> tau = pooled(r, "tau");
  INFO("mean of tau " << moments(tau).mean << ", quadrature " << cdf.mean());
  CHECK(ks_pvalue(tau, cdf) > kFalseAlarm);
  // The draws are independent: the bulk ESS is about their number (no autocorrelation).
  CHECK(r[0].divergences == 0);
  for (const ChainResult& c : r) CHECK(c.draws.rows() == 5000);
}

TEST_CASE("a scale with a non-conjugate likelihood: the inversion against quadrature", "[infer][inversion]") {
  // s ~ half_normal(1), y ~ normal(0, s) observed at 1.3 and -0.4: p(s | y) is
  // proportional to exp(-s^2 / 2) s^-2 exp(-(1.3^2 + 0.4^2) / (2 s^2)), no conjugate rule.
  Model m;
  Expr s = m.random("s", half_normal(1.0));
  m.random("y", normal(0.0, s), Shape::vector(2));
  m.observe("y", Value{1.3, -0.4});
  const auto r = sample_chains(m, iid_run(82));
  REQUIRE(r[0].inverted == std::vector<std::string>{"s"});
  const double ss = 1.3 * 1.3 + 0.4 * 0.4;
  const QuadratureCdf cdf([&](double x) { return -0.5 * x * x - 2 * std::log(x) - ss / (2 * x * x); }, std::log(1e-6),
                          std::log(50.0));
  CHECK(ks_pvalue(pooled(r, "s"), cdf) > kFalseAlarm);
}

TEST_CASE("inversion only for a lone continuous coordinate, and only when asked", "[infer][inversion]") {
  SECTION("two coordinates left: NUTS") {
    const auto r = sample_chains(eight_schools_marginalized(), iid_run(83));
    CHECK(r[0].inverted.empty());
  }
  SECTION("invert_residual = false: NUTS on the one coordinate") {
    SamplerOptions o = iid_run(84);
    o.invert_residual = false;
    const auto r = sample_chains(rewrite::conjugate(rewrite::simplify(eight_schools_naive()).model).model, o);
    CHECK(r[0].inverted.empty());
    CHECK(r[0].free_names == std::vector<std::string>{"tau"});
  }
}

TEST_CASE("plan_sampling says how each latent would be updated", "[infer][inversion][plan]") {
  const SamplingPlan naive = plan_sampling(eight_schools_naive());
  CHECK(naive.gaussian_gibbs == std::vector<std::string>{"theta", "mu"});
  CHECK(naive.slice_sampled == std::vector<std::string>{"tau"});
  CHECK(naive.inverted.empty());
  CHECK(naive.nuts.empty());
  const SamplingPlan rewritten = plan_sampling(rewrite::conjugate(rewrite::simplify(eight_schools_naive()).model).model);
  CHECK(rewritten.inverted == std::vector<std::string>{"tau"});
  CHECK(rewritten.nuts.empty());
  SamplerOptions o;
  o.invert_residual = false;
  const SamplingPlan two = plan_sampling(eight_schools_marginalized(), o);
  CHECK(two.inverted.empty());
  CHECK(two.nuts == std::vector<std::string>{"mu", "tau"});
}
