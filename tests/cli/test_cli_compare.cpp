// alea compare: both columns at every evaluation point (the naive density estimated
// where it has no closed form), the log evidence with data, the posteriors side by
// side, and the CSV written whole or not at all. Agreement is checked within z_crit
// combined standard errors (false-alarm rate 1e-4 per check, fixed seeds).
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"
#include "stat_tests.hpp"

namespace {

using alea::test::model_path;
using alea::test::run;
using alea::test::slurp;
using alea::test::TempDir;

struct CsvRow {
  std::string what;
  double naive, naive_se, simplified;
};

std::vector<CsvRow> read_rows(const std::filesystem::path& p) {
  std::istringstream in(slurp(p));
  std::string line;
  std::getline(in, line);
  CHECK(line == "what,naive,naive_se,simplified");
  std::vector<CsvRow> rows;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    CsvRow r;
    std::string x;
    std::getline(fields, r.what, ',');
    std::getline(fields, x, ',');
    r.naive = std::stod(x);
    std::getline(fields, x, ',');
    r.naive_se = std::stod(x);
    std::getline(fields, x, ',');
    r.simplified = std::stod(x);
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

TEST_CASE("compare: the naive density is estimated at every point where it has no closed form", "[cli][compare]") {
  TempDir dir;
  const auto csv = dir.path() / "compare.csv";
  const auto r = run("compare '" + model_path("sum_of_normals.bug") + "' --monitor z --points 4 --output '" +
                     csv.string() + "'");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("n/a") == std::string::npos);
  CHECK(r.out.find("conditional Monte Carlo (z solved through") != std::string::npos);
  const std::vector<CsvRow> rows = read_rows(csv);
  REQUIRE(rows.size() == 4);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    CHECK(rows[k].what == "point." + std::to_string(k + 1));
    CHECK(rows[k].naive_se > 0);
    CHECK(std::abs(rows[k].naive - rows[k].simplified) < alea::test::z_crit() * rows[k].naive_se);
  }
}

TEST_CASE("compare with data: the log evidence, exact where conjugate, and the posteriors side by side",
          "[cli][compare]") {
  TempDir dir;
  const auto csv = dir.path() / "evidence.csv";
  const auto r = run("compare '" + model_path("gamma_poisson.bug") + "' --data '" + model_path("gamma_poisson.R") +
                     "' --monitor lambda --output '" + csv.string() + "'");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("n/a") == std::string::npos);
  CHECK(r.out.find("exact (conjugate)") != std::string::npos);
  CHECK(r.out.find("posteriors, 1000 draws each") != std::string::npos);
  const std::vector<CsvRow> rows = read_rows(csv);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].what == "log_evidence");
  CHECK(std::abs(rows[0].naive - rows[0].simplified) < alea::test::z_crit() * rows[0].naive_se);
}

TEST_CASE("compare: an unwritable --output is a usage error and writes nothing", "[cli][compare][errors]") {
  TempDir dir;
  const auto target = dir.path() / "missing" / "out.csv";
  const auto r = run("compare '" + model_path("sum_of_normals.bug") + "' --monitor z --output '" + target.string() + "'");
  CHECK(r.status == 2);
  CHECK(r.err.find("--output") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(target));
}

TEST_CASE("compare: --output written again replaces the file; a folder in its place is an error, and no "
          "temporary is left",
          "[cli][compare][errors]") {
  TempDir dir;
  const auto csv = dir.path() / "again.csv";
  const std::string cmd = "compare '" + model_path("sum_of_normals.bug") + "' --monitor z --points 2 --output '";
  REQUIRE(run(cmd + csv.string() + "'").status == 0);
  REQUIRE(run(cmd + csv.string() + "'").status == 0);
  CHECK(read_rows(csv).size() == 2);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator{}) == 1);
  const auto folder = dir.path() / "taken.csv";
  std::filesystem::create_directories(folder / "inside");
  const auto r = run(cmd + folder.string() + "'");
  CHECK(r.status == 2);
  CHECK(r.err.find("cannot rename") != std::string::npos);
  CHECK(std::filesystem::is_directory(folder / "inside"));
  CHECK_FALSE(std::filesystem::exists(dir.path() / "taken.csv.tmp-alea"));
}

TEST_CASE("the demo shows the pipeline: closure, conjugacy, a hierarchical model, a user's op; no n/a",
          "[cli][compare][demo]") {
  const auto r = run("");
  REQUIRE(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("n/a") == std::string::npos);
  for (const char* section : {"== 1. closure", "== 2. conjugacy", "== 3. a hierarchical model", "== 4. a composite op"})
    CHECK(r.out.find(section) != std::string::npos);
  CHECK(r.out.find("exact (conjugate)") != std::string::npos);
  CHECK(r.out.find("hierarchical-normal-observed") != std::string::npos);
  CHECK(r.out.find("[level 1] affine-normal") != std::string::npos);
  CHECK(r.out.find("conditional Monte Carlo") != std::string::npos);
}
