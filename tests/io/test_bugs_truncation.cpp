// T(lo, hi) in BUGS text: bounds that are data, bounds that are parameters, a missing
// bound as the support's own end, I(...) on an unobserved node as T, and the forms
// alea refuses (with FILE:LINE:COL).
#include <catch2/catch.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <numbers>

#include "alea/infer/log_density.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::error_of;
using alea::test::load;

namespace {
double log_beta_pdf(double x, double a, double b) {
  return (a - 1) * std::log(x) + (b - 1) * std::log1p(-x) - std::log(boost::math::beta(a, b));
}
}  // namespace

TEST_CASE("T(lo, hi) with data bounds and a missing bound", "[io][bugs_model][truncation]") {
  Model m = load(R"(model {
    for (i in 1:2) { p[i] ~ dbeta(2, 3) T(lo[i], hi[i]) }
    q ~ dbeta(2, 3) T(, 0.9999)
  })",
                 data({{"lo", Value{0.1, 0.0}}, {"hi", Value{0.6, 0.5}}}));
  const double lp = log_density(m, {{"p", Value{0.3, 0.2}}, {"q", Value(0.4)}}).total;
  const double want = log_beta_pdf(0.3, 2, 3) - std::log(boost::math::ibeta(2.0, 3.0, 0.6) - boost::math::ibeta(2.0, 3.0, 0.1)) +
                      log_beta_pdf(0.2, 2, 3) - std::log(boost::math::ibeta(2.0, 3.0, 0.5)) + log_beta_pdf(0.4, 2, 3) -
                      std::log(boost::math::ibeta(2.0, 3.0, 0.9999));
  CHECK(lp == Approx(want).epsilon(1e-12));
  CHECK(log_density(m, {{"p", Value{0.7, 0.2}}, {"q", Value(0.4)}}).total == -INFINITY);
}

TEST_CASE("T(lo, hi) with random bounds and parameters; T(0,) of a zero-mean normal stays half-normal",
          "[io][bugs_model][truncation]") {
  Model m = load(R"(model {
    a ~ dgamma(2, 1)
    lo ~ dunif(-1, 0)
    x ~ dnorm(a, 1) T(lo, 3)
    h ~ dnorm(0, 0.0001) T(0,)
    g ~ dgamma(2, 1) I(1,)
  })");
  const double a = 1.2, lo = -0.4, x = 0.5;
  const auto Phi = [](double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); };
  const double lp = log_density(m, {{"a", Value(a)}, {"lo", Value(lo)}, {"x", Value(x)}, {"h", Value(3.0)}, {"g", Value(2.0)}}).total;
  const double want = std::log(a) - a                                                      // gamma(2, 1)
                      + 0                                                                  // uniform(-1, 0)
                      - 0.5 * (x - a) * (x - a) - 0.5 * std::log(2 * std::numbers::pi) - std::log(Phi(3 - a) - Phi(lo - a))
                      + std::log(2.0) + test::dnorm_tau(3.0, 0, 0.0001)                    // half-normal
                      + std::log(2.0) - 2.0 - std::log(2 * std::exp(-1.0));                // gamma(2,1) on (1, inf): Q = 2/e
  CHECK(lp == Approx(want).epsilon(1e-10));
  CHECK(m.graph().node(m.variable("h").node).dist == DistKind::HalfNormal);
  CHECK(m.graph().node(m.variable("x").node).dist == DistKind::TruncatedNormal);
}

TEST_CASE("truncation forms alea refuses", "[io][bugs_model][truncation][errors]") {
  CHECK(error_of("model { s ~ dbern(0.5) T(1,) }") ==
        "model.bug:1:24: variable 's': truncation T(1,) of dbern is not supported: alea has no distribution function "
        "for it (truncation works for dnorm, dlnorm, dt, dunif, dexp, dgamma, dchisqr, dbeta, ddexp, dlogis, dweib, "
        "dpar, dbin, dpois, dnegbin, dnchisqr, df, dgen.gamma, and T(0,) of a normal, Cauchy or t with mean 0)");
  CHECK(error_of("model { s ~ dbeta(1, 1) T(0.5, 0.5) }") ==
        "model.bug:1:25: variable 's': truncation T(0.5,0.5) needs lower bound < upper bound, got 0.5 and 0.5");
  CHECK(error_of("model { p[1:2] ~ ddirch(al[]) T(0,) }", data({{"al", Value{1, 1}}})) ==
        "model.bug:1:31: variable 'p[1:2]': truncation T(0,) of the multivariate ddirch is not supported (only scalar "
        "distributions with a distribution function can be truncated)");
}

// OpenBUGS's I(lo, hi) with a random parameter or bound: the base distribution, not
// renormalized, constrained by an observed dinterval named x.I.
TEST_CASE("I(lo, hi) with a random parameter is censoring: the density is not renormalized",
          "[io][bugs_model][truncation][censoring]") {
  Model m = load(R"(model {
    mu ~ dnorm(0, 1)
    x ~ dnorm(mu, 1) I(0, )
    for (i in 1:3) { t[i] ~ dexp(mu * mu) I(c[i], ) }
  })",
                 data({{"t", Value{1.5, NAN, 0.2}}, {"c", Value{0, 2, 0}}}));
  CHECK(m.graph().node(m.variable("x").node).dist == DistKind::Normal);
  CHECK(m.variable("x.I").observed.has_value());
  CHECK(m.variable("t.I[2]").observed.has_value());
  const double mu = 0.7, x = 0.4, t2 = 2.5, rate = mu * mu;
  const double want = test::dnorm_tau(mu, 0, 1) + test::dnorm_tau(x, mu, 1) +  // no log(1 - Phi(-mu))
                      3 * std::log(rate) - rate * (1.5 + t2 + 0.2);
  CHECK(log_density(m, {{"mu", Value(mu)}, {"x", Value(x)}, {"t", Value{1.5, t2, 0.2}}}).total ==
        Approx(want).epsilon(1e-12));
  CHECK(log_density(m, {{"mu", Value(mu)}, {"x", Value(-x)}, {"t", Value{1.5, t2, 0.2}}}).total == -INFINITY);
  CHECK(log_density(m, {{"mu", Value(mu)}, {"x", Value(x)}, {"t", Value{1.5, 1.5, 0.2}}}).total == -INFINITY);
}

TEST_CASE("I(lo, hi) with constant parameters and bounds stays a truncation, observed or not",
          "[io][bugs_model][truncation][censoring]") {
  Model m = load("model { for (i in 1:2) { t[i] ~ dgamma(2, 1) I(c[i],) } }", data({{"t", Value{1.5, NAN}}, {"c", Value{1, 1}}}));
  CHECK(m.graph().node(m.variable("t[observed]").node).op == Op::Stack);
  CHECK_THROWS_AS(m.variable("t.I[1]"), std::invalid_argument);
}

TEST_CASE("I(a[k-1], ) of random neighbours orders them", "[io][bugs_model][truncation][censoring]") {
  Model m = load(R"(model {
    a[1] ~ dnorm(0, 1)
    for (k in 2:3) { a[k] ~ dnorm(0, 1) I(a[k-1], ) }
  })");
  CHECK(log_density(m, {{"a", Value{-1, 0.5, 2}}}).total ==
        Approx(test::dnorm_tau(-1, 0, 1) + test::dnorm_tau(0.5, 0, 1) + test::dnorm_tau(2, 0, 1)).epsilon(1e-12));
  CHECK(log_density(m, {{"a", Value{-1, 2, 0.5}}}).total == -INFINITY);
}

TEST_CASE("censoring forms alea refuses", "[io][bugs_model][truncation][censoring][errors]") {
  const std::string model = "model { mu ~ dnorm(0, 1)\n for (i in 1:2) { t[i] ~ dnorm(mu, 1) I(c[i], 2) } }";
  CHECK(error_of(model, data({{"t", Value{1.5, -1}}, {"c", Value{0, 0}}})) ==
        "data.R:1:1: variable 't[2]': value -1 is outside I(c[i], 2) at model.bug:2:39");
  CHECK(error_of(model, data({{"t", Value{1.5, NAN}}, {"c", Value{0, 2}}})) ==
        "model.bug:2:39: variable 't[2]': I(c[i], 2) needs lo < hi, got 2 and 2");
  CHECK(error_of("model { m ~ dnorm(0, 1)\n mu[1] <- m\n mu[2] <- 0\n x[1:2] ~ dmnorm(mu[], P[,]) I(0, ) }",
                 data({{"P", Value(Shape{2, 2}, std::vector<double>{1, 0, 0, 1}, ScalarType::Real)}})) ==
        "model.bug:4:30: variable 'x[1:2]': I(...) of the multivariate dmnorm is not supported (only scalar distributions "
        "can be censored)");
}

TEST_CASE("a truncated node is written back as its base with T(lo, hi) and reads back the same",
          "[io][bugs_model][truncation][write]") {
  Model m = load(R"(model {
    a ~ dgamma(2, 1)
    x ~ dnorm(a, 1) T(0,)
    for (i in 1:2) { p[i] ~ dbeta(a, 2) T(, 0.9999) }
  })");
  const std::string text = io::to_bugs(m);
  CHECK(text.find("x ~ dnorm(a, 1) T(0,)") != std::string::npos);
  Model back = load(text);
  const std::map<std::string, Value> at{{"a", Value(1.3)}, {"x", Value(0.4)}, {"p", Value{0.2, 0.9}}};
  CHECK(log_density(back, at).total == Approx(log_density(m, at).total).epsilon(1e-13));
}
