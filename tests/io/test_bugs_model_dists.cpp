// build_model with distributions other than normal: JAGS parameter conversions,
// truncation and data support checks. These need the distributions merged from
// their own branches; on the bugs-model branch alone they fail with
// "distribution X is not implemented yet".
#include <catch2/catch.hpp>

#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::error_of;
using alea::test::load;

TEST_CASE("JAGS parameterizations convert to alea's", "[io][bugs_model][dists]") {
  Model m = load(R"(model {
    a ~ dgamma(2, 3)
    b ~ dbin(0.3, 10)
    c ~ ddexp(0, 4)
    d ~ dt(0, 0.04, 1) T(0,)
    e ~ dnorm(0, 4) T(0,)
    f ~ dpar(3, 1.5)
  })");
  auto node = [&](const char* n) { return m.graph().node(m[n].id()); };
  CHECK(node("a").dist == DistKind::Gamma);
  CHECK(node("b").dist == DistKind::Binomial);
  CHECK(node("c").dist == DistKind::Laplace);
  CHECK(node("d").dist == DistKind::HalfCauchy);
  CHECK(node("e").dist == DistKind::HalfNormal);
  CHECK(node("f").dist == DistKind::Pareto);
  const double lp = log_density(m, {{"a", 1.0}, {"b", Value::integer(3)}, {"c", 0.5}, {"d", 2.0}, {"e", 0.3},
                                    {"f", 2.0}}).total;
  CHECK(std::isfinite(lp));
}

TEST_CASE("observed data outside the support", "[io][bugs_model][dists]") {
  CHECK(error_of("model { for (i in 1:3) { y[i] ~ dpois(2) } }", data({{"y", Value{1, 2, -1}}})) ==
        "data.R:1:1: variable 'y': element 3 is -1, outside the support of poisson (non-negative integers)");
  // Random parameters: the support every parameter value shares is still checked.
  CHECK(error_of("model { for (i in 1:3) { y[i] ~ dpois(lambda) }\n lambda ~ dgamma(1, 1) }",
                 data({{"y", Value{1, 2.5, 3}}})) ==
        "data.R:1:1: variable 'y': element 2 is 2.5, outside the support of poisson (non-negative integers)");
  CHECK(error_of("model { y ~ dgamma(a, 1)\n a ~ dexp(1) }", data({{"y", Value(-0.5)}})) ==
        "data.R:1:1: variable 'y': value is -0.5, outside the support of gamma (non-negative reals)");
  CHECK(error_of("model { y ~ dbeta(a, a)\n a ~ dexp(1) }", data({{"y", Value(1.5)}})) ==
        "data.R:1:1: variable 'y': value is 1.5, outside the support of beta (reals from 0 to 1)");
  // A support that depends on the parameters is left to the log density (-inf there).
  CHECK(error_of("model { y ~ dunif(0, b)\n b ~ dexp(1) }", data({{"y", Value(7.0)}})) == "(no error)");
}

TEST_CASE("gamma-Poisson and beta-binomial models build and round-trip", "[io][bugs_model][dists]") {
  const auto d = data({{"N", Value(3)}, {"y", Value::integers({1, 0, 4})}, {"n", Value::integers({5, 5, 5})}});
  for (const char* text : {"model { for (i in 1:N) { y[i] ~ dpois(lambda) }\n lambda ~ dgamma(1, 1) }",
                           "model { for (i in 1:N) { y[i] ~ dbin(p, n[i]) }\n p ~ dbeta(1, 1) }"}) {
    Model m = load(text, d);
    Model back = load(io::to_bugs(m), d);
    CHECK(io::to_bugs(back) == io::to_bugs(m));
  }
}

TEST_CASE("dmt(mu, T, k): JAGS's precision matrix becomes mv_student_t's scale matrix T^-1", "[io][bugs_model][dists]") {
  // T = [[2, 1], [1, 2]], so Sigma = T^-1 = [[2, -1], [-1, 2]] / 3.
  const auto d = data({{"m", Value{1, -1}}, {"T", Value(Shape{2, 2}, {2, 1, 1, 2}, ScalarType::Real)}});
  Model m = load("model { z ~ dmt(m, T, 5) }", d);
  const Node& z = m.graph().node(m["z"].id());
  REQUIRE(z.dist == DistKind::MvStudentT);
  // log density at (0.5, 0.5): r = (-0.5, 1.5), q = r' T r = 0.5 - 1.5 + 4.5 = 3.5, det Sigma = 1/3:
  // lgamma(7/2) - lgamma(5/2) - log(5 pi) + log(3)/2 - 7/2 log(1 + 3.5/5).
  const double expected = std::lgamma(3.5) - std::lgamma(2.5) - std::log(5 * M_PI) + 0.5 * std::log(3.0) -
                          3.5 * std::log1p(3.5 / 5);
  CHECK(log_density(m, {{"z", Value{0.5, 0.5}}}).total == Approx(expected).epsilon(1e-12));
  CHECK(error_of("model { z ~ dmt(m, T, -1) }", d) ==
        "model.bug:1:23: variable 'z': dmt: degrees of freedom k is -1, but must be positive and finite");
  CHECK(error_of("model { z ~ dmt(m, O, 5) }",
                 data({{"m", Value{0, 0}}, {"O", Value(Shape{2, 2}, {1, 2, 2, 1}, ScalarType::Real)}})) ==
        "model.bug:1:13: variable 'z': dmt: the precision matrix is not symmetric positive definite");
}
