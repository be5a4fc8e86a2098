// The finite normal mixture rule: z ~ categorical(w), y ~ normal(mu[z], sigma[z]) with
// z nuisance becomes y ~ normal_mixture(w, mu, sigma). The rewritten density against the
// naive joint summed over z (each term a Boost.Math normal density), a two-sample KS test
// of draws from both models, and negative tests: z visible, z used twice, components
// that depend on z in other ways.
#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include "alea/infer/log_density.hpp"
#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;
using alea::test::kFalseAlarm;

namespace {

const std::vector<double> kW{0.2, 0.5, 0.3}, kMu{-3.0, 0.5, 4.0}, kSigma{0.8, 1.5, 0.6};

// mu[z] in the graph: categorical draws 1..K and Index is 0-based.
Expr at(const Arg& v, const Expr& z) { return apply(Op::Index, {v, z - 1.0}); }

Model mixture_model(bool z_visible, bool common_sd = false) {
  Model m;
  Expr z = z_visible ? m.random("z", categorical(kW)) : m.draw(categorical(kW));
  m.random("y", normal(at(kMu, z), common_sd ? Arg(0.9) : Arg(at(kSigma, z))));
  if (z_visible) m.monitor({"y", "z"});
  return m;
}

// The naive joint p(y, z) summed over z = 1..K.
double naive_logpdf(double y, const std::vector<double>& sigma) {
  double p = 0;
  for (std::size_t k = 0; k < kW.size(); ++k) p += kW[k] * boost::math::pdf(boost::math::normal(kMu[k], sigma[k]), y);
  return std::log(p);
}

}  // namespace

TEST_CASE("mixture marginal: indicator integrated out, exact density and draws", "[rewrite][closure][mixture]") {
  const Model naive = mixture_model(false);
  const rewrite::SimplifyResult r = rewrite::simplify(naive);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::NormalMixture));
  CHECK(fired(r, "mixture-marginal"));
  CHECK(count_draws(r.model) == 1);
  for (double y : {-4.0, -1.2, 0.0, 2.5, 4.1, 9.0}) {
    Model o = r.model;
    o.observe("y", Value(y));
    INFO("y " << y);
    CHECK(log_density(o, {}).total == Approx(naive_logpdf(y, kSigma)).epsilon(1e-12));
  }
  // Two-sample KS at level kFalseAlarm (1e-4): naive draws (z then y) against the mixture's.
  Rng a(41), b(42);
  CHECK(ks_two_sample(sample_prior(naive, 20'000, a, {"y"}).column("y"), sample_prior(r.model, 20'000, b, {"y"}).column("y"))
            .p_value > kFalseAlarm);
}

TEST_CASE("mixture marginal with one sd for every component", "[rewrite][closure][mixture]") {
  const rewrite::SimplifyResult r = rewrite::simplify(mixture_model(false, true));
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::NormalMixture));
  CHECK(fired(r, "mixture-marginal-common-sd"));
  Model o = r.model;
  o.observe("y", Value(1.3));
  CHECK(log_density(o, {}).total == Approx(naive_logpdf(1.3, {0.9, 0.9, 0.9})).epsilon(1e-12));
}

TEST_CASE("mixture guard: a visible indicator stays", "[rewrite][closure][mixture][guard]") {
  const rewrite::SimplifyResult r = rewrite::simplify(mixture_model(true));
  INFO(to_string(r.model));
  CHECK(is_draw(r.model, "z", DistKind::Categorical));
  CHECK_FALSE(is_draw(r.model, "y", DistKind::NormalMixture));
}

TEST_CASE("mixture guard: an indicator used by two observations stays", "[rewrite][closure][mixture][guard]") {
  Model m;
  Expr z = m.draw(categorical(kW));
  m.random("y1", normal(at(kMu, z), at(kSigma, z)));
  m.random("y2", normal(at(kMu, z), 2.0));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  // Each y alone is a mixture, but y1 and y2 share z: they are not independent mixtures.
  CHECK_FALSE((is_draw(r.model, "y1", DistKind::NormalMixture) && is_draw(r.model, "y2", DistKind::NormalMixture)));
  CHECK(count_draws(r.model) >= 2);
}

TEST_CASE("mixture guard: components that depend on z in other ways", "[rewrite][closure][mixture][guard]") {
  {  // the sd grows with z itself
    Model m;
    Expr z = m.draw(categorical(kW));
    m.random("y", normal(at(kMu, z), z * 0.5));
    const rewrite::SimplifyResult r = rewrite::simplify(m);
    INFO(to_string(r.model));
    CHECK_FALSE(is_draw(r.model, "y", DistKind::NormalMixture));
  }
  {  // the means are shifted by z
    Model m;
    Expr z = m.draw(categorical(kW));
    m.random("y", normal(at(kMu, z) + z, at(kSigma, z)));
    const rewrite::SimplifyResult r = rewrite::simplify(m);
    INFO(to_string(r.model));
    CHECK_FALSE(is_draw(r.model, "y", DistKind::NormalMixture));
  }
}

TEST_CASE("mixture: an sd indexed by another indicator is one sd for every component of z",
          "[rewrite][closure][mixture]") {
  // Given u, y is a mixture over z with the common sd sigma[u]: the rule is exact here,
  // and u stays a draw.
  Model m;
  Expr z = m.draw(categorical(kW));
  Expr u = m.draw(categorical(kW));
  m.random("y", normal(at(kMu, z), at(kSigma, u)));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  CHECK_FALSE(fired(r, "mixture-marginal"));
  CHECK(is_draw(r.model, "y", DistKind::NormalMixture));
  CHECK(count_draws(r.model) == 2);
}

TEST_CASE("two components with a 0/1 indicator: y ~ normal(a + z d, s), z ~ bernoulli(p) [n]",
          "[rewrite][closure][mixture]") {
  const double p = 0.3, a = -1.0, d = 3.0, s = 0.7;
  Model m;
  Expr z = m.draw(bernoulli(p), Shape::vector(3));
  m.random("y", normal(a + z * d, s));
  const rewrite::SimplifyResult r = rewrite::simplify(m);
  INFO(to_string(r.model));
  REQUIRE(is_draw(r.model, "y", DistKind::NormalMixture));
  CHECK(fired(r, "mixture-bernoulli-marginal"));
  Model o = r.model;
  const std::vector<double> y{-1.2, 0.4, 2.1};
  o.observe("y", Value(y));
  double expected = 0;
  for (double yi : y)
    expected += std::log((1 - p) * boost::math::pdf(boost::math::normal(a, s), yi) +
                         p * boost::math::pdf(boost::math::normal(a + d, s), yi));
  CHECK(log_density(o, {}).total == Approx(expected).epsilon(1e-12));
}
