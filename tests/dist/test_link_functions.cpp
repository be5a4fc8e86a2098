// JAGS's functions as graph ops (phi, probit, cloglog, icloglog, loggam, logfact, sin,
// cos, round, trunc): values against Boost.Math and exact identities, including tails.
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/dist/link_functions.hpp"
#include "alea/dist/ops.hpp"

using namespace alea;

namespace {

double op(Op o, double x) {
  const Value in[] = {Value(x)};
  return dist::evaluate(o, in).scalar();
}

}  // namespace

TEST_CASE("phi and probit against Boost.Math's normal CDF and quantile, tails included", "[dist][link]") {
  const boost::math::normal_distribution<> n;
  for (double x : {-37.0, -20.0, -8.0, -1.5, 0.0, 0.3, 2.0, 8.0}) {
    INFO("x = " << x);
    CHECK(op(Op::Phi, x) == Approx(boost::math::cdf(n, x)).epsilon(1e-13));
  }
  for (double p : {1e-300, 1e-20, 1e-5, 0.025, 0.5, 0.7, 0.975, 1 - 1e-12}) {
    INFO("p = " << p);
    CHECK(op(Op::Probit, p) == Approx(boost::math::quantile(n, p)).epsilon(1e-12));
  }
  CHECK(op(Op::Probit, 0.0) == -INFINITY);
  CHECK(op(Op::Probit, 1.0) == INFINITY);
  CHECK(std::isnan(op(Op::Probit, 1.5)));
}

TEST_CASE("cloglog and icloglog are inverses, accurate for small p", "[dist][link]") {
  for (double x : {-30.0, -3.0, -0.5, 0.0, 1.0, 2.5}) {
    INFO("x = " << x);
    const double p = op(Op::ICLogLog, x);
    if (x > -5) CHECK(p == Approx(1 - std::exp(-std::exp(x))).epsilon(1e-12));
    CHECK(op(Op::CLogLog, p) == Approx(x).epsilon(1e-10));
  }
  // For tiny x, 1 - exp(-exp(x)) ~ exp(x): no cancellation.
  CHECK(op(Op::ICLogLog, -30.0) == Approx(std::exp(-30.0)).epsilon(1e-12));
  CHECK(dist::jags::cloglog_derivative(0.3) == Approx(1 / (0.7 * -std::log(0.7))).epsilon(1e-14));
  CHECK(dist::jags::icloglog_derivative(0.4) == Approx(std::exp(0.4 - std::exp(0.4))).epsilon(1e-14));
}

TEST_CASE("loggam, logfact, sin, cos, round, trunc", "[dist][link]") {
  CHECK(op(Op::LogGamma, 0.5) == Approx(std::log(boost::math::tgamma(0.5))).epsilon(1e-14));
  CHECK(op(Op::LogGamma, 170.5) == Approx(boost::math::lgamma(170.5)).epsilon(1e-14));
  CHECK(op(Op::LogFact, 5.0) == Approx(std::log(120.0)).epsilon(1e-14));
  CHECK(op(Op::LogFact, 0.0) == 0.0);
  CHECK(op(Op::Sin, 0.5) == Approx(std::sin(0.5)));
  CHECK(op(Op::Cos, 0.5) == Approx(std::cos(0.5)));
  CHECK(op(Op::Round, 2.5) == 3.0);
  CHECK(op(Op::Round, -2.5) == -3.0);
  CHECK(op(Op::Trunc, -2.7) == -2.0);
  // Elementwise on vectors like every unary op.
  const Value v[] = {Value{0.0, 1.0}};
  CHECK(dist::evaluate(Op::Phi, v)[1] == Approx(boost::math::cdf(boost::math::normal_distribution<>(), 1.0)));
}
