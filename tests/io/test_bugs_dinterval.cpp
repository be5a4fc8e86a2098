// dinterval in BUGS text, as JAGS's survival examples censor Weibull times:
// `is.censored[i] ~ dinterval(t[i], t.cen[i])`. The index's density is 0 when t lies
// in the interval it names and -inf elsewhere.
#include <catch2/catch.hpp>
#include <cmath>

#include "alea/infer/log_density.hpp"
#include "bugs_model_util.hpp"

using namespace alea;
using alea::test::data;
using alea::test::load;

TEST_CASE("dinterval censors Weibull survival times", "[io][bugs_model][dists][censoring]") {
  Model m = load(R"(model {
    for (i in 1:3) {
      is.censored[i] ~ dinterval(t[i], t.cen[i])
      t[i] ~ dweib(2, 0.01)
    }
  })",
                 data({{"is.censored", Value::integers({1, 0, 1})}, {"t.cen", Value{10, 20, 30}}}));
  // Censored above 10 and 30, below 20.
  CHECK(std::isfinite(log_density(m, {{"t", Value{15, 5, 40}}}).total));
  CHECK(log_density(m, {{"t", Value{5, 5, 40}}}).total == -INFINITY);
  CHECK(log_density(m, {{"t", Value{15, 25, 40}}}).total == -INFINITY);
}
