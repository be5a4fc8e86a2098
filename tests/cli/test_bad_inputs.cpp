// The bad-input catalogue: every case of tests/cli/bad_inputs/catalogue.txt runs the
// alea command on malformed models, data files or parameter values and must exit with
// status 2, print the exact message on stderr and nothing on stdout, not crash, and
// write no output file (docs/commands.md, Errors).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_test_util.hpp"

namespace {

namespace fs = std::filesystem;
using alea::test::run;
using alea::test::TempDir;

struct CatalogueCase {
  std::string name;
  std::vector<std::string> args;  // with {dir}, {models} and {out} not yet replaced
  std::string err;                // the whole of stderr, or its start when prefix is set
  bool prefix = false;
  int line = 0;                   // in catalogue.txt, for the failure message
};

std::string catalogue_dir() { return std::string(ALEA_SOURCE_DIR) + "/tests/cli/bad_inputs"; }

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w == "''" ? "" : w);
  return out;
}

// Reads the blocks of catalogue.txt; a malformed block fails the test at its line.
std::vector<CatalogueCase> read_catalogue(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<CatalogueCase> cases;
  std::string line;
  int number = 0;
  auto starts = [&](const std::string& key) { return line.rfind(key, 0) == 0; };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    if (starts("case: ")) {
      cases.push_back({line.substr(6), {}, "", false, number});
      continue;
    }
    INFO("catalogue.txt:" << number << ": " << line);
    REQUIRE_FALSE(cases.empty());
    CatalogueCase& c = cases.back();
    if (starts("run: ")) {
      c.args = split_words(line.substr(5));
    } else if (starts("err: ") || starts("err-start: ")) {
      const bool prefix = starts("err-start: ");
      REQUIRE((c.err.empty() || c.prefix == prefix));
      c.prefix = prefix;
      c.err += line.substr(prefix ? 11 : 5) + "\n";
    } else {
      FAIL("expected 'case:', 'run:', 'err:' or 'err-start:'");
    }
  }
  return cases;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

std::string shell_quote(const std::string& s) { return "'" + replace_all(s, "'", "'\\''") + "'"; }

std::set<std::string> listing(const std::string& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) out.insert(e.path().string());
  return out;
}

}  // namespace

TEST_CASE("bad-input catalogue: exit status 2, the exact message, no output file", "[cli][errors][catalogue]") {
  const std::string dir = catalogue_dir(), models = std::string(ALEA_SOURCE_DIR) + "/models";
  const std::vector<CatalogueCase> cases = read_catalogue(dir + "/catalogue.txt");
  REQUIRE(cases.size() >= 50);
  const std::set<std::string> before = listing(dir), models_before = listing(models);
  std::set<std::string> names;
  for (const CatalogueCase& c : cases) {
    INFO("catalogue.txt:" << c.line << ": " << c.name);
    CHECK(names.insert(c.name).second);  // each case names one situation
    REQUIRE_FALSE(c.args.empty());
    REQUIRE_FALSE(c.err.empty());
    TempDir tmp;
    auto expand = [&](const std::string& s) {
      return replace_all(replace_all(replace_all(s, "{dir}", dir), "{models}", models), "{out}", tmp / "out.csv");
    };
    std::string command;
    for (const std::string& a : c.args) command += (command.empty() ? "" : " ") + shell_quote(expand(a));
    INFO("alea " << command);
    const auto r = run(command);
    CHECK(r.status == 2);
    const std::string want = expand(c.err);
    if (c.prefix) CHECK(r.err.substr(0, want.size()) == want);
    else CHECK(r.err == want);
    CHECK(r.out.empty());
    CHECK(fs::is_empty(tmp.path()));  // no output file, nor a temporary one left behind
  }
  CHECK(listing(dir) == before);  // nothing written beside the inputs (--png, --output)
  CHECK(listing(models) == models_before);
}
