// The alea command's error catalogue: bad input through the command gives exit status 2,
// the exact message on stderr and no output file; --help, chains and seeds on success.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::model_path;
using alea::test::run;
using alea::test::slurp;
using alea::test::TempDir;

void write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

struct BadCase {
  std::string what;
  std::string args;
  std::string err;      // the whole of stderr, or its start when prefix is set
  bool prefix = false;
};

}  // namespace

TEST_CASE("bad input: exit status 2, the exact message, no output file", "[cli][errors]") {
  TempDir tmp;
  const std::string sum = model_path("sum_of_normals.bug"), counts = model_path("gamma_poisson.bug");
  const std::string q = "'", sumq = q + sum + q, countsq = q + counts + q;
  const std::string out = tmp / "out.csv", outq = q + out + q;

  write(tmp / "syntax.bug", "model {\n x ~ dnorm(0, 1\n}\n");
  write(tmp / "typo.bug", "model {\n x ~ dnrom(0, 1)\n}\n");
  write(tmp / "negprec.bug", "model {\n x ~ dnorm(0, -1)\n}\n");
  write(tmp / "undefined.bug", "model {\n for (i in 1:N) { y[i] ~ dnorm(0, 1) }\n}\n");
  write(tmp / "twice.bug", "model {\n x ~ dnorm(0, 1)\n x ~ dnorm(0, 1)\n}\n");
  write(tmp / "pois.bug", "model {\n y ~ dpois(2)\n}\n");
  write(tmp / "bad.R", "N <- 3\ny <- c(1, 2,\n");
  write(tmp / "shape.R", "N <- 20\ny <- c(1, 2, 3)\n");
  write(tmp / "na.R", "N <- 3\ny <- c(1, NA, 3)\n");
  write(tmp / "negcount.R", "y <- -1\n");
  write(tmp / "at_shape.R", "x <- c(1, 2)\ny <- 0\n");
  write(tmp / "at_unknown.R", "x <- 1\ny <- 0\nw <- 2\n");
  const auto p = [&](const std::string& name) { return tmp / name; };
  const auto pq = [&](const std::string& name) { return q + (tmp / name) + q; };
  const std::string observed =
      "' is observed: posterior sampling needs the conjugacy and MCMC layers, which this version of alea does "
      "not have yet; remove the data to sample the prior\n";

  const std::vector<BadCase> cases = {
      {"unknown command", "frobnicate", "alea: unknown command 'frobnicate'\nusage: alea [COMMAND] [ARGS]\n", true},
      {"unknown option", "sample " + sumq + " --bogus --output " + outq, "alea: unknown option --bogus for 'alea sample'\n"},
      {"missing model argument", "sample --output " + outq, "alea: missing argument; usage: alea sample MODEL [options]\n"},
      {"extra argument", "sample " + sumq + " extra.bug --output " + outq,
       "alea: unexpected argument 'extra.bug'; usage: alea sample MODEL [options]\n"},
      {"option without its value", "sample " + sumq + " --output " + outq + " --draws", "alea: --draws needs a value (N)\n"},
      {"--draws 0", "sample " + sumq + " --draws 0 --output " + outq,
       "alea: --draws takes a whole number from 1 to 100000000, got '0'\n"},
      {"--draws abc", "sample " + sumq + " --draws abc --output " + outq,
       "alea: --draws takes a whole number from 1 to 100000000, got 'abc'\n"},
      {"--draws 1.5", "sample " + sumq + " --draws 1.5 --output " + outq,
       "alea: --draws takes a whole number from 1 to 100000000, got '1.5'\n"},
      {"--draws twice", "sample " + sumq + " --draws 5 --draws 6 --output " + outq, "alea: --draws is given twice\n"},
      {"--chains 0", "sample " + sumq + " --chains 0 --output " + outq,
       "alea: --chains takes a whole number from 1 to 1024, got '0'\n"},
      {"--seed -1", "sample " + sumq + " --seed -1 --output " + outq,
       "alea: --seed takes a whole number from 0 to 9223372036854775807, got '-1'\n"},
      {"a flag with a value", "simplify " + sumq + " --trace=yes", "alea: --trace takes no value\n"},
      {"missing model file", "sample " + pq("missing.bug") + " --output " + outq, p("missing.bug") + ": cannot open the file\n"},
      {"missing data file", "sample " + sumq + " --data " + pq("missing.R") + " --output " + outq,
       p("missing.R") + ": cannot open the file\n"},
      {"model syntax error", "sample " + pq("syntax.bug") + " --output " + outq,
       p("syntax.bug") + ":3:1: expected ')' to close the call to dnorm opened at 2:11, found '}'\n"},
      {"unknown distribution", "simplify " + pq("typo.bug"),
       p("typo.bug") + ":2:6: unknown distribution 'dnrom'; did you mean 'dnorm'?\n"},
      {"undefined loop bound", "simplify " + pq("undefined.bug"),
       p("undefined.bug") + ":2:14: variable 'N' is used but never defined (not in the model or the data)\n"},
      {"variable defined twice", "dot " + pq("twice.bug"),
       p("twice.bug") + ":3:2: variable 'x' is defined twice (first defined at " + p("twice.bug") + ":2:2)\n"},
      {"R dump syntax error", "sample " + countsq + " --data " + pq("bad.R") + " --output " + outq,
       p("bad.R") + ":3:1: variable 'y': expected a number, found end of input\n"},
      {"data of the wrong shape", "sample " + countsq + " --data " + pq("shape.R") + " --output " + outq,
       p("shape.R") + ":2:1: variable 'y' has shape vector[20] in the model but vector[3] in the data\n"},
      {"NA in observed data", "sample " + countsq + " --data " + pq("na.R") + " --output " + outq,
       p("na.R") + ":2:1: variable 'y': observed value element 2 is missing (NA); partly observed variables are not "
                   "supported\n"},
      {"data outside the support", "simplify " + pq("pois.bug") + " --data " + pq("negcount.R"),
       p("negcount.R") + ":1:1: variable 'y': value is -1, outside the support of poisson (non-negative integers)\n"},
      {"invalid parameter", "sample " + pq("negprec.bug") + " --output " + outq,
       p("negprec.bug") + ":2:15: variable 'x': dnorm: precision tau is -1, but must be positive and finite\n"},
      {"--monitor of an unknown name", "sample " + sumq + " --monitor z,q --output " + outq,
       "alea: --monitor: the model has no variable 'q'\n"},
      {"logp without --at", "logp " + sumq, "alea: log density: no value for variable 'x' (scalar); give the values with --at FILE (R dump)\n"},
      {"logp with a value of the wrong shape", "logp " + sumq + " --at " + pq("at_shape.R"),
       "alea: log density: variable 'x' has shape scalar but the value has shape vector[2]\n"},
      {"logp naming an unknown variable", "logp " + sumq + " --at " + pq("at_unknown.R"),
       p("at_unknown.R") + ":3:1: the model has no variable 'w'\n"},
      {"sample with observed data and a non-conjugate latent",
       "sample '" + model_path("eight_schools.bug") + "' --data '" + model_path("eight_schools.R") + "' --output " + outq,
       model_path("eight_schools.bug") + ":8:5: variable 'y" + observed},
      {"sample with an observed deterministic variable",
       "sample '" + model_path("observed_sum.bug") + "' --data '" + model_path("observed_sum.R") + "' --output " + outq,
       model_path("observed_sum.bug") + ":6:3: variable 'z" + observed},
      {"dot --png into a nonexistent directory", "dot " + sumq + " --png " + pq("nowhere/graph.png"),
       "alea: --png: cannot write '" + p("nowhere/graph.png") + "': the directory '" + p("nowhere") +
           "' does not exist\n"},
  };
  REQUIRE(cases.size() >= 25);
  for (const BadCase& c : cases) {
    INFO(c.what << ": alea " << c.args);
    const auto r = run(c.args);
    CHECK(r.status == 2);
    if (c.prefix) CHECK(r.err.rfind(c.err, 0) == 0);
    else CHECK(r.err == c.err);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
    CHECK_FALSE(std::filesystem::exists(p("nowhere")));
  }
}

TEST_CASE("--help of every command exits 0 with its usage", "[cli][errors]") {
  for (const std::string cmd : {"simplify", "sample", "logp", "compare", "dot"}) {
    INFO(cmd);
    const auto r = run(cmd + " --help");
    CHECK(r.status == 0);
    CHECK(r.out.rfind("usage: alea " + cmd, 0) == 0);
    CHECK(r.out.find("--help") != std::string::npos);
    CHECK(r.err.empty());
  }
  const auto top = run("--help");
  CHECK(top.status == 0);
  CHECK(top.out.rfind("usage: alea [COMMAND]", 0) == 0);
}

TEST_CASE("sample --chains 3 writes one file a chain; seeds reproduce", "[cli][errors]") {
  TempDir tmp;
  const std::string model = "'" + model_path("sum_of_normals.bug") + "'";
  const auto r = run("sample " + model + " --draws 50 --chains 3 --output '" + (tmp / "out.csv") + "'");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("3 chain(s) x 50 exact draws") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(tmp / "out.csv"));
  for (int c = 1; c <= 3; ++c) {
    const std::string text = slurp(tmp / ("out_" + std::to_string(c) + ".csv"));
    INFO("chain " << c);
    CHECK(text.find("# chain_id = " + std::to_string(c) + "\n") != std::string::npos);
    CHECK(text.find("\nlp__,x,y,z\n") != std::string::npos);
  }
  // The chains are different streams.
  CHECK(slurp(tmp / "out_1.csv").substr(slurp(tmp / "out_1.csv").find("lp__")) !=
        slurp(tmp / "out_2.csv").substr(slurp(tmp / "out_2.csv").find("lp__")));

  auto draws = [&](const std::string& seed, const std::string& file) {
    const auto s = run("sample " + model + " --draws 20 --seed " + seed + " --output '" + (tmp / file) + "'");
    REQUIRE(s.status == 0);
    return slurp(tmp / file);
  };
  const std::string a = draws("42", "a.csv"), b = draws("42", "b.csv"), c = draws("43", "c.csv");
  CHECK_FALSE(a.empty());
  CHECK(a == b);
  CHECK(a.find("# seed = 42\n") != std::string::npos);
  const auto body = [](const std::string& t) { return t.substr(t.find("lp__")); };
  CHECK(body(a) != body(c));
}
