// dbetabin(a, b, n), JAGS's beta-binomial: the log density against the formula
// (alea's beta_binomial(n, a, b) takes its parameters in another order), with a random
// a, and the BUGS writer's text reads back to the same density.
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/infer/log_density.hpp"
#include "alea/io/bugs_model.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::load;

TEST_CASE("dbetabin: JAGS's argument order, log density by hand and round trip", "[io][bugs_model][betabin]") {
  const char* model = R"(model {
  a ~ dgamma(2, 1)
  y ~ dbetabin(a, 3, 10)
})";
  const auto d = data({{"y", Value::integer(4)}});
  const Model m = load(model, d);
  const double a = 1.7, b = 3, n = 10, y = 4;
  const auto lbeta = [](double p, double q) { return std::lgamma(p) + std::lgamma(q) - std::lgamma(p + q); };
  const double gamma_term = 2 * std::log(1.0) - std::lgamma(2) + (2 - 1) * std::log(a) - a;
  const double want = gamma_term + std::lgamma(n + 1) - std::lgamma(y + 1) - std::lgamma(n - y + 1) +
                      lbeta(y + a, n - y + b) - lbeta(a, b);
  const std::map<std::string, Value> at{{"a", Value(a)}};
  CHECK(log_density(m, at).total == Approx(want).epsilon(1e-12));
  const std::string text = io::to_bugs(m);
  INFO(text);
  CHECK(text.find("dbetabin(a, 3, 10)") != std::string::npos);
  CHECK(log_density(load(text, d), at).total == Approx(want).epsilon(1e-12));
}
