// Every example in models/ through the alea command: simplify (and its output parses
// back), sample, dot, and logp against a hand-computed log density.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::lines_of;
using alea::test::model_path;
using alea::test::run;
using alea::test::slurp;
using alea::test::TempDir;

struct Example {
  std::string name;
  bool has_data;
  std::string observed;  // an observed variable of the model
  bool conjugate = false;  // every latent conjugate: sample draws the exact posterior
  bool inverted = false;   // one coordinate left: drawn i.i.d. by inversion, not NUTS
};

const std::vector<Example>& examples() {
  static const std::vector<Example> all = {
      {"sum_of_normals", false, ""},
      {"scaled_sum", false, ""},
      {"gamma_poisson", true, "y", true},
      {"beta_binomial", true, "y", true},
      {"normal_unknown_mean_precision", true, "y", false, true},
      {"eight_schools", true, "y", false, true},
      {"linear_regression", true, "y"},
      {"random_walk", true, "y"},
      {"mixture", true, "y"},
      {"mixture_dcat", true, "y"},
      {"observed_sum", true, "z"},
      {"normal_known_sd", true, "y", true},
      {"poisson_exposure", true, "y", true},
      {"normal_precision", true, "y", true},
      {"beta_bernoulli", true, "y", true},
      {"normal_gamma", true, "y", true},
      {"survival_censored", true, "t"},
  };
  return all;
}

std::string model_args(const Example& e) {
  std::string s = "'" + model_path(e.name + ".bug") + "'";
  if (e.has_data) s += " --data '" + model_path(e.name + ".R") + "'";
  return s;
}

}  // namespace

TEST_CASE("every example model simplifies, and the simplified model parses back", "[cli][models]") {
  for (const Example& e : examples()) {
    INFO("model " << e.name);
    TempDir tmp;
    const auto first = run("simplify " + model_args(e));
    REQUIRE(first.status == 0);
    CHECK(first.err.empty());
    REQUIRE(first.out.rfind("model {", 0) == 0);
    {
      std::ofstream f(tmp / "simplified.bug");
      f << first.out;
    }
    std::string again_args = "'" + (tmp / "simplified.bug") + "'";
    if (e.has_data) again_args += " --data '" + model_path(e.name + ".R") + "'";
    const auto second = run("simplify " + again_args);
    INFO(first.out << "\n" << second.err);
    CHECK(second.status == 0);
    // Simplifying is idempotent: the simplified model is its own simplification. (The
    // posterior factorization and the sampler plan that follow it, as comments, are of the
    // model as read.)
    const auto model_part = [](const std::string& out) {
      return out.substr(0, std::min(out.find("# posterior factorization"), out.find("# sampler")));
    };
    CHECK(model_part(second.out) == model_part(first.out));
  }
}

TEST_CASE("operand order: either order of a sum simplifies to one text, and that text is a fixed point", "[cli][models]") {
  TempDir tmp;
  {
    std::ofstream d(tmp / "data.R");
    d << "N <- 3\na <- c(1, 2, 3)\nb <- c(0.5, 1, 2)\ny <- c(1.1, 2.3, 2.9)\n";
  }
  const auto simplified = [&](const std::string& mean) {
    const std::string file = tmp / ("m" + std::to_string(mean.size()) + ".bug");
    {
      std::ofstream f(file);
      f << "model {\n  mu ~ dnorm(0, 0.01)\n  for (i in 1:N) {\n    y[i] ~ dnorm(" << mean << ", 4)\n  }\n}\n";
    }
    const auto r = run("simplify '" + file + "' --data '" + (tmp / "data.R") + "'");
    REQUIRE(r.status == 0);
    return r.out.substr(0, r.out.find("# posterior factorization"));
  };
  const std::string first = simplified("a[i] + b[i] * mu");
  INFO(first);
  CHECK(simplified("mu * b[i] + a[i]") == first);
  const std::string file = tmp / "again.bug";
  {
    std::ofstream f(file);
    f << first;
  }
  const auto again = run("simplify '" + file + "' --data '" + (tmp / "data.R") + "'");
  REQUIRE(again.status == 0);
  CHECK(again.out.substr(0, again.out.find("# posterior factorization")) == first);
}

TEST_CASE("monitoring z: the rewriter gives the sums their closed forms", "[cli][models]") {
  const auto sum = run("simplify '" + model_path("sum_of_normals.bug") + "' --monitor z");
  REQUIRE(sum.status == 0);
  CHECK(sum.out == "model {\n  z ~ dnorm(0, 0.2)\n}\n");
  const auto scaled = run("simplify '" + model_path("scaled_sum.bug") + "' --monitor z");
  REQUIRE(scaled.status == 0);
  CHECK(scaled.out.find("z ~ dnorm(0, 0.111111") != std::string::npos);
  CHECK(scaled.out.find("x") == std::string::npos);
  // The observed deterministic sum gets a density; with the data the model still builds.
  const auto observed = run("simplify '" + model_path("observed_sum.bug") + "' --data '" +
                            model_path("observed_sum.R") + "' --monitor z");
  REQUIRE(observed.status == 0);
  CHECK(observed.out == "model {\n  z ~ dnorm(0, 0.2)\n}\n");
}

TEST_CASE("sample: models without data are drawn forward, fully conjugate ones exactly, others by NUTS, as Stan CSV", "[cli][models]") {
  for (const Example& e : examples()) {
    INFO("model " << e.name);
    TempDir tmp;
    const std::string out = tmp / "draws.csv";
    const auto r = run("sample " + model_args(e) + " --draws 200 --warmup 200 --output '" + out + "'");
    if (e.conjugate) {
      REQUIRE(r.status == 0);
      // normal_gamma takes two rules (mu, then tau integrated out); the others one.
      const std::string rules = e.name == "normal_gamma" ? "2" : "1";
      CHECK(r.out.find("exact posterior sampling (conjugate: " + rules + " rule(s)): 1 chain(s) x 200 iid draws") !=
            std::string::npos);
      CHECK(lines_of(slurp(out)).size() > 200);
    } else if (!e.has_data) {
      REQUIRE(r.status == 0);
      REQUIRE(std::filesystem::exists(out));
      std::size_t comments = 0, data_rows = 0;
      std::string header;
      for (const std::string& line : lines_of(slurp(out))) {
        if (line.rfind("#", 0) == 0) ++comments;
        else if (header.empty()) header = line;
        else if (!line.empty()) ++data_rows;
      }
      CHECK(comments > 0);
      CHECK(header.rfind("lp__,", 0) == 0);
      CHECK(header.find(",z") != std::string::npos);
      CHECK(data_rows == 200);
      CHECK(r.out.find("forward sampling of the simplified model: 1 chain(s) x 200 exact draws") != std::string::npos);
    } else if (e.name == "observed_sum") {
      // z = x + y is observed and x, y are monitored: no rewrite gives z a density.
      CHECK(r.status == 2);
      CHECK(r.out.empty());
      CHECK(r.err.find(model_path(e.name + ".bug") + ":6:3: variable 'z' is observed but is a deterministic function") ==
            0);
      CHECK_FALSE(std::filesystem::exists(out));
      CHECK(std::filesystem::is_empty(tmp.path()));
    } else {
      INFO(r.err);
      REQUIRE(r.status == 0);
      REQUIRE(std::filesystem::exists(out));
      std::size_t data_rows = 0;
      std::string header;
      const std::string text = slurp(out);
      for (const std::string& line : lines_of(text)) {
        if (line.rfind("#", 0) == 0) continue;
        if (header.empty()) header = line;
        else if (!line.empty()) ++data_rows;
      }
      CHECK(header.rfind("lp__,accept_stat__,stepsize__,treedepth__,n_leapfrog__,divergent__,energy__,", 0) == 0);
      CHECK(data_rows == 200);
      if (e.inverted) {
        CHECK(text.find("\n# No adaptation: tau drawn i.i.d. by numerical inversion") != std::string::npos);
        CHECK(r.out.find("i.i.d. draws on the simplified model: 1 chain(s) x 200 draws, no warmup") != std::string::npos);
        continue;
      }
      CHECK(text.find("\n# Adaptation terminated\n# Step size = ") != std::string::npos);
      // CmdStan's diag_e or dense_e block (auto: dense for a small block with no group).
      CHECK((text.find("\n# Diagonal elements of inverse mass matrix:\n# ") != std::string::npos ||
             text.find("\n# Elements of inverse mass matrix:\n# ") != std::string::npos));
      CHECK(text.find("\n# lp__ = log density of the NUTS block on the unconstrained scale, log Jacobian "
                      "included") != std::string::npos);
      CHECK(r.out.find("NUTS on the simplified model: 1 chain(s) x 200 draws after 200 warmup") != std::string::npos);
      CHECK(r.err.find("divergent") != std::string::npos);  // the divergence report
    }
  }
}

TEST_CASE("dot: every example model as a Graphviz digraph", "[cli][models]") {
  for (const Example& e : examples()) {
    INFO("model " << e.name);
    const auto r = run("dot " + model_args(e));
    CHECK(r.status == 0);
    CHECK(r.out.rfind("digraph", 0) == 0);
    CHECK(r.out.find('}') != std::string::npos);
    CHECK(r.err.empty());
  }
}

TEST_CASE("logp of gamma_poisson at lambda = 3 equals the hand-computed density", "[cli][models]") {
  const auto r = run("logp '" + model_path("gamma_poisson.bug") + "' --data '" + model_path("gamma_poisson.R") +
                     "' --at '" + model_path("gamma_poisson_at.R") + "'");
  REQUIRE(r.status == 0);
  // dgamma(2, 1) at 3: 2 log(1) - lgamma(2) + (2 - 1) log(3) - 3; Poisson pmfs at rate 3.
  const double lambda = 3.0;
  const double prior = std::log(lambda) - lambda;
  const std::vector<int> y = {3, 5, 4, 6, 2, 4, 5, 3, 7, 4, 2, 3, 5, 6, 4, 3, 4, 5, 2, 4};
  double likelihood = 0;
  for (int k : y) likelihood += k * std::log(lambda) - lambda - std::lgamma(k + 1.0);
  double lambda_term = NAN, y_term = NAN, total = NAN;
  for (const std::string& line : lines_of(r.out)) {
    std::istringstream in(line);
    std::string name;
    double value = NAN;
    in >> name >> value;
    if (name == "lambda") lambda_term = value;
    if (name == "y") y_term = value;
    if (name == "total") total = value;
  }
  INFO(r.out);
  CHECK(lambda_term == Approx(prior).epsilon(1e-12));
  CHECK(y_term == Approx(likelihood).epsilon(1e-12));
  CHECK(total == Approx(prior + likelihood).epsilon(1e-12));
  CHECK(total == Approx(-42.062225486).epsilon(1e-9));
}

TEST_CASE("an observed function of random variables has a density once simplified", "[cli][models]") {
  const std::string args = "'" + model_path("observed_sum.bug") + "' --data '" + model_path("observed_sum.R") + "'";
  // The naive model cannot evaluate it (BUGS tools refuse such a model) ...
  const auto naive = run("logp " + args);
  CHECK(naive.status == 2);
  CHECK(naive.err.find("is observed but is a deterministic function of random variables") != std::string::npos);
  // ... the simplified one integrates x and y out: z ~ normal(0, sqrt(5)) at z = 1.5.
  const auto simplified = run("logp " + args + " --simplified --monitor ''");
  REQUIRE(simplified.status == 0);
  const double expected = -0.5 * 1.5 * 1.5 / 5.0 - 0.5 * std::log(2 * M_PI * 5.0);
  std::istringstream lines(simplified.out);
  std::string name, value, last;
  while (lines >> name >> value) last = name == "total" ? value : last;
  CHECK(std::stod(last) == Approx(expected).epsilon(1e-12));
}
