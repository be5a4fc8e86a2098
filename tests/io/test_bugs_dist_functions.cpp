// JAGS's d-, p- and q-functions of the distributions (dnorm(x, mu, tau) in an
// expression, pnorm, qnorm, ...): values against R's and Boost.Math's, gradients
// through them against finite differences, a probit model, the writer's round trip
// and the messages for a wrong arity or a bad constant parameter.
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/non_central_chi_squared.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>

#include "alea/dist/ops.hpp"
#include "alea/infer/gradient.hpp"
#include "alea/io/bugs_functions.hpp"
#include "alea/io/bugs_model.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using namespace alea::test;

namespace {

Value value_of(const Graph& g, NodeId id) {
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return *n.constant;
  std::vector<Value> in;
  for (NodeId i : n.inputs) in.push_back(value_of(g, i));
  return dist::evaluate(n.op, in);
}

// The value of `expr` in a model with the data x = (0.5, 1.5, 3).
Value eval(const std::string& expr) {
  Model m = load("model { z <- " + expr + " }", data({{"x", Value{0.5, 1.5, 3.0}}}));
  return value_of(m.graph(), m["z"].id());
}
double scalar(const std::string& expr) { return eval(expr).scalar(); }

}  // namespace

TEST_CASE("d-, p- and q-functions match R's values", "[io][bugs][dist_functions]") {
  // R: dnorm(1), pnorm(1.96), qnorm(0.975), pnorm(0.5, 0, sd = 0.5)
  CHECK(scalar("dnorm(1, 0, 1)") == Approx(0.24197072451914337).epsilon(1e-14));
  CHECK(scalar("pnorm(1.96, 0, 1)") == Approx(0.9750021048517795).epsilon(1e-14));
  CHECK(scalar("qnorm(0.975, 0, 1)") == Approx(1.959963984540054).epsilon(1e-13));
  CHECK(scalar("pnorm(0.5, 0, 4)") == Approx(0.8413447460685429).epsilon(1e-14));  // tau = 4: sd 0.5
  // dgamma(2, shape 3, rate 2) = 16 e^-4; pgamma = 1 - 13 e^-4
  CHECK(scalar("dgamma(2, 3, 2)") == Approx(16 * std::exp(-4.0)).epsilon(1e-14));
  CHECK(scalar("pgamma(2, 3, 2)") == Approx(1 - 13 * std::exp(-4.0)).epsilon(1e-14));
  CHECK(scalar("qgamma(pgamma(2, 3, 2), 3, 2)") == Approx(2).epsilon(1e-12));
  CHECK(scalar("qbeta(0.5, 2, 2)") == Approx(0.5).epsilon(1e-14));
  CHECK(scalar("pbeta(0.25, 1, 1)") == Approx(0.25).epsilon(1e-14));
  // discrete: masses
  CHECK(scalar("dpois(3, 2)") == Approx(std::exp(-2.0) * 8 / 6).epsilon(1e-14));
  CHECK(scalar("dbin(2, 0.3, 5)") == Approx(10 * 0.09 * 0.343).epsilon(1e-14));
  CHECK(scalar("dbern(1, 0.3)") == Approx(0.3).epsilon(1e-14));
  CHECK(scalar("dpois(2.5, 2)") == 0);  // not an integer
  // JAGS's parameterizations: dt(mu, tau, k), dexp(rate), dweib(v, lambda) = v lambda x^(v-1) exp(-lambda x^v)
  CHECK(scalar("dt(1.3, 0.5, 4, 3)") ==
        Approx(2 * boost::math::pdf(boost::math::students_t(3), (1.3 - 0.5) * 2)).epsilon(1e-13));
  CHECK(scalar("dexp(0.7, 2)") == Approx(2 * std::exp(-1.4)).epsilon(1e-14));
  CHECK(scalar("dweib(1.2, 1.5, 0.8)") ==
        Approx(1.5 * 0.8 * std::pow(1.2, 0.5) * std::exp(-0.8 * std::pow(1.2, 1.5))).epsilon(1e-13));
  // the distributions of JAGS's bugs module added with these functions
  CHECK(scalar("df(1.5, 3, 7)") == Approx(boost::math::pdf(boost::math::fisher_f(3, 7), 1.5)).epsilon(1e-12));
  CHECK(scalar("pf(1.5, 3, 7)") == Approx(boost::math::cdf(boost::math::fisher_f(3, 7), 1.5)).epsilon(1e-13));
  CHECK(scalar("qf(0.9, 3, 7)") == Approx(boost::math::quantile(boost::math::fisher_f(3, 7), 0.9)).epsilon(1e-12));
  const boost::math::non_central_chi_squared nc(3, 2.5);
  CHECK(scalar("dnchisqr(4, 3, 2.5)") == Approx(boost::math::pdf(nc, 4.0)).epsilon(1e-12));
  CHECK(scalar("pnchisqr(4, 3, 2.5)") == Approx(boost::math::cdf(nc, 4.0)).epsilon(1e-12));
  CHECK(scalar("qnchisqr(0.3, 3, 2.5)") == Approx(boost::math::quantile(nc, 0.3)).epsilon(1e-10));
  CHECK(scalar("pgen.gamma(1.1, 2, 1.5, 0.7)") ==
        Approx(boost::math::gamma_p(2.0, std::pow(1.5 * 1.1, 0.7))).epsilon(1e-13));
  CHECK(scalar("qgen.gamma(pgen.gamma(1.1, 2, 1.5, 0.7), 2, 1.5, 0.7)") == Approx(1.1).epsilon(1e-11));
  // outside [0, 1] a quantile is NaN
  CHECK(std::isnan(scalar("qnorm(1.5, 0, 1)")));
}

TEST_CASE("d-, p- and q-functions apply elementwise and in loops", "[io][bugs][dist_functions]") {
  const Value v = eval("pnorm(x, 1, 1)");
  REQUIRE(v.size() == 3);
  CHECK(v[0] == Approx(0.3085375387259869).epsilon(1e-13));
  CHECK(v[2] == Approx(0.9772498680518208).epsilon(1e-13));
  Model m = load("model { for (i in 1:3) { p[i] <- pnorm(x[i], 1, 1) } }", data({{"x", Value{0.5, 1.5, 3.0}}}));
  const Value w = value_of(m.graph(), m["p"].id());
  for (std::size_t i = 0; i < 3; ++i) CHECK(w[i] == Approx(v[i]).epsilon(1e-15));
}

TEST_CASE("a distribution name on the right of ~ is the distribution, in an expression the function",
          "[io][bugs][dist_functions]") {
  Model m = load("model { y ~ dnorm(0, 1); d <- dnorm(y, 0, 1) }");
  CHECK(m.graph().node(m["y"].id()).op == Op::Draw);
  CHECK(m.graph().node(m["d"].id()).op == Op::DistDensity);
  CHECK(to_string(m).find("normal_density(y, 0, ") != std::string::npos);
}

TEST_CASE("probit regression through pnorm: the gradient matches finite differences", "[io][bugs][dist_functions]") {
  Model m = load(R"(model {
    for (i in 1:N) {
      p[i] <- pnorm(alpha + beta * x[i], 0, 1)
      y[i] ~ dbern(p[i])
      d[i] <- dnorm(x[i], alpha, tau) + qgamma(p[i], tau, 2) + pgamma(x[i] + 1, tau, beta + 3)
    }
    alpha ~ dnorm(0, 0.1)
    beta ~ dnorm(0, 0.1)
    tau ~ dgamma(2, 1)
    z ~ dnorm(sum(d), 1)
  })",
                 data({{"N", Value(4.0)}, {"x", Value{-1.0, 0.2, 0.9, 2.0}}, {"y", Value{0.0, 0.0, 1.0, 1.0}},
                       {"z", Value(3.0)}}));
  infer::LogDensityFunction f(m);
  REQUIRE(f.dimension() == 3);
  for (const double s : {0.2, 0.7}) {
    const std::vector<double> u{0.3 * s, -0.5 * s, 0.4 * s};
    std::vector<double> grad(3);
    REQUIRE(std::isfinite(f.value_and_gradient(u, grad)));
    for (std::size_t i = 0; i < 3; ++i) {
      auto up = u, down = u;
      up[i] += 1e-5, down[i] -= 1e-5;
      INFO("coordinate " << i << " at scale " << s);
      CHECK(grad[i] == Approx((f.value(up) - f.value(down)) / 2e-5).epsilon(1e-5).margin(1e-6));
    }
  }
}

TEST_CASE("the BUGS writer gives the functions back in JAGS's parameterization", "[io][bugs][dist_functions]") {
  Model m = load("model { y ~ dnorm(0, 1); a <- pnorm(y, 1, 4); b <- qgamma(0.3, 2, y * y + 1); c <- ddexp(y, 0, 2) }");
  const std::string text = io::to_bugs(m);
  INFO(text);
  CHECK(text.find("pnorm(y, 1, 4)") != std::string::npos);
  CHECK(text.find("ddexp(y, 0, 2)") != std::string::npos);
  CHECK(text.find("qgamma(0.3, 2, ") != std::string::npos);
  // and it reads back to the same values
  Model back = io::load_bugs_model(text, "back.bug", {});
  CHECK(back.graph().node(back["a"].id()).op == Op::DistCdf);
  CHECK(back.graph().node(back["b"].id()).op == Op::DistQuantile);
  CHECK(back.graph().node(back["c"].id()).op == Op::DistDensity);
  CHECK(to_string(back) == to_string(m));
}

TEST_CASE("d-, p- and q-functions: arity and constant parameters are checked at the call", "[io][bugs][dist_functions]") {
  CHECK(error_of("model { z <- pnorm(1, 0) }") ==
        "model.bug:1:14: pnorm takes 3 arguments (q and the 2 parameters of dnorm), got 2");
  CHECK(error_of("model { z <- dgen.gamma(1, 2, 3) }") ==
        "model.bug:1:14: dgen.gamma takes 4 arguments (x and the 3 parameters of dgen.gamma), got 3");
  CHECK(error_of("model { z <- pnorm(1, 0, -2) }") ==
        "model.bug:1:26: pnorm: precision tau is -2, but must be positive and finite");
  CHECK(error_of("model { z <- qf(0.5, 0, 3) }") ==
        "model.bug:1:14: qf: fisher_f: numerator degrees of freedom n is 0, but must be positive and finite");
  CHECK(error_of("model { z <- pnorrm(1, 0, 1) }").find("unknown function 'pnorrm'") != std::string::npos);
}

TEST_CASE("the docs' table of distribution functions is the records'", "[io][bugs][dist_functions]") {
  const std::string t = io::bugs_dist_function_table();
  std::ifstream in(std::string(ALEA_SOURCE_DIR) + "/docs/bugs-language.md");
  std::stringstream text;
  text << in.rdbuf();
  INFO("regenerate the table in docs/bugs-language.md from io::bugs_dist_function_table():\n" << t);
  CHECK(text.str().find(t) != std::string::npos);
  CHECK(t.find("| `dnorm`, `pnorm`, `qnorm` |") != std::string::npos);
  CHECK(t.find("| `df`, `pf`, `qf` |") != std::string::npos);
  CHECK(t.find("`dpois`") != std::string::npos);
}
