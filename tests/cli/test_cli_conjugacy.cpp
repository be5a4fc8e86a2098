// The command on observed, conjugate models: exact posterior draws (sample), the exact
// log evidence (logp --evidence) and the posterior factorization (simplify); the
// normal-gamma example (two rules: mu, then tau integrated out) against its textbook update.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <sstream>

#include "cli_test_util.hpp"
#include "stat_tests.hpp"

using namespace alea::test;

namespace {

const std::vector<double> kCounts{3, 5, 4, 6, 2, 4, 5, 3, 7, 4, 2, 3, 5, 6, 4, 3, 4, 5, 2, 4};  // gamma_poisson.R

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

TEST_CASE("sample --sig-figs: the same draws, rounded to S significant digits as printf's %.*g", "[cli][conjugacy]") {
  TempDir tmp;
  const std::string full = tmp / "full.csv", six = tmp / "six.csv";
  REQUIRE(run("sample " + gp_args() + " --draws 200 --seed 3 --output '" + full + "'").status == 0);
  REQUIRE(run("sample " + gp_args() + " --draws 200 --seed 3 --sig-figs 6 --output '" + six + "'").status == 0);
  std::vector<std::string> a, b;
  for (const std::string& line : lines_of(slurp(full)))
    if (!line.empty() && line[0] != '#') a.push_back(line);
  for (const std::string& line : lines_of(slurp(six)))
    if (!line.empty() && line[0] != '#') b.push_back(line);
  REQUIRE(a.size() == 201);
  REQUIRE(b.size() == 201);
  CHECK(b[0] == "lp__,lambda");
  std::size_t mismatches = 0;
  for (std::size_t r = 1; r < a.size(); ++r) {
    std::istringstream fa(a[r]), fb(b[r]);
    for (std::string x, y; std::getline(fa, x, ',') && std::getline(fb, y, ',');) {
      char printed[64];
      std::snprintf(printed, sizeof printed, "%.6g", std::stod(x));  // the full draw, rounded by printf
      mismatches += std::stod(printed) != std::stod(y) || y.size() > 12;
    }
  }
  CHECK(mismatches == 0);
  CHECK(slurp(six).find("# num_warmup = 0\n") != std::string::npos);  // exact draws have no warmup
}

TEST_CASE("simplify prints the posterior factorization of an observed model and the sampler's plan", "[cli][conjugacy]") {
  const auto r = run("simplify " + gp_args());
  REQUIRE(r.status == 0);
  CHECK(r.out.find("#   gamma-poisson: y ~ poisson_gamma_joint (lambda integrated out); lambda | y ~ gamma\n") !=
        std::string::npos);
  CHECK(r.out.find("# exact (drawn given the data): lambda\n") != std::string::npos);
  CHECK(r.out.find("# remaining (need MCMC): (none)\n") != std::string::npos);
  const auto e = run("simplify '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") + "'");
  REQUIRE(e.status == 0);
  CHECK(e.out.find("# remaining (need MCMC): tau\n") != std::string::npos);
  // What alea sample then does with each latent.
  CHECK(e.out.find("# sampler (alea sample):\n#   drawn i.i.d. by numerical inversion (the one coordinate left): tau\n"
                   "#   drawn exactly given the rest: mu, theta\n") != std::string::npos);
  CHECK(r.out.find("# sampler (alea sample):\n#   every latent conjugate: exact i.i.d. posterior draws\n") !=
        std::string::npos);
}

TEST_CASE("normal_gamma.bug: exact draws of mean and precision, and the exact evidence", "[cli][conjugacy][normal-gamma]") {
  // The textbook normal-gamma update of tau ~ dgamma(a, b), mu ~ dnorm(m, k tau), N observations:
  // kappa = k + N, m_N = (k m + N ybar) / kappa, a_N = a + N/2, b_N = b + S/2 + k N (ybar - m)^2 / (2 kappa).
  const std::vector<double> y{9.8, 10.4, 11.2, 8.9, 10.1, 9.5, 10.8, 12.0, 9.2, 10.6, 10.0, 11.5, 8.7, 10.3, 9.9};
  const double m = 10, k = 0.5, a = 2, b = 1, n = static_cast<double>(y.size());
  double ybar = 0, s = 0;
  for (double v : y) ybar += v / n;
  for (double v : y) s += (v - ybar) * (v - ybar);
  const double kappa = k + n, mean_n = (k * m + n * ybar) / kappa, a_n = a + n / 2,
               b_n = b + s / 2 + k * n * (ybar - m) * (ybar - m) / (2 * kappa);
  const std::string args =
      "'" + model_path("normal_gamma.bug") + "' --data '" + model_path("normal_gamma.R") + "'";

  const auto e = run("logp " + args + " --evidence");
  REQUIRE(e.status == 0);
  REQUIRE(e.out.rfind("log evidence ", 0) == 0);
  const double evidence = std::lgamma(a_n) - std::lgamma(a) + a * std::log(b) - a_n * std::log(b_n) +
                          0.5 * std::log(k / kappa) - n / 2 * std::log(2 * std::numbers::pi);
  CHECK(std::stod(e.out.substr(13)) == Approx(evidence).epsilon(1e-10));

  TempDir tmp;
  const std::string out = tmp / "draws.csv";
  const auto r = run("sample " + args + " --draws 20000 --seed 11 --output '" + out + "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("exact posterior sampling (conjugate: 2 rule(s)): 1 chain(s) x 20000 iid draws") !=
        std::string::npos);
  const auto cols = read_draws(out);
  for (const auto& [name, draws] : cols) REQUIRE(draws.size() == 20000);  // every row has every column
  REQUIRE(cols.count("tau") == 1);
  REQUIRE(cols.count("mu") == 1);
  // tau | y ~ gamma(a_N, b_N); mu | y ~ student_t(2 a_N, m_N, sqrt(b_N / (a_N kappa))).
  CHECK(mean_within_clt(cols.at("tau"), a_n / b_n, a_n / (b_n * b_n)));
  CHECK(var_within_clt(cols.at("tau"), a_n / (b_n * b_n), 3 * a_n * (a_n + 2) / std::pow(b_n, 4)));
  const double nu = 2 * a_n, scale2 = b_n / (a_n * kappa);
  const double var_mu = scale2 * nu / (nu - 2), mu4 = 3 * scale2 * scale2 * nu * nu / ((nu - 2) * (nu - 4));
  CHECK(mean_within_clt(cols.at("mu"), mean_n, var_mu));
  CHECK(var_within_clt(cols.at("mu"), var_mu, mu4));
}
