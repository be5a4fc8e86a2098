// Draws in the Stan CSV format as CmdStan writes it: '#' comment lines with the
// configuration, a header row with lp__ first, then one row a draw. ArviZ's
// from_cmdstan and CmdStan's stansummary read it.
#pragma once
#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <thread>
#include <string>
#include <utility>
#include <vector>

#include "alea/infer/draw_table.hpp"

namespace alea::io {

struct StanCsvConfig {
  std::vector<std::pair<std::string, std::string>> settings;  // written as "# key = value"
  // Written after the header row as "# line" (CmdStan's adaptation block:
  // "Adaptation terminated", "Step size = ...", the inverse metric).
  std::vector<std::string> adaptation;
  // Significant digits of each number (CmdStan's sig_figs, 1 to 17), or 0: the digits
  // that read back to the same double (shortest but in rare cases).
  int sig_figs = 0;
};

void write_stan_csv(std::ostream& out, const DrawTable& draws, const StanCsvConfig& config);

// Writes to `path` through a temporary file in the same folder that is renamed
// when complete, so that a failed run never leaves a half-written file.
void write_stan_csv_file(const std::string& path, const DrawTable& draws, const StanCsvConfig& config);

// One file of several (a chain each).
struct StanCsvFile {
  std::string path;
  const DrawTable* draws = nullptr;
  StanCsvConfig config;
};
// Writes every file to its temporary file, at once (a thread a file, up to the
// machine's cores), and renames them only when all are complete: on failure none of
// them is written and the first error is thrown.
void write_stan_csv_files(const std::vector<StanCsvFile>& files);

// One chain's file written while the chain runs: the header, then blocks of rows as
// they come, formatted and written on a thread of the stream's own, into a temporary
// file in the same folder. finish() waits for every block and throws the first write
// error; commit() then renames the file into place. A stream destroyed uncommitted
// removes its temporary file.
class StanCsvStream {
 public:
  StanCsvStream(std::string path, int sig_figs);
  ~StanCsvStream();
  StanCsvStream(const StanCsvStream&) = delete;
  StanCsvStream& operator=(const StanCsvStream&) = delete;
  // Any thread, in order: the header once, then the rows.
  void header(const std::vector<std::string>& columns, const StanCsvConfig& config);
  void rows(DrawTable rows);
  void finish();
  void commit();

 private:
  struct Queue;
  void push_item(std::string text, DrawTable rows);
  void drain();
  void close();
  std::string path_;
  std::filesystem::path tmp_;
  int sig_figs_;
  std::ofstream out_;
  std::unique_ptr<Queue> queue_;
  std::thread writer_;
  bool committed_ = false;
};

}  // namespace alea::io
