// Group effects and mixtures written as BUGS loops: models/eight_schools.bug with theta
// not monitored gets the hierarchical_normal composite's rule (the trace shows it) and
// its likelihood becomes y[j] ~ normal(mu, sqrt(tau^2 + sigma[j]^2)), checked against
// that closed form; models/mixture.bug with z not monitored gets its indicator
// marginalized, checked against the two-component mixture density summed by hand.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <fstream>
#include <sstream>
#include <string>

#include "alea/infer/log_density.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/rdump.hpp"
#include "alea/rewrite/simplify.hpp"
#include "cli/cli_test_util.hpp"

namespace {

using namespace alea;
using alea::test::model_path;
using alea::test::run;
using alea::test::slurp;

double normal_logpdf(double x, double m, double s) {
  return -0.5 * std::log(2 * std::numbers::pi) - std::log(s) - 0.5 * (x - m) * (x - m) / (s * s);
}

Model load(const std::string& name) {
  const io::DataSet data = io::read_rdump(slurp(model_path(name + ".R")), name + ".R");
  return io::load_bugs_model(slurp(model_path(name + ".bug")), name + ".bug", data);
}

// The log density of y alone in a rewritten model at the given parameters.
double y_term(const Model& m, const std::map<std::string, Value>& at) {
  for (const auto& [name, lp] : log_density(m, at).terms)
    if (name == "y") return lp;
  FAIL("no term for y");
  return 0;
}

}  // namespace

TEST_CASE("eight schools as a loop: theta becomes hierarchical_normal and is integrated out", "[cli][composite]") {
  const auto r = run("simplify '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") +
                     "' --monitor mu,tau --trace");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("hierarchical-normal-observed") != std::string::npos);
  // The model block (before the conjugacy report): y[j] ~ normal(mu, sqrt(tau^2 + sigma[j]^2)),
  // printed as a precision with sigma[j]^2 folded into the constants c[j].
  const std::string block = r.out.substr(0, r.out.find("}\n#"));
  CHECK(block.find("theta") == std::string::npos);
  CHECK(block.find("y[i] ~ dnorm(mu, pow(sqrt(c[i] + tau^2), -2))") != std::string::npos);
  CHECK(block.find("c[1] <- 225") != std::string::npos);

  Model m = load("eight_schools");
  m.monitor({"mu", "tau"});
  const rewrite::SimplifyResult s = rewrite::simplify(m);
  INFO(to_string(s.model));
  CHECK_FALSE(s.model.has("theta"));
  const std::vector<double> y{28, 8, -3, 7, -1, 1, 18, 12}, sigma{15, 10, 16, 11, 9, 11, 10, 18};
  for (const auto& [mu, tau] : {std::pair{4.0, 3.5}, std::pair{-2.0, 11.0}}) {
    double expected = 0;
    for (std::size_t j = 0; j < y.size(); ++j) expected += normal_logpdf(y[j], mu, std::sqrt(tau * tau + sigma[j] * sigma[j]));
    CHECK(y_term(s.model, {{"mu", Value(mu)}, {"tau", Value(tau)}}) == Approx(expected).epsilon(1e-12));
  }
}

TEST_CASE("eight schools with theta monitored: the group effects stay", "[cli][composite]") {
  const auto r = run("simplify '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") +
                     "' --monitor mu,tau,theta --trace");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("hierarchical-normal-observed") == std::string::npos);
  CHECK(r.out.substr(0, r.out.find("}\n#")).find("theta") != std::string::npos);
}

TEST_CASE("mixture.bug: the indicator is marginalized when not monitored", "[cli][mixture]") {
  const auto r = run("simplify '" + model_path("mixture.bug") + "' --data '" + model_path("mixture.R") +
                     "' --monitor p,mu1,mu2,tau --trace");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("mixture-bernoulli-marginal") != std::string::npos);
  const std::string block = r.out.substr(0, r.out.find("}\n#"));
  CHECK(block.find("dbern") == std::string::npos);
  CHECK(block.find("dnormmix(") != std::string::npos);

  Model m = load("mixture");
  m.monitor({"p", "mu1", "mu2", "tau"});
  const rewrite::SimplifyResult s = rewrite::simplify(m);
  INFO(to_string(s.model));
  CHECK_FALSE(s.model.has("z"));
  const std::vector<double> y{-2.1, -1.7, -2.6, -1.9, -2.3, 3.2, 2.8, 3.5, 2.9, 3.1, -2.0, 3.4};
  const double p = 0.4, mu1 = -2.0, mu2 = 3.0, tau = 2.5, sd = 1 / std::sqrt(tau);
  double expected = 0;  // sum over z[i] in {0, 1} of the naive joint, one i at a time
  for (double yi : y)
    expected += std::log((1 - p) * std::exp(normal_logpdf(yi, mu1, sd)) + p * std::exp(normal_logpdf(yi, mu2, sd)));
  CHECK(y_term(s.model, {{"p", Value(p)}, {"mu1", Value(mu1)}, {"mu2", Value(mu2)}, {"tau", Value(tau)}}) ==
        Approx(expected).epsilon(1e-12));
}

TEST_CASE("mixture_dcat.bug: mu[z[i]] with z not monitored becomes a normal mixture", "[cli][mixture]") {
  const auto r = run("simplify '" + model_path("mixture_dcat.bug") + "' --data '" + model_path("mixture_dcat.R") +
                     "' --monitor w,mu,tau");
  REQUIRE(r.status == 0);
  INFO(r.out);
  const std::string block = r.out.substr(0, r.out.find("}\n#"));
  CHECK(block.find("dcat") == std::string::npos);
  CHECK(block.find("dnormmix(") != std::string::npos);

  Model m = load("mixture_dcat");
  m.monitor({"w", "mu", "tau"});
  const rewrite::SimplifyResult s = rewrite::simplify(m);
  INFO(to_string(s.model));
  const std::vector<double> y{-2.1, -1.7, -2.6, -1.9, -2.3, 3.2, 2.8, 3.5, 2.9, 3.1, -2.0, 3.4};
  const double w1 = 0.35, mu1 = -2.2, mu2 = 3.1, tau = 1.7, sd = 1 / std::sqrt(tau);
  double expected = 0;  // sum over z[i] in {1, 2} of the naive joint, one i at a time
  for (double yi : y)
    expected += std::log(w1 * std::exp(normal_logpdf(yi, mu1, sd)) + (1 - w1) * std::exp(normal_logpdf(yi, mu2, sd)));
  double got = 0;
  int terms = 0;
  for (const auto& [name, lp] :
       log_density(s.model, {{"w", Value{w1, 1 - w1}}, {"mu", Value{mu1, mu2}}, {"tau", Value(tau)}}).terms)
    if (name.rfind("y", 0) == 0) {
      got += lp;
      ++terms;
    }
  CHECK(terms > 0);
  CHECK(got == Approx(expected).epsilon(1e-12));
}

TEST_CASE("mixture.bug with z monitored: the indicator stays", "[cli][mixture]") {
  const auto r = run("simplify '" + model_path("mixture.bug") + "' --data '" + model_path("mixture.R") +
                     "' --monitor mu1,mu2,z");
  REQUIRE(r.status == 0);
  INFO(r.out);
  const std::string block = r.out.substr(0, r.out.find("}\n#"));
  CHECK(block.find("dnormmix(") == std::string::npos);
  CHECK(block.find("dbern") != std::string::npos);
}

namespace {

// Mean and MCSE of `var` from the summary table that `alea sample` prints.
std::pair<double, double> mean_mcse(const std::string& out, const std::string& var) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(var + " ", 0) == 0) {
      std::istringstream row(line.substr(var.size()));
      double mean = 0, mcse = 0;
      row >> mean >> mcse;
      return {mean, mcse};
    }
  FAIL("no summary row for " << var);
  return {};
}

}  // namespace

TEST_CASE("mixture posterior of mu: Gibbs over a visible z agrees with z marginalized", "[cli][mixture][sample]") {
  // The posterior is bimodal (labels switched: mu1 near 3, mu2 near -2, about 7% of the
  // mass under these priors) and neither sampler crosses between the modes; both start
  // from the same initial values (one seed) and stay in the mode those pick, so the test
  // compares the two samplers within that mode. Means agree within 3.89 combined MCSEs
  // (two-sided false-alarm rate 1e-4 per comparison, from the MCMC CLT).
  alea::test::TempDir tmp;
  const std::string bug = tmp / "mix.bug";
  std::ofstream(bug) << "model {\n  p ~ dbeta(2, 2)\n  mu1 ~ dnorm(-2, 0.1)\n  mu2 ~ dnorm(3, 0.1)\n"
                        "  for (i in 1:N) {\n    z[i] ~ dbern(p)\n    y[i] ~ dnorm(mu1 + z[i] * (mu2 - mu1), 2)\n  }\n}\n";
  const std::string common = "sample '" + bug + "' --data '" + model_path("mixture.R") + "' --draws 2000 --seed 11";
  const auto marg = run(common + " --monitor p,mu1,mu2 --output '" + (tmp / "m.csv") + "'");
  const auto gibbs = run(common + " --monitor p,mu1,mu2,z --output '" + (tmp / "g.csv") + "'");
  REQUIRE(marg.status == 0);
  REQUIRE(gibbs.status == 0);
  INFO(marg.out << gibbs.out);
  for (const std::string v : {"mu1", "mu2"}) {
    const auto [m1, e1] = mean_mcse(marg.out, v);
    const auto [m2, e2] = mean_mcse(gibbs.out, v);
    INFO(v << ": " << m1 << " +- " << e1 << " vs " << m2 << " +- " << e2);
    CHECK(std::abs(m1 - m2) < 3.89 * std::sqrt(e1 * e1 + e2 * e2));
  }
}
