// Malformed models and data: exact InputError messages with FILE:LINE:COL.
#include <catch2/catch.hpp>

#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::error_of;

TEST_CASE("malformed BUGS models give exact messages", "[io][bugs_model][errors]") {
  const auto d = data({{"N", Value(3)}, {"x", Value{1, 2, 3}}, {"y", Value{1, 2, 3}}});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"model {\n  x ~ dnrom(0, 1)\n}", "model.bug:2:7: unknown distribution 'dnrom'; did you mean 'dnorm'?"},
      {"model { a ~ dnorm(0, 1, 2) }", "model.bug:1:13: dnorm takes 2 parameters, got 3"},
      {"model { a ~ normal(0) }", "model.bug:1:13: normal takes 2 parameters, got 1"},
      {"model { a ~ dnorm(0, -1) }", "model.bug:1:22: variable 'a': dnorm: precision tau is -1, but must be positive and finite"},
      {"model { a ~ normal(0, -1) }", "model.bug:1:9: variable 'a': normal: scale parameter sigma is -1, but must be positive and finite"},
      {"model { for (i in 1:N) { z[i] <- x[i + 1] } }", "model.bug:1:36: index 4 of 'x' is out of range 1..3"},
      {"model { a <- x[1.5] }", "model.bug:1:16: index of 'x' is 1.5, but must be an integer"},
      {"model { for (i in 1:3) { z[5555555555555555555555] <- x[i] } }",
       "model.bug:1:28: index of 'z' is 5.555555555555556e+21, too large (at most 2^53 in magnitude)"},
      {"model { for (i in 1:1e300) { z[i] <- 1 } }", "model.bug:1:21: loop bound is 1e+300, too large (at most 2^53 in magnitude)"},
      {"model { a ~ dnorm(mu, 1) }", "model.bug:1:19: variable 'mu' is used but never defined (not in the model or the data)"},
      {"model {\n  a ~ dnorm(0, 1)\n  a ~ dnorm(1, 1)\n}", "model.bug:3:3: variable 'a' is defined twice (first defined at model.bug:2:3)"},
      {"model { for (i in 1:N) { b[i] <- 1 }\n b[2] <- 3 }", "model.bug:2:2: b[2] is defined twice (first defined at model.bug:1:26)"},
      {"model { K ~ dnorm(0, 1)\n for (i in 1:K) { b[i] <- 1 } }", "model.bug:2:14: loop bounds must be constants (numbers or data), but 'K' is defined in the model"},
      {"model { for (i in 1:M) { b[i] <- 1 } }", "model.bug:1:21: variable 'M' is used but never defined (not in the model or the data)"},
      {"model { a <- b\n b <- a }", "model.bug:1:9: variable 'a' depends on itself: a -> b -> a"},
      {"model { y ~ dnorm(0, 1) }", "data.R:1:1: variable 'y' has shape scalar in the model but vector[3] in the data"},
      {"model { s ~ dbern(0.5) T(0,) }", "model.bug:1:24: variable 's': truncation T(0,) of dbern is not supported: alea has no distribution function for it (truncation works for dnorm, dlnorm, dt, dunif, dexp, dgamma, dchisqr, dbeta, ddexp, dlogis, dweib, dpar, dbin, dpois, dnegbin, dnchisqr, df, dgen.gamma, and T(0,) of a normal, Cauchy or t with mean 0)"},
      {"model { s ~ dnorm(1, 1) T(2, 1) }", "model.bug:1:25: variable 's': truncation T(2,1) needs lower bound < upper bound, got 2 and 1"},
      {"model { a <- foo(1) }", "model.bug:1:14: unknown function 'foo'"},
      {"model { a <- exq(1) }", "model.bug:1:14: unknown function 'exq'; did you mean 'exp'?"},
      {"model { a <- logdet(1) }", "model.bug:1:14: logdet: needs a square matrix (operands: scalar)"},
      {"model { a <- exp(1, 2) }", "model.bug:1:14: exp takes 1 argument, got 2"},
      // Ragged arrays are allowed (as in JAGS); reading an element nothing defines is not.
      {"model { b[1] <- 1\n b[3] <- 2\n c <- b[2] }", "model.bug:3:7: b[2] is used but never defined (defined: 1, 3)"},
      {"model { c <- b[2] + 1\n b[1] <- 1 }", "model.bug:1:16: index 2 of 'b' is out of range 1..1"},
      {"model { a ~ dnorm(0, 1)\n c <- x[a] }", "model.bug:2:9: index of 'x' must be integer-valued (e.g. z ~ dcat(w)), but it is real"},
      {"model { a <- x[1, 2] }", "model.bug:1:14: 'x' has shape vector[3] but is indexed with 2 indices"},
      {"model { for (i in 0:2) { b[i] <- 1 } }", "model.bug:1:28: index 0 of 'b' is out of range: indices start at 1"},
      {"model { a ~ dmnorm(x, Omega) }", "model.bug:1:23: variable 'Omega' is used but never defined (not in the model or the data)"},
      {"model { logit(p) <- 1\n sqrt(q) <- 1 }", "model.bug:2:2: link function 'sqrt' on the left is not supported (logit, log, probit and cloglog are)"},
      {"data { a ~ dnorm(0, 1) }\nmodel { b <- 1 }", "model.bug:1:8: the data block can only transform data with '<-'; '~' is not supported there"},
      {"model { a <- x + c(1) }", "model.bug:1:18: unknown function 'c'; did you mean 't'?"},
  };
  for (const auto& [text, want] : cases) {
    INFO(text);
    CHECK(error_of(text, d) == want);
  }
}

TEST_CASE("random indices: only vectors, only where indices may vary", "[io][bugs_model][errors]") {
  const auto d = data({{"w", Value{0.5, 0.5}}, {"M", Value(Shape::matrix(2, 2), {1, 2, 3, 4}, ScalarType::Real)}});
  CHECK(error_of("model { a ~ dcat(w)\n c <- M[a] }", d) ==
        "model.bug:2:7: 'M' has shape matrix[2,2] but is indexed with 1 index");
  CHECK(error_of("model { a ~ dcat(w)\n for (i in 1:a) { b[i] <- 1 } }", d) ==
        "model.bug:2:14: loop bounds must be constants (numbers or data), but 'a' is defined in the model");
}

TEST_CASE("bad data for observed variables", "[io][bugs_model][errors]") {
  const char* model = "model {\n  for (i in 1:N) { y[i] ~ dnorm(0, 1) }\n}";
  // A missing value points into the data file, as the shape and support errors do.
  // NA elements are imputed (test_bugs_arrays.cpp); a NA in a whole multivariate node is not.
  CHECK(error_of("model { y[1:2] ~ dmnorm(m, P) }", data({{"m", Value{0, 0}}, {"P", Value(Shape::matrix(2, 2), {1, 0, 0, 1}, ScalarType::Real)},
                                                      {"y", Value{1, NAN}}})) ==
        "data.R:1:1: variable 'y': observed value element 2 is missing (NA); partly observed variables are not supported");
  CHECK(error_of(model, data({{"N", Value(3)}, {"y", Value{1, 3}}})) ==
        "data.R:1:1: variable 'y' has shape vector[3] in the model but vector[2] in the data");
  CHECK(error_of("model { Omega ~ dnorm(0, 1)\n z ~ dmnorm(m, Omega) }", data({{"m", Value{0, 0}}})) ==
        "model.bug:2:6: variable 'z': dmnorm: the precision matrix must be a square matrix, got scalar");
  CHECK(error_of("model { z ~ dmnorm(m, O) }",
                 data({{"m", Value{0, 0}}, {"O", Value(Shape{2, 2}, {1, 2, 2, 1}, ScalarType::Real)}})) ==
        "model.bug:1:13: variable 'z': dmnorm: the precision matrix is not symmetric positive definite");
}
