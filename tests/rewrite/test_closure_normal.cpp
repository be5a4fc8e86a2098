// Closure rules of the normal family: lognormal transforms, the normal ratio
// (cauchy), and sums and means of one vector draw's elements. Each rule: it fires,
// its law matches naive draws (KS) and draws of the simplified model (two-sample KS).
#include <cmath>

#include <boost/math/quadrature/gauss_kronrod.hpp>

#include "closure_test_util.hpp"

using namespace alea;
using namespace alea::test::closure;

TEST_CASE("exp of a normal is lognormal", "[rewrite][closure][lognormal]") {
  Model m;
  Expr x = m.random("x", normal(0.5, 0.8));
  m.let("z", exp(x));
  m.monitor({"z"});
  check_continuous(m, "exp-normal", DistKind::LogNormal, {0.5, 0.8});
}

TEST_CASE("log of a lognormal is normal", "[rewrite][closure][lognormal]") {
  Model m;
  Expr x = m.random("x", lognormal(0.3, 1.2));
  m.let("z", log(x));
  m.monitor({"z"});
  check_continuous(m, "log-lognormal", DistKind::Normal, {0.3, 1.2});
}

TEST_CASE("a product of independent lognormals is lognormal", "[rewrite][closure][lognormal]") {
  Model m;
  Expr x = m.random("x", lognormal(0.2, 0.5));
  Expr y = m.random("y", lognormal(-0.4, 1.2));
  m.let("z", x * y);
  m.monitor({"z"});
  check_continuous(m, "lognormal-product", DistKind::LogNormal, {-0.2, 1.3});
}

TEST_CASE("a positive multiple of a lognormal is lognormal", "[rewrite][closure][lognormal]") {
  Model m;
  Expr x = m.random("x", lognormal(0.2, 0.5));
  m.let("z", 3.0 * x);
  m.monitor({"z"});
  check_continuous(m, "lognormal-scale", DistKind::LogNormal, {0.2 + std::log(3.0), 0.5});
}

TEST_CASE("a power of a lognormal is lognormal", "[rewrite][closure][lognormal]") {
  Model m;
  Expr x = m.random("x", lognormal(0.2, 0.5));
  m.let("z", pow(x, -2.0));
  m.monitor({"z"});
  check_continuous(m, "lognormal-pow", DistKind::LogNormal, {-0.4, 1.0});
}

TEST_CASE("a ratio of independent centred normals is cauchy", "[rewrite][closure][cauchy]") {
  SECTION("standard") {
    Model m;
    Expr x = m.random("x", normal(0.0, 1.0));
    Expr y = m.random("y", normal(0.0, 1.0));
    m.let("z", x / y);
    m.monitor({"z"});
    check_continuous(m, "normal-ratio-cauchy", DistKind::Cauchy, {0.0, 1.0});
  }
  SECTION("scaled: (s1 Z1) / (s2 Z2) ~ cauchy(0, s1 / s2)") {
    Model m;
    Expr x = m.random("x", normal(0.0, 2.0));
    Expr y = m.random("y", normal(0.0, 0.5));
    m.let("z", x / y);
    m.monitor({"z"});
    check_continuous(m, "normal-ratio-cauchy", DistKind::Cauchy, {0.0, 4.0});
  }
}

TEST_CASE("the ratio density by quadrature matches the cauchy density", "[rewrite][closure][cauchy]") {
  // Independent of the rule: f(z) = int |y| phi(z y) phi(y) dy for standard normals.
  const boost::math::normal phi;
  const boost::math::cauchy c(0, 1);
  for (double z : {-3.0, -0.5, 0.0, 0.7, 4.0}) {
    auto f = [&](double y) { return std::abs(y) * boost::math::pdf(phi, z * y) * boost::math::pdf(phi, y); };
    const double q = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, -40.0, 40.0, 12, 1e-13);
    CHECK(q == Approx(boost::math::pdf(c, z)).epsilon(1e-10));
  }
}

TEST_CASE("the sum of one vector draw's iid normal elements", "[rewrite][closure][iid]") {
  SECTION("scalar parameters: normal(n m, sqrt(n) s)") {
    Model m;
    Expr v = m.random("v", normal(1.0, 2.0), Shape{5});
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "normal-iid-sum", DistKind::Normal, {5.0, 2.0 * std::sqrt(5.0)});
  }
  SECTION("vector parameters: normal(sum mu, sqrt(sum sigma^2))") {
    Model m;
    Expr v = m.random("v", normal({1.0, 2.0, 3.0}, {1.0, 2.0, 2.0}));
    m.let("z", sum(v));
    m.monitor({"z"});
    check_continuous(m, "normal-iid-sum", DistKind::Normal, {6.0, 3.0});
  }
}

TEST_CASE("the mean of one vector draw's iid normal elements", "[rewrite][closure][iid]") {
  Model m;
  Expr v = m.random("v", normal(1.0, 2.0), Shape{4});
  m.let("z", mean(v));
  m.monitor({"z"});
  check_continuous(m, "normal-iid-mean", DistKind::Normal, {1.0, 1.0});
}
