// Stan CSV writing, atomically through a temporary file.
#include "alea/io/stan_csv.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "alea/io/number_text.hpp"

namespace alea::io {

void write_stan_csv(std::ostream& out, const DrawTable& draws, const StanCsvConfig& config) {
  if (config.sig_figs < 0 || config.sig_figs > 17)
    throw std::invalid_argument("Stan CSV: sig_figs is " + std::to_string(config.sig_figs) +
                                ", but must be 0 (round-trip digits) or 1 to 17");
  out << "# alea\n";
  for (const auto& [key, value] : config.settings) out << "# " << key << " = " << value << "\n";
  out << "lp__";
  for (const std::string& c : draws.columns()) out << "," << c;
  out << "\n";
  for (const std::string& line : config.adaptation) out << "# " << line << "\n";
  // Rows are formatted into one block (number_text.hpp: round-trip digits, or sig_figs
  // significant digits) and written a block at a time: a draw file has as many rows as
  // draws.
  constexpr std::size_t kBlock = 1 << 16, kRoom = kNumberTextRoom + 1;  // a number and its separator
  std::vector<char> block(kBlock + kRoom);
  char* p = block.data();
  const auto put = [&](double x, char separator) {
    if (p >= block.data() + kBlock) {
      out.write(block.data(), p - block.data());
      p = block.data();
    }
    p = config.sig_figs == 0 ? write_round_trip(p, x) : write_significant(p, x, config.sig_figs);
    *p++ = separator;
  };
  const std::size_t cols = draws.cols();
  for (std::size_t r = 0; r < draws.rows(); ++r) {
    put(draws.lp(r), cols == 0 ? '\n' : ',');
    for (std::size_t c = 0; c < cols; ++c) put(draws.at(r, c), c + 1 == cols ? '\n' : ',');
  }
  out.write(block.data(), p - block.data());
}

namespace {

std::filesystem::path temporary_of(const std::string& path) {
  std::filesystem::path tmp(path);
  tmp += ".tmp-alea";
  return tmp;
}

void write_temporary(const std::filesystem::path& tmp, const DrawTable& draws, const StanCsvConfig& config) {
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write '" + tmp.string() + "'");
  write_stan_csv(out, draws, config);
  out.flush();
  if (!out) throw std::runtime_error("writing '" + tmp.string() + "' failed");
}

void rename_into_place(const std::filesystem::path& tmp, const std::string& path) {
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw std::runtime_error("cannot rename '" + tmp.string() + "' to '" + path + "': " + ec.message());
}

}  // namespace

void write_stan_csv_file(const std::string& path, const DrawTable& draws, const StanCsvConfig& config) {
  write_stan_csv_files({StanCsvFile{path, &draws, config}});
}

void write_stan_csv_files(const std::vector<StanCsvFile>& files) {
  std::vector<std::filesystem::path> tmps;
  for (const StanCsvFile& f : files) tmps.push_back(temporary_of(f.path));
  const auto remove_all = [&] {
    std::error_code ignored;
    for (const auto& t : tmps) std::filesystem::remove(t, ignored);
  };
  // Files in turns of as many threads as cores; the first error wins.
  const std::size_t width = std::max<std::size_t>(1, std::thread::hardware_concurrency());
  std::exception_ptr error;
  for (std::size_t first = 0; first < files.size() && !error; first += width) {
    const std::size_t last = std::min(files.size(), first + width);
    std::vector<std::exception_ptr> errors(last - first);
    std::vector<std::thread> threads;
    for (std::size_t k = first + 1; k < last; ++k)
      threads.emplace_back([&, k] {
        try {
          write_temporary(tmps[k], *files[k].draws, files[k].config);
        } catch (...) {
          errors[k - first] = std::current_exception();
        }
      });
    try {
      write_temporary(tmps[first], *files[first].draws, files[first].config);
    } catch (...) {
      errors[0] = std::current_exception();
    }
    for (std::thread& t : threads) t.join();
    for (const std::exception_ptr& e : errors)
      if (e && !error) error = e;
  }
  if (!error) {
    try {
      for (std::size_t k = 0; k < files.size(); ++k) rename_into_place(tmps[k], files[k].path);
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (error) {
    remove_all();
    std::rethrow_exception(error);
  }
}

}  // namespace alea::io
