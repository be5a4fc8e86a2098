// The fuzzer's closed-form check itself (fuzz_closed_form.hpp): which variables get a
// law, and that the one-sample test keeps its level on the right law and rejects a
// wrong one. Draws come from Boost's quantile functions, not from alea's samplers.
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "alea/dist/rng.hpp"
#include "alea/rewrite/simplify.hpp"
#include "fuzz_closed_form.hpp"

using namespace alea;
using namespace alea::test::fuzz;

namespace {

constexpr std::size_t kDraws = 2000;

std::vector<double> normal_draws(double mu, double sigma, std::uint64_t seed) {
  Rng rng(seed, 3);
  const boost::math::normal_distribution<> d(mu, sigma);
  std::vector<double> x;
  for (std::size_t i = 0; i < kDraws; ++i) x.push_back(boost::math::quantile(d, rng.uniform01()));
  return x;
}

// Inversion of the Poisson CDF: the smallest k with F(k) >= u.
std::vector<double> poisson_draws(double lambda, std::uint64_t seed) {
  Rng rng(seed, 3);
  const boost::math::poisson_distribution<> d(lambda);
  std::vector<double> x;
  for (std::size_t i = 0; i < kDraws; ++i) {
    const double u = rng.uniform01();
    double k = 0;
    while (boost::math::cdf(d, k) < u) ++k;
    x.push_back(k);
  }
  return x;
}

ClosedFormLaw law(DistKind kind, std::vector<Value> params, bool integer) {
  ClosedFormLaw l{kind, std::move(params), {}};
  l.support = integer ? dist::Support{0.0, dist::kInf, true} : dist::Support{};
  return l;
}

}  // namespace

TEST_CASE("closed-form laws: a rewritten sum has one, a function or a random parameter none", "[rewrite][fuzz]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  Expr y = m.random("y", normal(0.0, 2.0));
  m.let("z", x + y);
  m.random("w", normal(x, 1.0));
  m.random("k", poisson(3.0), Shape::vector(3));
  m.monitor({"z", "w", "k"});
  CHECK(closed_form_laws(m, "z").empty());  // a function of draws
  CHECK(closed_form_laws(m, "w").empty());  // its mean is random
  const std::vector<ClosedFormLaw> k = closed_form_laws(m, "k");
  REQUIRE(k.size() == 3);
  CHECK(k[2].kind == DistKind::Poisson);
  CHECK(k[2].support.integer);
  CHECK(k[2].params[0].data() == std::vector<double>{3.0});

  Model sum;  // w above shares x with z: its law is closed alone
  sum.let("z", sum.random("x", normal(0.0, 1.0)) + sum.random("y", normal(0.0, 2.0)));
  sum.monitor({"z"});
  const Model s = rewrite::simplify(sum).model;
  const std::vector<ClosedFormLaw> z = closed_form_laws(s, "z");
  REQUIRE(z.size() == 1);
  CHECK(z[0].kind == DistKind::Normal);
  // normal(0, sqrt(5)) at 1: -log(sqrt(2 pi 5)) - 1 / 10
  CHECK(z[0].logpdf(1.0) == Approx(-0.5 * std::log(2 * std::numbers::pi * 5) - 0.1).epsilon(1e-12));
}

TEST_CASE("closed-form test: a continuous law is integrated to its CDF", "[rewrite][fuzz]") {
  // Level 0.001 for the right law; the wrong law is 0.3 sd off, D about 0.118, and
  // p < 1e-6 needs D > 0.062 (the sd of D is about 0.011 at 2,000 draws).
  const std::vector<double> x = normal_draws(1.0, 2.0, 41);
  const OneSampleResult right = ks_one_sample(law(DistKind::Normal, {1.0, 2.0}, false), x);
  CHECK(right.tested);
  CHECK(right.p_value > 0.001);
  CHECK(std::abs(right.mass - 1) < 1e-9);
  const OneSampleResult wrong = ks_one_sample(law(DistKind::Normal, {1.6, 2.0}, false), x);
  CHECK(wrong.p_value < 1e-6);
}

TEST_CASE("closed-form test: a discrete law's mass function is summed", "[rewrite][fuzz]") {
  // As above: poisson(2) against poisson(2.5) differ by 0.119 in F(1).
  std::vector<double> x = poisson_draws(2.0, 43);
  const OneSampleResult right = ks_one_sample(law(DistKind::Poisson, {2.0}, true), x);
  CHECK(right.tested);
  CHECK(right.p_value > 0.001);
  CHECK(right.off_support == 0);
  CHECK(std::abs(right.mass - 1) < 1e-12);
  CHECK(ks_one_sample(law(DistKind::Poisson, {2.5}, true), x).p_value < 1e-6);
  x[7] += 0.5;
  x[8] = -1;
  CHECK(ks_one_sample(law(DistKind::Poisson, {2.0}, true), x).off_support == 2);
}
