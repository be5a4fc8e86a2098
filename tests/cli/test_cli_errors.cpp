// The alea command's --help, chains and seeds (the bad-input catalogue is
// test_bad_inputs.cpp with bad_inputs/catalogue.txt).
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

}  // namespace

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
