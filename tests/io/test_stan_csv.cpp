// Stan CSV writing: header and comment lines, and numbers with the shortest digits
// that read back to the same double (checked bit for bit), over more rows than one
// write block holds.
#include <catch2/catch.hpp>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include "alea/io/number_text.hpp"
#include "alea/io/stan_csv.hpp"

using namespace alea;

namespace {

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> out(1);
  for (char ch : line) {
    if (ch == sep) out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

// The data rows of a Stan CSV text (after the header row; comment lines skipped).
std::vector<std::vector<std::string>> data_rows(const std::string& text, std::string& header) {
  std::istringstream in(text);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (header.empty()) header = line;
    else rows.push_back(split(line, ','));
  }
  return rows;
}

bool same_double(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace

TEST_CASE("Stan CSV: comments, header, and every number read back exactly", "[io][stan_csv]") {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> awkward = {1.0 / 3,  -2.0 / 3, 0.1,     1e-300,  -2.5e300, 5e-324, -0.0, 0.0,
                                       1e21,     1e-7,     123456789012345678.0, -1.0,  std::nextafter(1.0, 2.0),
                                       3.141592653589793, inf, -inf, std::numeric_limits<double>::quiet_NaN()};
  // Random bit patterns too (finite ones), over enough rows to pass several 64 KB blocks.
  boost::random::mt19937_64 rng(11);
  DrawTable t({"a", "b.1", "b.2"});
  std::vector<double> values;
  for (double x : awkward) values.push_back(x);
  while (values.size() < 3 * 20000) {
    const double x = std::bit_cast<double>(static_cast<std::uint64_t>(rng()));
    if (std::isfinite(x)) values.push_back(x);
  }
  std::vector<double> lps;
  for (std::size_t r = 0; r < values.size() / 3; ++r) {
    lps.push_back(-static_cast<double>(r) / 7.0);
    t.add_row({values[3 * r], values[3 * r + 1], values[3 * r + 2]}, lps.back());
  }
  io::StanCsvConfig cfg;
  cfg.settings = {{"seed", "4"}};
  cfg.adaptation = {"Step size = 0.5"};
  std::ostringstream out;
  io::write_stan_csv(out, t, cfg);
  const std::string text = out.str();
  CHECK(text.rfind("# alea\n# seed = 4\nlp__,a,b.1,b.2\n# Step size = 0.5\n", 0) == 0);
  std::string header;
  const auto rows = data_rows(text, header);
  CHECK(header == "lp__,a,b.1,b.2");
  REQUIRE(rows.size() == t.rows());
  std::size_t mismatches = 0;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == 4);
    mismatches += !same_double(std::strtod(rows[r][0].c_str(), nullptr), lps[r]);
    for (std::size_t c = 0; c < 3; ++c) mismatches += !same_double(std::strtod(rows[r][c + 1].c_str(), nullptr), t.at(r, c));
  }
  CHECK(mismatches == 0);
  // Shortest digits, and the non-finite values as format_number writes them.
  CHECK(rows[0][1] == "0.3333333333333333");
  CHECK(rows[0][2] == "-0.6666666666666666");
  CHECK(rows[0][3] == "0.1");
  CHECK(rows[1][1] == "1e-300");
  CHECK(rows[2][1] == "-0");
  CHECK(rows[4][3] == "Inf");
  CHECK(rows[5][1] == "-Inf");
  CHECK(rows[5][2] == "NaN");
}

TEST_CASE("Stan CSV: a number copied from the row above or from lp__ is the number formatted alone",
          "[io][stan_csv]") {
  // The writer copies the text of a column's value the same as the row above's, and
  // turns the sign of lp__'s text for a value that is -lp__ (energy__ of exact draws).
  // Every cell must read as the value formatted on its own, in both formats, whatever
  // the column held before: repeats, sign changes, zeros, NaN and infinities.
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  boost::random::mt19937_64 rng(5);
  boost::random::uniform_int_distribution<int> pick(0, 5);
  DrawTable t({"same", "neg_lp", "mixed"});
  std::vector<double> lps;
  double same = 0.5;
  for (int r = 0; r < 30000; ++r) {
    const double lp = r % 97 == 0 ? 0.0 : r % 89 == 0 ? inf : r % 83 == 0 ? nan
                      : std::bit_cast<double>(static_cast<std::uint64_t>(rng()) >> 2) * (r % 2 ? 1 : -1);
    if (r % 1000 == 0) same = -same / 3;  // a constant column that changes now and then
    double mixed = 0;
    switch (pick(rng)) {
      case 0: mixed = -lp; break;
      case 1: mixed = lp; break;
      case 2: mixed = -0.0; break;
      case 3: mixed = same; break;
      default: mixed = static_cast<double>(pick(rng));  // small integers, often repeated
    }
    lps.push_back(lp);
    t.add_row({same, -lp, mixed}, lp);
  }
  for (int sig_figs : {0, 6, 17}) {
    io::StanCsvConfig cfg;
    cfg.sig_figs = sig_figs;
    std::ostringstream out;
    io::write_stan_csv(out, t, cfg);
    std::string header;
    const auto rows = data_rows(out.str(), header);
    REQUIRE(rows.size() == t.rows());
    const auto alone = [&](double x) {
      char buf[io::kNumberTextRoom];
      char* end = sig_figs == 0 ? io::write_round_trip(buf, x) : io::write_significant(buf, x, sig_figs);
      return std::string(buf, end);
    };
    std::size_t mismatches = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      REQUIRE(rows[r].size() == 4);
      mismatches += rows[r][0] != alone(lps[r]);
      for (std::size_t c = 0; c < 3; ++c) mismatches += rows[r][c + 1] != alone(t.at(r, c));
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("Stan CSV files: all of them written, or none when one cannot be", "[io][stan_csv]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("alea-csv-files-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  DrawTable t({"x"});
  for (int i = 0; i < 1000; ++i) t.add_row({i * 0.5}, -i);
  std::vector<io::StanCsvFile> files;
  for (int c = 1; c <= 3; ++c) files.push_back({(dir / ("out_" + std::to_string(c) + ".csv")).string(), &t, {}});
  io::write_stan_csv_files(files);
  for (const auto& f : files) {
    std::ifstream in(f.path);
    std::ostringstream text;
    text << in.rdbuf();
    std::string header;
    const auto rows = data_rows(text.str(), header);
    CHECK(header == "lp__,x");
    REQUIRE(rows.size() == 1000);
    CHECK(rows[999][1] == "499.5");
  }
  // The third file's folder does not exist: the other two are not written either, and no
  // temporary file is left.
  for (const auto& f : files) fs::remove(f.path);
  files[2].path = (dir / "missing" / "out_3.csv").string();
  CHECK_THROWS_WITH(io::write_stan_csv_files(files), Catch::Contains("missing/out_3.csv.tmp-alea"));
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST_CASE("Stan CSV file written again: the new file replaces the old, and a failed rename keeps it",
          "[io][stan_csv]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("alea-csv-again-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto text_of = [](const fs::path& p) {
    std::ifstream in(p);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  DrawTable first({"x"}), second({"x"});
  first.add_row({1.5}, -1.0);
  second.add_row({2.5}, -2.0);
  const fs::path out = dir / "draws.csv";
  io::write_stan_csv_file(out.string(), first, {});
  io::write_stan_csv_file(out.string(), second, {});
  std::string header;
  auto rows = data_rows(text_of(out), header);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0][1] == "2.5");
  // Only the file: the old one moved aside is gone, and so is the temporary.
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
  // A rename that fails (a non-empty folder where the file goes): the error, and the
  // folder is left as it was.
  const fs::path folder = dir / "taken.csv";
  fs::create_directories(folder / "inside");
  CHECK_THROWS_WITH(io::write_stan_csv_file(folder.string(), second, {}), Catch::Contains("cannot rename"));
  CHECK(fs::is_directory(folder / "inside"));
  CHECK_FALSE(fs::exists(dir / "taken.csv.tmp-alea"));
  fs::remove_all(dir);
}

TEST_CASE("Stan CSV stream: the file of blocks is the file of the whole table", "[io][stan_csv]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("alea-csv-stream-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  DrawTable t({"a", "b"});
  for (int i = 0; i < 10000; ++i) t.add_row({i / 3.0, -i * 1e-7}, i * 0.25);
  io::StanCsvConfig cfg;
  cfg.settings = {{"seed", "2"}};
  cfg.adaptation = {"Step size = 0.1"};
  std::ostringstream whole;
  io::write_stan_csv(whole, t, cfg);
  const std::string path = (dir / "out.csv").string();
  {
    io::StanCsvStream s(path, 0);
    s.header(t.columns(), cfg);
    for (std::size_t first = 0; first < t.rows(); first += 3000) s.rows(t.slice(first, std::min(t.rows(), first + 3000)));
    s.finish();
    CHECK_FALSE(fs::exists(path));  // not before commit
    s.commit();
  }
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  CHECK(text.str() == whole.str());
  // Destroyed uncommitted: no file, no temporary file.
  fs::remove(path);
  {
    io::StanCsvStream s(path, 0);
    s.header(t.columns(), cfg);
    s.rows(t.slice(0, 10));
  }
  CHECK(fs::is_empty(dir));
  CHECK_THROWS_WITH(io::StanCsvStream((dir / "missing" / "x.csv").string(), 0), Catch::Contains("cannot write"));
  fs::remove_all(dir);
}
