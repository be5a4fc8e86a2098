// JAGS's bugs-module distributions dnchisqr, df and dgen.gamma, latent and observed,
// and its distribution functions in deterministic nodes, through alea sample.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::read_draws;
using alea::test::run;
using alea::test::TempDir;

constexpr const char* kModel = R"(model {
  k ~ dunif(1, 10)
  m ~ dunif(3, 30)
  lambda ~ dgamma(2, 2)
  for (i in 1:N) {
    y[i] ~ dnchisqr(k, 2)
    f[i] ~ df(4, m)
    g[i] ~ dgen.gamma(2, lambda, 1.5)
  }
  v ~ dnchisqr(3, 1.5)
  w ~ dgen.gamma(2, 1, 1.5)
  u ~ df(5, 9)
  p <- pnorm(w, 1, 1)
  d <- dnchisqr(v, 3, 1.5)
})";

constexpr const char* kData = R"(N <- 6
y <- c(3.1, 6.2, 2.5, 8.0, 4.4, 5.1)
f <- c(0.8, 1.3, 0.4, 2.2, 0.9, 1.1)
g <- c(0.6, 1.1, 0.9, 1.7, 0.5, 1.2)
)";

}  // namespace

TEST_CASE("alea sample: a model with dnchisqr, df, dgen.gamma and pnorm loads and samples", "[cli][bugs-module]") {
  TempDir tmp;
  std::ofstream(tmp / "m.bug") << kModel;
  std::ofstream(tmp / "d.R") << kData;
  const auto r = run("sample '" + tmp / "m.bug" + "' --data '" + tmp / "d.R" + "' --draws 300 --warmup 300 --seed 3 --output '" +
                     tmp / "draws.csv" + "'");
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto d = read_draws(tmp / "draws.csv");
  for (const char* name : {"k", "m", "lambda", "v", "w", "u", "p", "d"}) {
    INFO(name);
    REQUIRE(d.count(name) == 1);
    REQUIRE(d.at(name).size() == 300);
  }
  for (std::size_t i = 0; i < 300; ++i) {
    const double w = d.at("w")[i];
    CHECK(w > 0);
    CHECK(d.at("v")[i] > 0);
    CHECK(d.at("u")[i] > 0);
    CHECK(d.at("k")[i] > 1);
    CHECK(d.at("k")[i] < 10);
    // p is pnorm(w, mean 1, precision 1) of the same draw
    CHECK(d.at("p")[i] == Approx(0.5 * std::erfc(-(w - 1) / std::sqrt(2.0))).epsilon(1e-6));
  }
}
