// Conjugate full conditionals drawn exactly in a Gibbs sweep
// (src/infer/conjugate_coordinate.hpp): the family is recognized from the shape of the
// conditional, and each update is an independent draw from it, so the draws pass a
// Kolmogorov-Smirnov test against the textbook posterior (false-alarm rate
// kFalseAlarm per check, fixed seeds); negative cases keep NUTS or slice sampling.
#include <catch2/catch.hpp>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <cmath>
#include <vector>

#include "alea/infer/gradient.hpp"
#include "alea/infer/nuts.hpp"
#include "alea/infer/sampler.hpp"
#include "../../src/infer/conjugate_coordinate.hpp"  // internal: the conjugate update itself
#include "eight_schools.hpp"
#include "mcmc_test_util.hpp"

using namespace alea;
using namespace alea::test;
using detail::ConditionalFamily;
using detail::ConjugateCoordinate;

namespace {

// n draws of coordinate 0 by the conjugate update from a start at u0, each update
// starting from the previous draw (a Gibbs chain of one coordinate: independent draws).
std::vector<double> draws_of(infer::LogDensityFunction& f, ConditionalFamily family, double u0, int n,
                             std::uint64_t seed, const std::function<double(double)>& to_x) {
  ConjugateCoordinate c(0, family);
  infer::PhasePoint z;
  z.q = {u0};
  z.lp = f.value(z.q);
  Rng rng(seed, 0);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) {
    REQUIRE(c.update(f, z, rng));
    xs.push_back(to_x(z.q[0]));
  }
  return xs;
}

}  // namespace

TEST_CASE("a gamma precision given normal observations: gamma(a + n/2, b + S/2)", "[infer][conjugate-gibbs]") {
  Model m;
  Expr tau = m.random("tau", gamma(2.0, 1.5));
  m.random("y", normal(1.0, 1.0 / sqrt(tau)), Shape::vector(4));
  const std::vector<double> y{0.2, 1.9, 1.4, -0.3};
  m.observe("y", Value(y));
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == 1);
  CHECK(ConjugateCoordinate::detect(f, {0.3}, 0) == ConditionalFamily::Gamma);
  double s = 0;
  for (double v : y) s += (v - 1) * (v - 1);
  const boost::math::gamma_distribution<> post(2 + 2.0, 1 / (1.5 + s / 2));
  const auto xs = draws_of(f, ConditionalFamily::Gamma, 0.3, 4000, 91, [](double u) { return std::exp(u); });
  CHECK(ks_pvalue(xs, [&](double x) { return boost::math::cdf(post, x); }) > kFalseAlarm);
}

TEST_CASE("a beta probability given binomial counts: beta(a + k, b + n - k)", "[infer][conjugate-gibbs]") {
  Model m;
  Expr p = m.random("p", beta(2.0, 3.0));
  m.random("k", binomial(10.0, p), Shape::vector(2));
  m.observe("k", Value::integers({7, 4}));
  infer::LogDensityFunction f(m);
  CHECK(ConjugateCoordinate::detect(f, {-0.4}, 0) == ConditionalFamily::Beta);
  const boost::math::beta_distribution<> post(2 + 11.0, 3 + 9.0);
  const auto xs = draws_of(f, ConditionalFamily::Beta, -0.4, 4000, 92, [](double u) { return 1 / (1 + std::exp(-u)); });
  CHECK(ks_pvalue(xs, [&](double x) { return boost::math::cdf(post, x); }) > kFalseAlarm);
}

TEST_CASE("conditionals of another shape are not taken for conjugate", "[infer][conjugate-gibbs]") {
  SECTION("a half-normal scale of normals") {
    Model m;
    Expr s = m.random("s", half_normal(1.0));
    m.random("y", normal(0.0, s), Shape::vector(3));
    m.observe("y", Value{0.5, -1.2, 0.3});
    infer::LogDensityFunction f(m);
    CHECK_FALSE(ConjugateCoordinate::detect(f, {0.1}, 0).has_value());
  }
  SECTION("a gamma rate of a lognormal's log scale") {
    Model m;
    Expr r = m.random("r", gamma(2.0, 1.0));
    m.random("y", lognormal(0.0, r), Shape::vector(2));
    m.observe("y", Value{0.5, 2.0});
    infer::LogDensityFunction f(m);
    CHECK_FALSE(ConjugateCoordinate::detect(f, {0.1}, 0).has_value());
  }
}

// A gamma precision that the rewriter leaves (its normals' mean is a t-distributed
// latent, no conjugate pair) leaves NUTS for the Gibbs sweep; the posterior is the
// same as NUTS's on both (means within 4 combined MCSE... z_crit at kFalseAlarm).
TEST_CASE("the sampler draws a conjugate precision by Gibbs and agrees with NUTS", "[infer][conjugate-gibbs]") {
  Model m;
  Expr mu = m.random("mu", student_t(3.0, 0.0, 5.0));
  Expr tau = m.random("tau", gamma(2.0, 1.0));
  m.random("y", normal(mu, 1.0 / sqrt(tau)), Shape::vector(6));
  m.observe("y", Value{2.1, 3.4, 1.7, 2.9, 2.2, 3.8});
  SamplerOptions o = chain_options(93, 3000);
  const auto gibbs = sample_chains(m, o);
  CHECK(gibbs[0].conjugate_gibbs == std::vector<std::string>{"tau"});
  o.conjugate_gibbs = false;
  const auto nuts = sample_chains(m, o);
  CHECK(nuts[0].conjugate_gibbs.empty());
  for (const char* col : {"mu", "tau"}) {
    const McEstimate a = mc_estimate(chains_of(gibbs, col)), b = mc_estimate(chains_of(nuts, col));
    INFO(col << ": Gibbs " << a.mean << " +- " << a.mcse << ", NUTS " << b.mean << " +- " << b.mcse);
    CHECK(std::abs(a.mean - b.mean) <= z_crit() * std::hypot(a.mcse, b.mcse));
  }
}

TEST_CASE("plan_sampling lists a conjugate precision, also as a hierarchical scale", "[infer][conjugate-gibbs][plan]") {
  // Eight schools with a gamma precision: tau is the group's scale (Gibbs with the
  // group), and its centred conditional given theta and mu is a gamma.
  Model m;
  Expr mu = m.random("mu", normal(0.0, 100.0));
  Expr tau = m.random("tau", gamma(1.0, 1.0));
  Expr theta = m.random("theta", normal(mu, 1.0 / sqrt(tau)), Shape::vector(8));
  m.random("y", normal(theta, Value(kSchoolsSigma)));
  m.observe("y", Value(kSchoolsY));
  const SamplingPlan p = plan_sampling(m);
  CHECK(p.conjugate_gibbs == std::vector<std::string>{"tau"});
  CHECK(p.slice_sampled == std::vector<std::string>{"tau"});
  CHECK(p.gaussian_gibbs == std::vector<std::string>{"theta", "mu"});
  CHECK(p.nuts.empty());
  SamplerOptions o;
  o.conjugate_gibbs = false;
  CHECK(plan_sampling(m, o).conjugate_gibbs.empty());
}
