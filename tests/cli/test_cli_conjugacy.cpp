// The command on observed, conjugate models: exact posterior draws (sample), the exact
// log evidence (logp --evidence) and the posterior factorization (simplify).
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "cli_test_util.hpp"
#include "stat_tests.hpp"

using namespace alea::test;

namespace {

const std::vector<double> kCounts{3, 5, 4, 6, 2, 4, 5, 3, 7, 4, 2, 3, 5, 6, 4, 3, 4, 5, 2, 4};  // gamma_poisson.R

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string gp_args() {
  return "'" + model_path("gamma_poisson.bug") + "' --data '" + model_path("gamma_poisson.R") + "'";
}

}  // namespace

TEST_CASE("logp --evidence: the exact log marginal likelihood of gamma-Poisson", "[cli][conjugacy]") {
  const auto r = run("logp " + gp_args() + " --evidence");
  REQUIRE(r.status == 0);
  // Textbook: lgamma(a + S) - lgamma(a) + a log b - (a + S) log(b + N) - sum lgamma(y + 1), a = 2, b = 1.
  double s = 0, lfact = 0;
  for (double y : kCounts) s += y, lfact += std::lgamma(y + 1);
  const double expected = std::lgamma(2 + s) - std::lgamma(2.0) - (2 + s) * std::log(1.0 + 20) - lfact;
  REQUIRE(r.out.rfind("log evidence ", 0) == 0);
  CHECK(std::stod(r.out.substr(13)) == Approx(expected).epsilon(1e-12));
}

TEST_CASE("logp --evidence refuses a model that is not fully conjugate, naming the latent", "[cli][conjugacy]") {
  const auto r = run("logp '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") +
                     "' --evidence");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("not fully conjugate: 'tau'") != std::string::npos);
}

TEST_CASE("sample: exact posterior draws of gamma-Poisson have the textbook moments", "[cli][conjugacy]") {
  TempDir tmp;
  const std::string out = tmp / "draws.csv";
  const auto r = run("sample " + gp_args() + " --draws 20000 --seed 7 --output '" + out + "'");
  REQUIRE(r.status == 0);
  std::vector<double> lambda;
  bool header = false;
  for (const std::string& line : lines_of(slurp(out))) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      CHECK(line == "lp__,lambda");
      header = true;
      continue;
    }
    lambda.push_back(std::stod(line.substr(line.find(',') + 1)));
  }
  REQUIRE(lambda.size() == 20000);
  const double shape = 2 + 81, rate = 1 + 20;  // gamma(a + sum(y), b + N)
  CHECK(mean_within_clt(lambda, shape / rate, shape / (rate * rate)));
  CHECK(var_within_clt(lambda, shape / (rate * rate), 3 * shape * (shape + 2) / std::pow(rate, 4)));
}

TEST_CASE("simplify prints the posterior factorization of an observed model", "[cli][conjugacy]") {
  const auto r = run("simplify " + gp_args());
  REQUIRE(r.status == 0);
  CHECK(r.out.find("#   gamma-poisson: y ~ poisson_gamma_joint (lambda integrated out); lambda | y ~ gamma\n") !=
        std::string::npos);
  CHECK(r.out.find("# exact (drawn given the data): lambda\n") != std::string::npos);
  CHECK(r.out.find("# remaining (need MCMC): (none)\n") != std::string::npos);
  const auto e = run("simplify '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") + "'");
  REQUIRE(e.status == 0);
  CHECK(e.out.find("# remaining (need MCMC): tau\n") != std::string::npos);
}
