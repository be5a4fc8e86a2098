// A dinterval whose cut point is random, with some t observed: the density is a step
// function of the cut (zero where an observed t falls outside its interval), so the
// cut is no conjugate Gibbs coordinate (a fitted family would ignore the step and the
// chain would stick at an impossible cut). Found by a docs check of the censoring section.
#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "cli/cli_test_util.hpp"

TEST_CASE("a random dinterval cut point is sampled, not drawn from a fitted conjugate family", "[cli][censoring]") {
  alea::test::TempDir dir;
  std::ofstream(dir.path() / "m.bug") << "model {\n  lambda ~ dgamma(1, 1)\n  cut ~ dunif(1, 3)\n"
                                         "  for (i in 1:4) {\n    is.censored[i] ~ dinterval(t[i], cut)\n"
                                         "    t[i] ~ dexp(lambda)\n  }\n}\n";
  std::ofstream(dir.path() / "d.R") << "t <- c(0.5, NA, 1.2, NA)\nis.censored <- c(0, 1, 0, 1)\n";
  const auto r = alea::test::run("sample '" + (dir.path() / "m.bug").string() + "' --data '" +
                                 (dir.path() / "d.R").string() + "' --chains 1 --draws 500 --monitor cut --output '" +
                                 (dir.path() / "cut.csv").string() + "'");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("Gibbs sweep: lambda cut") == std::string::npos);
  const auto draws = alea::test::read_draws(dir.path() / "cut.csv");
  const std::vector<double>& cut = draws.at("cut");
  double lo = 10, hi = 0;
  for (double c : cut) lo = std::min(lo, c), hi = std::max(hi, c);
  CHECK(lo > 1.2);       // t[3] = 1.2 is observed below the cut
  CHECK(hi - lo > 0.5);  // the chain moves over (1.2, 3)
}
