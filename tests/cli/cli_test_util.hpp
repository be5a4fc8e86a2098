// Helpers for the CLI tests: run the alea command with its output captured in files,
// fresh temporary directories, and reading files back.
#pragma once
#include <sys/wait.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace alea::test {

struct RunResult {
  int status = -1;  // the exit status, or 128 + the signal number when killed by one
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A directory of its own under the system temporary directory, removed with the object.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("alea-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The lines of a text, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

inline std::string alea_binary() { return std::string(ALEA_BINARY_DIR) + "/alea"; }
inline std::string model_path(const std::string& name) { return std::string(ALEA_SOURCE_DIR) + "/models/" + name; }

// Runs `alea ARGS` through the shell (ARGS is pasted as is: quote what needs it).
inline RunResult run(const std::string& args) {
  TempDir tmp;
  const std::string out = tmp / "stdout", err = tmp / "stderr";
  const std::string cmd = "'" + alea_binary() + "' " + args + " >'" + out + "' 2>'" + err + "'";
  const int raw = std::system(cmd.c_str());
  RunResult r;
  if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
  else if (raw != -1 && WIFSIGNALED(raw)) r.status = 128 + WTERMSIG(raw);
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

// The columns of a draws CSV file (Stan CSV: '#' comment lines, a header, rows), by name.
inline std::map<std::string, std::vector<double>> read_draws(const std::filesystem::path& p) {
  std::map<std::string, std::vector<double>> cols;
  std::vector<std::string> header;
  std::istringstream in(slurp(p));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string c; std::getline(row, c, ',');) cells.push_back(c);
    if (header.empty()) {
      header = cells;
      continue;
    }
    for (std::size_t c = 0; c < cells.size() && c < header.size(); ++c) cols[header[c]].push_back(std::stod(cells[c]));
  }
  return cols;
}

}  // namespace alea::test
