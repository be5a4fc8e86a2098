// The summary table that `alea sample` prints: stansummary's columns, the diagnostics
// computed over the chains, and the warnings under the table.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"

namespace {

using alea::test::model_path;
using alea::test::run;

const std::string kHeader =
    "                Mean        MCSE      StdDev          5%         50%         95%  ESS_bulk  ESS_tail   R_hat";

// The whitespace-separated fields of the row of `name` (empty when there is none).
std::vector<std::string> row_of(const std::string& out, const std::string& name) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::vector<std::string> row;
    for (std::string f; fields >> f;) row.push_back(f);
    if (!row.empty() && row[0] == name) return row;
  }
  return {};
}

}  // namespace

TEST_CASE("sample: the summary has stansummary's columns and no warning for 4 chains of exact draws",
          "[cli][summary]") {
  const auto r = run("sample '" + model_path("sum_of_normals.bug") + "' --chains 4 --draws 1000 --seed 3");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("\n" + kHeader + "\n") != std::string::npos);
  for (const std::string name : {"x", "y", "z"}) {
    INFO("variable " << name);
    const std::vector<std::string> row = row_of(r.out, name);
    REQUIRE(row.size() == 10);
    // Exact draws: R_hat < 1.01 except with probability < 1e-10 (split halves of 500 draws, 8 of
    // them: the chi-square bound of the diagnostics tests), ESS of 4,000 iid draws far above 400.
    CHECK(std::stod(row[9]) < 1.01);
    CHECK(std::stod(row[7]) > 400);
    CHECK(std::stod(row[8]) > 400);
  }
  CHECK(r.out.find("Warning") == std::string::npos);
}

TEST_CASE("sample: the summary warns of low ESS and names the variables", "[cli][summary]") {
  // 50 draws: the ESS is at most 50 log10(50) = 85 (the cap), below 100 for one chain.
  const auto r = run("sample '" + model_path("sum_of_normals.bug") + "' --draws 50");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Warning: ESS_bulk or ESS_tail below 100 per chain (100) for x, y, z: means and quantiles "
                   "are unreliable; run longer chains.\n") != std::string::npos);
}

TEST_CASE("docs/commands.md's summary table is what alea sample prints", "[cli][summary]") {
  const std::string doc = alea::test::slurp(std::string(ALEA_SOURCE_DIR) + "/docs/commands.md");
  const std::string command = "$ alea sample models/sum_of_normals.bug --chains 4 --monitor x,z\n";
  const std::size_t start = doc.find(command);
  REQUIRE(start != std::string::npos);
  const std::size_t end = doc.find("```", start);
  REQUIRE(end != std::string::npos);
  const std::string shown = doc.substr(start + command.size(), end - start - command.size());
  const auto r = run("sample '" + model_path("sum_of_normals.bug") + "' --chains 4 --monitor x,z");
  REQUIRE(r.status == 0);
  CHECK(r.out == shown);
}
