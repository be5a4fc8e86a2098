// Marginal log densities (marginal.hpp): exact where nothing needs integrating out,
// else likelihood weighting and conditional Monte Carlo, each against a closed form
// within z_crit standard errors (false-alarm rate 1e-4 per check, fixed seeds).
#include <catch2/catch.hpp>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "alea/infer/marginal.hpp"
#include "stat_tests.hpp"

using namespace alea;

namespace {

double normal_logpdf(double x, double m, double s) { return std::log(boost::math::pdf(boost::math::normal(m, s), x)); }

void within_se(const MarginalEstimate& e, double exact) {
  INFO(e.method << ": " << e.log_density << " +- " << e.se << ", exact " << exact);
  REQUIRE(e.se > 0);
  CHECK(std::abs(e.log_density - exact) < test::z_crit() * e.se + 1e-12);
}

}  // namespace

TEST_CASE("marginal density: exact when nothing is integrated out", "[infer][marginal]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  m.random("y", normal(x, 2.0));
  Rng rng(1);
  const MarginalEstimate e = marginal_log_density(m, {{"x", Value(0.3)}, {"y", Value(1.0)}}, 100, rng);
  CHECK(e.method == "exact");
  CHECK(e.se == 0);
  CHECK(e.log_density == Approx(normal_logpdf(0.3, 0, 1) + normal_logpdf(1.0, 0.3, 2)).epsilon(1e-12));
}

TEST_CASE("marginal density: likelihood weighting over a nuisance mean", "[infer][marginal]") {
  Model m;
  Expr mu = m.random("mu", normal(0.0, 2.0));
  m.random("y", normal(mu, 1.0));
  Rng rng(2);
  const MarginalEstimate e = marginal_log_density(m, {{"y", Value(1.5)}}, 20'000, rng);
  CHECK(e.method == "likelihood weighting");
  within_se(e, normal_logpdf(1.5, 0, std::sqrt(5.0)));
}

TEST_CASE("marginal density: conditional Monte Carlo through a draw a sum is invertible in", "[infer][marginal]") {
  Model m;
  Expr x = m.random("x", normal(1.0, 1.0));
  Expr y = m.random("y", normal(0.0, 2.0));
  m.let("z", x + 2.0 * y);
  Rng rng(3);
  const MarginalEstimate e = marginal_log_density(m, {{"z", Value(2.5)}}, 4000, rng);
  CHECK(e.method.find("conditional Monte Carlo") != std::string::npos);
  within_se(e, normal_logpdf(2.5, 1.0, std::sqrt(17.0)));
  // A vector: elementwise sums, solved together.
  Model v;
  Expr a = v.random("a", normal(0.0, 1.0), Shape::vector(3));
  Expr b = v.random("b", normal(0.0, 1.0), Shape::vector(3));
  v.let("z", a + b);
  const MarginalEstimate ev = marginal_log_density(v, {{"z", Value(std::vector<double>{0.5, -1.0, 2.0})}}, 4000, rng);
  within_se(ev, normal_logpdf(0.5, 0, std::sqrt(2.0)) + normal_logpdf(-1.0, 0, std::sqrt(2.0)) +
                    normal_logpdf(2.0, 0, std::sqrt(2.0)));
  // A nonlinear one-to-one function: z = exp(x) + y, a lognormal plus a normal, against
  // quadrature of p(z) = int p_x(log(z - y)) / (z - y) p_y(y) dy.
  Model l;
  Expr lx = l.random("x", normal(0.0, 0.5));
  Expr ly = l.random("y", normal(0.0, 0.3));
  l.let("z", exp(lx) + ly);
  const MarginalEstimate el = marginal_log_density(l, {{"z", Value(1.2)}}, 20'000, rng);
  double p = 0;
  const double h = 1e-4;
  for (double yy = -3; yy < 1.2 - h; yy += h) {
    const double u = 1.2 - yy;
    p += boost::math::pdf(boost::math::normal(0, 0.5), std::log(u)) / u * boost::math::pdf(boost::math::normal(0, 0.3), yy) * h;
  }
  within_se(el, std::log(p));
}

TEST_CASE("marginal density: a model's evidence, its latents integrated out", "[infer][marginal]") {
  // y[i] ~ Poisson(lambda), lambda ~ gamma(2, 1): the evidence in closed form.
  Model m;
  Expr lambda = m.random("lambda", gamma(2.0, 1.0));
  m.random("y", poisson(lambda), Shape::vector(4));
  const std::vector<double> y{3, 5, 4, 6};
  m.observe("y", Value(Shape::vector(4), y, ScalarType::Integer));
  double exact = 0, sum = 0;
  // p(y) = prod of negative binomials, sequentially updated: y[i] | y[<i] ~ NB(2 + sum, (1 + i) / (2 + i)).
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double r = 2 + sum, q = (1.0 + static_cast<double>(i)) / (2.0 + static_cast<double>(i));
    exact += std::log(boost::math::pdf(boost::math::negative_binomial(r, q), y[i]));
    sum += y[i];
  }
  Rng rng(4);
  within_se(marginal_log_density(m, {}, 40'000, rng), exact);
}

TEST_CASE("marginal density: errors name the variable", "[infer][marginal][errors]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0), Shape::vector(3));
  m.let("s", sum(x));
  Rng rng(5);
  CHECK_THROWS_WITH(marginal_log_density(m, {{"s", Value(1.0)}}, 100, rng), Catch::Matchers::Contains("'s'"));
  CHECK_THROWS_WITH(marginal_log_density(m, {{"x", Value(1.0)}}, 100, rng), Catch::Matchers::Contains("shape"));
  CHECK_THROWS(marginal_log_density(m, {{"nope", Value(1.0)}}, 100, rng));
}

TEST_CASE("log evidence: importance sampling from a posterior fit where the prior is vague", "[infer][marginal]") {
  // y[i] ~ normal(mu, 1), mu ~ normal(0, 100): p(y) is normal(0, I + 100^2 1 1'), in
  // closed form through sum(y) and the sum of squares about the mean.
  const std::vector<double> y{1.2, 0.4, 2.2, 1.9, 0.8, 1.1, 1.6, 0.3, 1.4, 1.0};
  Model m;
  Expr mu = m.random("mu", normal(0.0, 100.0));
  m.random("y", normal(mu, 1.0), Shape::vector(10));
  m.observe("y", Value(y));
  const double n = 10, v = 100.0 * 100.0;
  double s = 0, ss = 0;
  for (double x : y) s += x, ss += x * x;
  // log N(y; 0, I + v 1 1') = -n/2 log 2 pi - 1/2 log(1 + n v) - 1/2 (ss - v s^2 / (1 + n v)).
  const double exact = -n / 2 * std::log(2 * M_PI) - 0.5 * std::log(1 + n * v) - 0.5 * (ss - v * s * s / (1 + n * v));
  Rng rng(6);
  const MarginalEstimate e = log_evidence(m, 4000, rng, 7);
  CHECK(e.method.find("importance sampling") != std::string::npos);
  within_se(e, exact);
  CHECK(e.se < 0.05);  // the prior's likelihood weighting has an effective sample size of a few draws here
}
