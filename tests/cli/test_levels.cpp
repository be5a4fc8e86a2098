// alea simplify --level K: composites closed at level K are printed in alea's text
// form; the random walk written as a BUGS loop is recognized and its endpoint's
// marginal comes at level 1, as the trace shows.
#include <catch2/catch.hpp>
#include <string>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::model_path;
using alea::test::run;

std::string walk_args() {
  return "'" + model_path("random_walk_end.bug") + "' --data '" + model_path("random_walk_end.R") + "'";
}

}  // namespace

TEST_CASE("a random walk written as a loop: the endpoint's marginal at level 1", "[cli][levels]") {
  const auto r = run("simplify " + walk_args() + " --monitor end --trace");
  REQUIRE(r.status == 0);
  INFO(r.out);
  // x[1] has sd 1/2 and every step sd 1/2: x[200] ~ normal(0, sd sqrt(200) / 2), precision 4 / 200.
  CHECK(r.out.rfind("model {\n  end ~ dnorm(0, 0.02)\n}\n", 0) == 0);
  CHECK(r.out.find("random-walk-endpoint") != std::string::npos);
  CHECK(r.out.find("# [level 1, 0] random-walk-endpoint") != std::string::npos);
}

TEST_CASE("simplify at level 1 keeps the walk closed, the default expands it", "[cli][levels]") {
  const auto closed = run("simplify " + walk_args() + " --level 1");
  REQUIRE(closed.status == 0);
  INFO(closed.out);
  CHECK(closed.out.rfind("# composite ops closed at level 1", 0) == 0);
  CHECK(closed.out.find("x ~ random_walk(0, ") != std::string::npos);
  const auto expanded = run("simplify " + walk_args());
  REQUIRE(expanded.status == 0);
  INFO(expanded.out);
  CHECK(expanded.out.rfind("model {", 0) == 0);
  CHECK(expanded.out.find("random_walk") == std::string::npos);
  CHECK(expanded.out.find("x[199] ~ dnorm(x[198], 4)") != std::string::npos);
}

TEST_CASE("simplify: the level must be a whole number >= 0", "[cli][levels][errors]") {
  const auto r = run("simplify " + walk_args() + " --level -1");
  CHECK(r.status == 2);
  CHECK(r.err.find("--level") != std::string::npos);
  CHECK(r.out.empty());
}
