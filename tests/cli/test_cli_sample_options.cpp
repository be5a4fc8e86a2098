// alea sample with JAGS's vague priors, initial values, --thin and the deviance
// monitor, through the command on models/normal_vague_precision.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <numbers>
#include <string>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::model_path;
using alea::test::read_draws;
using alea::test::run;
using alea::test::slurp;
using alea::test::TempDir;

const std::vector<double> kY = {4.1, 5.3, 6.0, 3.2, 4.8, 5.5,
                                4.4, 6.3, 3.9, 5.1, 4.6, 5.8};  // the .R file's y

std::string vague(const std::string& more) {
  return "sample '" + model_path("normal_vague_precision.bug") + "' --data '" +
         model_path("normal_vague_precision.R") + "' " + more;
}

double mean(const std::vector<double>& xs) {
  double s = 0;
  for (double x : xs) s += x;
  return s / static_cast<double>(xs.size());
}

}  // namespace

TEST_CASE("alea sample: a dgamma(0.001, 0.001) precision no longer aborts the start",
          "[cli][sample-options]") {
  // Once about half the chains aborted ("scale parameter sigma is Inf"); 4 seeds x 4
  // chains all run now. The posterior mean of mu is near ybar = 4.917 (posterior sd
  // about 0.28; 0.1 is over 10 Monte Carlo standard errors of 4000 draws).
  for (int seed = 1; seed <= 4; ++seed) {
    TempDir tmp;
    const auto r =
        run(vague("--chains 4 --naive --seed " + std::to_string(seed) + " --output '" + tmp / "d.csv" + "'"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    std::vector<double> mu;
    for (int c = 1; c <= 4; ++c) {
      const auto d = read_draws(tmp / ("d_" + std::to_string(c) + ".csv"));
      mu.insert(mu.end(), d.at("mu").begin(), d.at("mu").end());
    }
    CHECK(std::abs(mean(mu) - mean(kY)) < 0.1);
  }
}

TEST_CASE("alea sample --thin keeps draws 1, K+1, ... of the same chain and records thin",
          "[cli][sample-options]") {
  TempDir tmp;
  REQUIRE(run(vague("--draws 10 --warmup 100 --output '" + tmp / "all.csv" + "'")).status == 0);
  const auto r = run(vague("--draws 10 --warmup 100 --thin 3 --output '" + tmp / "thin.csv" + "'"));
  REQUIRE(r.status == 0);
  CHECK(r.out.find("x 10 draws, no warmup, thin 3: 4 kept a chain") != std::string::npos);  // tau by inversion
  const auto all = read_draws(tmp / "all.csv"), kept = read_draws(tmp / "thin.csv");
  REQUIRE(kept.at("tau").size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(kept.at("tau")[i] == all.at("tau")[3 * i]);
    CHECK(kept.at("mu")[i] == all.at("mu")[3 * i]);
  }
  CHECK(slurp(tmp / "thin.csv").find("# thin = 3\n") != std::string::npos);
  CHECK(slurp(tmp / "all.csv").find("# thin = 1\n") != std::string::npos);
}

TEST_CASE("alea sample --monitor deviance: -2 log p(y | mu, tau) at every draw", "[cli][sample-options]") {
  TempDir tmp;
  const auto r = run(vague("--draws 50 --monitor mu,tau,deviance --output '" + tmp / "d.csv" + "'"));
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto d = read_draws(tmp / "d.csv");
  REQUIRE(d.at("deviance").size() == 50);
  for (std::size_t i = 0; i < 50; ++i) {
    const double mu = d.at("mu")[i], tau = d.at("tau")[i];
    double ll = 0;
    for (double y : kY) ll += 0.5 * std::log(tau / (2 * std::numbers::pi)) - 0.5 * tau * (y - mu) * (y - mu);
    CHECK(d.at("deviance")[i] == Approx(-2 * ll).epsilon(1e-12));
  }
  // deviance alone: its parameters are sampled but not shown.
  const auto alone = run(vague("--draws 20 --monitor deviance --output '" + tmp / "e.csv" + "'"));
  REQUIRE(alone.status == 0);
  const auto e = read_draws(tmp / "e.csv");
  CHECK(e.count("deviance") == 1);
  CHECK(e.count("mu") == 0);
  CHECK(e.count("tau") == 0);
  CHECK(alone.out.find("deviance") != std::string::npos);
}

TEST_CASE("alea sample --inits: one file for all chains or one per chain; integrated-out ones are ignored",
          "[cli][sample-options]") {
  const std::string one = " --inits '" + model_path("normal_vague_precision_inits.R") + "'";
  const std::string two = " --inits '" + model_path("normal_vague_precision_inits2.R") + "'";
  const auto naive = run(vague("--draws 100 --chains 2 --naive" + one + two));
  INFO(naive.err);
  CHECK(naive.status == 0);
  CHECK(naive.out.find("initial values ignored") == std::string::npos);
  // The simplified model draws mu exactly given tau: its initial value is ignored, said so.
  const auto simplified = run(vague("--draws 100 --chains 2" + one));
  CHECK(simplified.status == 0);
  CHECK(
      simplified.out.find("initial values ignored (integrated out, or drawn exactly given the rest): mu\n") !=
      std::string::npos);
}

TEST_CASE("alea sample --inits: a name the model does not have is unused, with a warning, as JAGS",
          "[cli][sample-options]") {
  TempDir tmp;
  {
    std::ofstream f(tmp / "inits.R");
    f << "list(mu = 0,\n     nu = 1)\n";
  }
  const auto r = run(vague("--draws 50 --inits '" + tmp / "inits.R" + "'"));
  CHECK(r.status == 0);
  CHECK(r.err.find("alea: warning: " + tmp / "inits.R" +
                   ":2:6: the model has no variable 'nu'; its initial value is "
                   "unused\n") != std::string::npos);
}
