// build_model on normal-based models: log densities against hand computation,
// vectorized and unrolled loops agreeing, and to_bugs round trips.
#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include "alea/io/bugs_parser.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::dnorm_tau;
using alea::test::load;
using alea::test::error_of;

namespace {

double lp(const Model& m, const std::map<std::string, Value>& at) { return log_density(m, at).total; }

const Value kY{28, 8, -3, 7, -1, 1, 18, 12};
const Value kSigma{15, 10, 16, 11, 9, 11, 10, 18};

const char* kSchools = R"(model {
  for (j in 1:J) {
    eta[j] ~ dnorm(0, 1)
    theta[j] <- mu + tau * eta[j]
    y[j] ~ dnorm(theta[j], pow(sigma[j], -2))
  }
  mu ~ dnorm(0, 1.0E-4)
  tau ~ dnorm(5, 1)
})";

}  // namespace

TEST_CASE("eight schools (normal tau): log density by hand, vector draws", "[io][bugs_model]") {
  Model m = load(kSchools, data({{"J", Value(8)}, {"y", kY}, {"sigma", kSigma}}));
  CHECK(m.role("y") == Role::Observed);
  CHECK(m.role("J") == Role::Data);
  CHECK(m.graph().node(m["eta"].id()).op == Op::Draw);
  CHECK(m["eta"].shape() == Shape{8});
  const std::vector<double> eta{0.1, -0.2, 0.3, 0.5, -1, 2, 0, 0.7};
  const double mu = 1.5, tau = 2.5;
  double want = dnorm_tau(mu, 0, 1e-4) + dnorm_tau(tau, 5, 1);
  for (std::size_t j = 0; j < 8; ++j)
    want += dnorm_tau(eta[j], 0, 1) + dnorm_tau(kY[j], mu + tau * eta[j], 1 / (kSigma[j] * kSigma[j]));
  CHECK(lp(m, {{"mu", mu}, {"tau", tau}, {"eta", Value(eta)}}) == Approx(want).epsilon(1e-12));
}

TEST_CASE("vectorized and unrolled loops give the same joint density", "[io][bugs_model]") {
  const auto d = data({{"N", Value(4)}, {"x", Value{1, 2, 3, 4}}, {"y", Value{1.1, 2.3, 2.9, 4.2}}});
  Model vec = load(R"(model {
    for (i in 1:N) { mu[i] <- a + b * x[i]
                     y[i] ~ dnorm(mu[i], tau) }
    a ~ dnorm(0, 0.01)  b ~ dnorm(0, 0.01)  tau ~ dnorm(3, 1)
  })", d);
  Model unrolled = load(R"(model {
    mu[1] <- a + b * x[1]
    y[1] ~ dnorm(mu[1], tau)
    for (i in 2:N) { mu[i] <- a + b * x[i]
                     y[i] ~ dnorm(mu[i], tau) }
    a ~ dnorm(0, 0.01)  b ~ dnorm(0, 0.01)  tau ~ dnorm(3, 1)
  })", d);
  CHECK(vec.graph().node(vec["y"].id()).op == Op::Draw);
  CHECK(unrolled.graph().node(unrolled["y"].id()).op == Op::Stack);
  for (double a : {0.0, 0.3}) {
    std::map<std::string, Value> at{{"a", a}, {"b", 0.9}, {"tau", 2.0}};
    double want = dnorm_tau(a, 0, 0.01) + dnorm_tau(0.9, 0, 0.01) + dnorm_tau(2.0, 3, 1);
    for (int i = 0; i < 4; ++i) want += dnorm_tau(Value{1.1, 2.3, 2.9, 4.2}[static_cast<std::size_t>(i)], a + 0.9 * (i + 1), 2.0);
    CHECK(lp(vec, at) == Approx(want).epsilon(1e-12));
    CHECK(lp(unrolled, at) == Approx(want).epsilon(1e-12));
  }
}

TEST_CASE("random walk in a loop: self-reference is unrolled", "[io][bugs_model]") {
  Model m = load(R"(model {
    x[1] ~ dnorm(0, 1)
    for (t in 2:T) { x[t] ~ dnorm(x[t - 1], tau) }
  })", data({{"T", Value(3)}, {"tau", Value(4.0)}}));
  CHECK(m.is_stochastic("x"));
  const double want = dnorm_tau(0.5, 0, 1) + dnorm_tau(0.7, 0.5, 4) + dnorm_tau(0.2, 0.7, 4);
  CHECK(lp(m, {{"x", Value{0.5, 0.7, 0.2}}}) == Approx(want));
}

TEST_CASE("statements in any order, sum of normals, data block, scalar/length-1 data", "[io][bugs_model]") {
  Model m = load(R"(
  data { two <- 2 * one }
  model {
    z <- x + y
    y ~ dnorm(x, two)
    x ~ dnorm(0, 1)
  })", data({{"one", Value(std::vector<double>{1.0})}}));
  CHECK(lp(m, {{"x", 0.3}, {"y", -0.4}}) == Approx(dnorm_tau(0.3, 0, 1) + dnorm_tau(-0.4, 0.3, 2)));
  CHECK(m.has("z"));
  // Data for a deterministic variable is accepted: the rewriter will handle it.
  Model obs = load("model { z <- x + y\n x ~ dnorm(0, 1)\n y ~ dnorm(0, 1) }", data({{"z", Value(1.0)}}));
  CHECK(obs.role("z") == Role::Observed);
  // A scalar in the data observes a length-1 array and the other way round.
  Model one = load("model { y[1] ~ dnorm(0, 1) }", data({{"y", Value(0.5)}}));
  CHECK(lp(one, {}) == Approx(dnorm_tau(0.5, 0, 1)));
}

TEST_CASE("nested loops over matrix data, ranges, empty loops, sum and inprod", "[io][bugs_model]") {
  // x is 2 x 3 column-major: x[i, j] = data[(j-1)*2 + (i-1)]
  const Value x(Shape{2, 3}, {1, 2, 3, 4, 5, 6}, ScalarType::Real);
  Model m = load(R"(model {
    for (i in 1:2) { for (j in 1:3) { y[(i - 1) * 3 + j] ~ dnorm(x[i, j] * b, 1) } }
    s <- sum(x[2, ]) + inprod(x[1, 1:2], x[2, 2:3])
    for (k in 1:0) { never[k] ~ dnorm(0, 1) }
    b ~ dnorm(0, 1)
    w ~ dnorm(s, 1)
  })", data({{"x", x}, {"y", Value{1, 2, 3, 4, 5, 6}}}));
  CHECK_FALSE(m.has("never"));
  double want = dnorm_tau(0.5, 0, 1) + dnorm_tau(1, 12 + (1 * 4 + 3 * 6), 1);
  const double xs[2][3] = {{1, 3, 5}, {2, 4, 6}};
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j) want += dnorm_tau(i * 3 + j + 1, xs[i][j] * 0.5, 1);
  CHECK(lp(m, {{"b", 0.5}, {"w", 1.0}}) == Approx(want));
}

TEST_CASE("y[1:N] ranges, logit and log links", "[io][bugs_model]") {
  Model m = load(R"(model {
    for (i in 1:N) { logit(p[i]) <- a * x[i] }
    log(lam) <- a
    m1 <- sum(p[1:N]) + sum(x[2:3])
    a ~ dnorm(0, 1)
  })", data({{"N", Value(3)}, {"x", Value{1, 2, 3}}}));
  CHECK(m.graph().node(m["p"].id()).op == Op::Logistic);
  CHECK(m.graph().node(m["lam"].id()).op == Op::Exp);
  CHECK(lp(m, {{"a", 0.4}}) == Approx(dnorm_tau(0.4, 0, 1)));
}

TEST_CASE("to_bugs output parses back to the same joint density", "[io][bugs_model]") {
  const auto d = data({{"N", Value(3)}, {"x", Value{1, 2, 3}}, {"y", Value{0.5, 1.7, 3.1}}});
  const std::vector<std::pair<std::string, std::map<std::string, Value>>> cases = {
      {kSchools, {{"mu", 1.5}, {"tau", 2.5}, {"eta", Value{0.1, -0.2, 0.3, 0.5, -1, 2, 0, 0.7}}}},
      {"model { for (i in 1:N) { y[i] ~ dnorm(a + b * x[i], tau) }\n a ~ dnorm(0, 0.01)\n b ~ dnorm(0, 1)\n"
       " tau ~ dnorm(2, 1) }",
       {{"a", 0.2}, {"b", 0.8}, {"tau", 1.5}}},
      {"model { r[1] ~ dnorm(0, 1)\n for (t in 2:N) { r[t] ~ dnorm(r[t-1] * 0.5, 2) }\n z <- r[1] + r[3]\n"
       " w ~ dnorm(z, 1) }",
       {{"r", Value{0.1, 0.4, -0.3}}, {"w", 0.9}}},
      {"model { for (i in 1:N) { mu[i] <- b * x[i] }\n for (i in 1:N) { y[i] ~ dnorm(mu[i], 1 / (s * s)) }\n"
       " b ~ dnorm(0, 1)\n s ~ dnorm(1, 1) }",
       {{"b", 0.7}, {"s", 1.3}}},
  };
  for (const auto& [text, at] : cases) {
    const io::DataSet dd = text == std::string(kSchools) ? data({{"J", Value(8)}, {"y", kY}, {"sigma", kSigma}}) : d;
    Model m = load(text, dd);
    const std::string printed = io::to_bugs(m);
    INFO(printed);
    Model back = load(printed, dd);
    CHECK(lp(back, at) == Approx(lp(m, at)).epsilon(1e-12));
    CHECK(back.graph().site_count() == m.graph().site_count());
    CHECK(io::to_bugs(back) == printed);
  }
}

TEST_CASE("a vector indexed by a random variable: mu[z[i]] with z ~ dcat(w)", "[io][bugs_model]") {
  const char* text = R"(model {
  for (k in 1:2) { mu[k] ~ dnorm(0, 0.1) }
  for (i in 1:N) {
    z[i] ~ dcat(w)
    y[i] ~ dnorm(mu[z[i]], 4)
  }
})";
  const auto d = data({{"N", Value(3)}, {"w", Value{0.3, 0.7}}, {"y", Value{-1.2, 2.5, 0.4}}});
  Model m = load(text, d);
  // The joint density at fixed indicators picks each observation's component by hand.
  const std::vector<double> mu{-1.0, 2.0}, y{-1.2, 2.5, 0.4};
  const std::vector<int> z{1, 2, 2};
  double want = dnorm_tau(mu[0], 0, 0.1) + dnorm_tau(mu[1], 0, 0.1);
  for (std::size_t i = 0; i < y.size(); ++i)
    want += std::log(z[i] == 1 ? 0.3 : 0.7) + dnorm_tau(y[i], mu[static_cast<std::size_t>(z[i] - 1)], 4);
  const std::map<std::string, Value> at{{"mu", Value{mu[0], mu[1]}}, {"z", Value::integers({1, 2, 2})}};
  CHECK(lp(m, at) == Approx(want).epsilon(1e-12));
  // It prints as BUGS and parses back to the same density.
  const std::string printed = io::to_bugs(m);
  INFO(printed);
  CHECK(printed.find("mu[z[1]]") != std::string::npos);
  Model back = load(printed, d);
  CHECK(lp(back, at) == Approx(want).epsilon(1e-12));
  CHECK(io::to_bugs(back) == printed);
}

TEST_CASE("dnormmix (JAGS's mix module) is normal_mixture with precisions", "[io][bugs_model]") {
  const auto d = data({{"mu", Value{-1.0, 2.0}}, {"tau", Value{4.0, 0.25}}, {"w", Value{0.3, 0.7}}});
  Model m = load("model { y ~ dnormmix(mu, tau, w) }", d);
  const Node& n = m.graph().node(m["y"].id());
  CHECK(n.dist == DistKind::NormalMixture);
  const double y = 0.4;
  const double want = std::log(0.3 * std::exp(dnorm_tau(y, -1.0, 4.0)) + 0.7 * std::exp(dnorm_tau(y, 2.0, 0.25)));
  CHECK(lp(m, {{"y", y}}) == Approx(want).epsilon(1e-12));
  const std::string printed = io::to_bugs(m);
  INFO(printed);
  CHECK(printed.find("y ~ dnormmix(mu, tau, w)") != std::string::npos);
  CHECK(lp(load(printed, d), {{"y", y}}) == Approx(want).epsilon(1e-12));
  CHECK(error_of("model { y ~ dnormmix(mu, -tau, w) }", d) ==
        "model.bug:1:26: variable 'y': dnormmix: precision tau is -4, but must be positive and finite");
}

TEST_CASE("probit and cloglog links, and JAGS's functions, build and print back", "[io][bugs_model]") {
  const auto d = data({{"N", Value(3)}, {"x", Value{-1.0, 0.5, 2.0}}, {"y", Value::integers({0, 1, 1})}});
  const char* text = R"(model {
  for (i in 1:N) {
    probit(p[i]) <- a + b * x[i]
    cloglog(q[i]) <- a - b * x[i]
    y[i] ~ dbern(p[i])
  }
  a ~ dnorm(0, 1)
  b ~ dnorm(0, 1)
  g <- loggam(exp(a)) + logfact(3) + sin(a) * cos(b) + round(b) + trunc(a) + phi(a) + probit(0.3) + icloglog(b)
})";
  Model m = load(text, d);
  const double a = 0.3, b = -0.7;
  const boost::math::normal_distribution<> n;
  double want = dnorm_tau(a, 0, 1) + dnorm_tau(b, 0, 1);
  for (double xi : {-1.0, 0.5, 2.0}) {
    const double p = boost::math::cdf(n, a + b * xi);
    want += xi == -1.0 ? std::log1p(-p) : std::log(p);
  }
  const std::map<std::string, Value> at{{"a", a}, {"b", b}};
  CHECK(lp(m, at) == Approx(want).epsilon(1e-12));
  const std::string printed = io::to_bugs(m);
  INFO(printed);
  Model back = load(printed, d);
  CHECK(lp(back, at) == Approx(want).epsilon(1e-12));
  CHECK(io::to_bugs(back) == printed);
  for (const char* name : {"phi(", "loggam(", "logfact(", "sin(", "cos(", "round(", "trunc(", "icloglog("})
    CHECK(printed.find(name) != std::string::npos);
}

TEST_CASE("to_bugs writes JAGS names and precisions, loops for vector draws", "[io][bugs_model]") {
  Model m = load("model { for (i in 1:N) { y[i] ~ dnorm(mu, 4) }\n mu ~ dnorm(0, tau)\n tau <- 1 / v }",
                 data({{"N", Value(2)}, {"v", Value(2.0)}}));
  // Scalar data print as their numbers: a literal equal to a data value is the same
  // constant node, and printing it by the data's name would misread the model.
  CHECK(io::to_bugs(m) ==
        "model {\n  tau <- 1 / 2\n  mu ~ dnorm(0, tau)\n  for (i in 1:2) {\n    y[i] ~ dnorm(mu, 4)\n  }\n}\n");
  // Anonymous draws get names users cannot write by accident in the same model.
  Model c;
  Expr a = c.draw(normal(0.0, 1.0));
  c.random("b", normal(a, 2.0));
  CHECK(io::to_bugs(c) == "model {\n  s.0 ~ dnorm(0, 1)\n  b ~ dnorm(s.0, 0.25)\n}\n");
}
