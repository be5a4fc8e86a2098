// Closure rules of the gamma family (gamma(shape, RATE)): scaling, sums with a common
// rate, exponential and chi-squared as gammas, squares of centred normals, the
// reciprocal (inverse gamma), X / (X + Y) (beta), the min of exponentials, iid sums.
#include <cmath>

#include <boost/math/quadrature/tanh_sinh.hpp>

#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

TEST_CASE("a positive multiple of a gamma is gamma with the rate divided", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 3.0));
  m.let("z", 2.0 * x);
  m.monitor({"z"});
  check_continuous(m, "gamma-scale", DistKind::Gamma, {2.0, 1.5});
}

TEST_CASE("independent gammas with a common rate add their shapes", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 3.0));
  Expr y = m.random("y", gamma(1.5, 3.0));
  m.let("z", x + y);
  m.monitor({"z"});
  check_continuous(m, "gamma-sum", DistKind::Gamma, {3.5, 3.0});
}

TEST_CASE("the gamma sum's density by quadrature of the convolution", "[rewrite][closure][gamma]") {
  // Independent of the rule: f(z) = int_0^z g(t; 2, 3) g(z - t; 1.5, 3) dt.
  const boost::math::gamma_distribution<> a(2.0, 1 / 3.0), b(1.5, 1 / 3.0), sum(3.5, 1 / 3.0);
  boost::math::quadrature::tanh_sinh<double> integrator;
  for (double z : {0.1, 0.5, 1.0, 2.0, 4.0}) {
    auto f = [&](double t) { return boost::math::pdf(a, t) * boost::math::pdf(b, z - t); };
    const double q = integrator.integrate(f, 0.0, z, 1e-12);
    CHECK(q == Approx(boost::math::pdf(sum, z)).epsilon(1e-8));
  }
}

TEST_CASE("an exponential is gamma(1, r): it joins gamma sums", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", exponential(2.0));
  Expr y = m.random("y", gamma(3.0, 2.0));
  m.let("z", x + y);
  m.monitor({"z"});
  const auto r = fires(m, "exponential-as-gamma", DistKind::Gamma, {4.0, 2.0});
  CHECK(fired(r, "gamma-sum"));
  check_continuous(m, "gamma-sum", DistKind::Gamma, {4.0, 2.0});
}

TEST_CASE("gamma(1, r) comes back as exponential(r)", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", gamma(1.0, 5.0));
  m.let("z", 2.0 * x);
  m.monitor({"z"});
  check_continuous(m, "gamma-one-as-exponential", DistKind::Exponential, {2.5});
}

TEST_CASE("chi-squared(k) is gamma(k/2, 1/2)", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", chi_squared(3.0));
  m.let("z", 2.0 * x);
  m.monitor({"z"});
  check_continuous(m, "chi-squared-as-gamma", DistKind::Gamma, {1.5, 0.25});
}

TEST_CASE("gamma(a, 1/2) comes back as chi-squared(2a)", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", gamma(1.5, 1.0));
  m.let("z", 2.0 * x);
  m.monitor({"z"});
  check_continuous(m, "gamma-half-rate-as-chi-squared", DistKind::ChiSquared, {3.0});
}

TEST_CASE("independent chi-squareds add their degrees of freedom", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", chi_squared(3.0));
  Expr y = m.random("y", chi_squared(4.0));
  m.let("z", x + y);
  m.monitor({"z"});
  check_continuous(m, "chi-squared-sum", DistKind::ChiSquared, {7.0});
}

TEST_CASE("the square of a standard normal is chi-squared(1)", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 1.0));
  m.let("z", square(x));
  m.monitor({"z"});
  check_continuous(m, "square-std-normal", DistKind::ChiSquared, {1.0});
}

TEST_CASE("the square of a centred normal is gamma(1/2, 1/(2 s^2))", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", normal(0.0, 2.0));
  m.let("z", x * x);  // mul-self makes it a square
  m.monitor({"z"});
  check_continuous(m, "square-centered-normal", DistKind::Gamma, {0.5, 0.125});
}

TEST_CASE("the reciprocal of a gamma is inverse gamma", "[rewrite][closure][gamma]") {
  SECTION("1 / X") {
    Model m;
    Expr x = m.random("x", gamma(3.0, 2.0));
    m.let("z", 1.0 / x);
    m.monitor({"z"});
    check_continuous(m, "gamma-reciprocal", DistKind::InverseGamma, {3.0, 2.0});
  }
  SECTION("X^-1") {
    Model m;
    Expr x = m.random("x", gamma(3.0, 2.0));
    m.let("z", pow(x, -1.0));
    m.monitor({"z"});
    check_continuous(m, "gamma-reciprocal-pow", DistKind::InverseGamma, {3.0, 2.0});
  }
  SECTION("and back: 1 / inv_gamma(a, b) is gamma(a, b)") {
    Model m;
    Expr x = m.random("x", inv_gamma(3.0, 2.0));
    m.let("z", 1.0 / x);
    m.monitor({"z"});
    check_continuous(m, "inv-gamma-reciprocal", DistKind::Gamma, {3.0, 2.0});
  }
}

TEST_CASE("X / (X + Y) for independent gammas with a common rate is beta", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", gamma(2.0, 1.5));
  Expr y = m.random("y", gamma(3.0, 1.5));
  m.let("z", x / (x + y));
  m.monitor({"z"});
  const auto r = fires(m, "gamma-ratio-beta", DistKind::Beta, {2.0, 3.0});
  CHECK(count_draws(r.model) == 1);  // one replacement covers both x and y
  check_continuous(m, "gamma-ratio-beta", DistKind::Beta, {2.0, 3.0});
}

TEST_CASE("the min of independent exponentials is exponential", "[rewrite][closure][gamma]") {
  Model m;
  Expr x = m.random("x", exponential(1.0));
  Expr y = m.random("y", exponential(2.5));
  m.let("z", min(x, y));
  m.monitor({"z"});
  check_continuous(m, "exponential-min", DistKind::Exponential, {3.5});
}

TEST_CASE("sums of one vector draw's iid gamma-family elements", "[rewrite][closure][iid]") {
  SECTION("gamma") {
    Model m;
    Expr v = m.random("v", gamma(2.0, 3.0), Shape{4});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "gamma-iid-sum", DistKind::Gamma, {8.0, 3.0});
  }
  SECTION("gamma with vector shapes and one rate") {
    Model m;
    Expr v = m.random("v", gamma({1.0, 2.0, 0.5}, 3.0));
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "gamma-iid-sum", DistKind::Gamma, {3.5, 3.0});
  }
  SECTION("exponential") {
    Model m;
    Expr v = m.random("v", exponential(2.0), Shape{5});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "exponential-iid-sum", DistKind::Gamma, {5.0, 2.0});
  }
  SECTION("chi-squared") {
    Model m;
    Expr v = m.random("v", chi_squared(2.0), Shape{3});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "chi-squared-iid-sum", DistKind::ChiSquared, {6.0});
  }
}
