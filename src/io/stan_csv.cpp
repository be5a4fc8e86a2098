// Stan CSV writing, atomically through a temporary file.
#include "alea/io/stan_csv.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "alea/io/number_text.hpp"
#include "alea/io/replace_file.hpp"

namespace alea::io {

namespace {

void check_config(const StanCsvConfig& config) {
  if (config.sig_figs < 0 || config.sig_figs > 17)
    throw std::invalid_argument("Stan CSV: sig_figs is " + std::to_string(config.sig_figs) +
                                ", but must be 0 (round-trip digits) or 1 to 17");
}

void write_header(std::ostream& out, const std::vector<std::string>& columns, const StanCsvConfig& config) {
  out << "# alea\n";
  for (const auto& [key, value] : config.settings) out << "# " << key << " = " << value << "\n";
  out << "lp__";
  for (const std::string& c : columns) out << "," << c;
  out << "\n";
  for (const std::string& line : config.adaptation) out << "# " << line << "\n";
}

// Rows are formatted into one block (number_text.hpp: round-trip digits, or sig_figs
// significant digits) and written a block at a time: a draw file has as many rows as
// draws. A number is formatted once where the text is known: a column's value the same
// as the row above's is copied (the sampler's constant columns: the step size after
// warmup, and all of them when the draws are exact), and so is a value that is -lp__
// (energy__ of exact draws), with its sign turned. The text of -x is "-" and that of x
// for finite x > 0 in both formats.
void write_rows(std::ostream& out, const DrawTable& draws, int sig_figs) {
  constexpr std::size_t kBlock = 1 << 16, kRoom = kNumberTextRoom + 1;  // a number and its separator
  std::vector<char> block(kBlock + kRoom);
  char* p = block.data();
  struct Text {
    std::uint64_t bits = 0;
    std::size_t size = 0;  // 0: none yet
    std::array<char, kNumberTextRoom + 1> chars{};  // copied a whole room at a time: one move, inlined
    void keep(double x, const char* from, const char* to) {
      bits = std::bit_cast<std::uint64_t>(x);
      size = static_cast<std::size_t>(to - from);
      std::memcpy(chars.data(), from, kNumberTextRoom);  // `from` has a room of its own in the block
    }
  };
  const std::size_t cols = draws.cols();
  std::vector<Text> above(cols);
  Text lp_text;
  constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
  const auto put = [&](double x, char separator, Text* column) {
    if (p >= block.data() + kBlock) {
      out.write(block.data(), p - block.data());
      p = block.data();
    }
    const auto bits = std::bit_cast<std::uint64_t>(x);
    char* const start = p;
    if (column && column->size > 0 && column->bits == bits) {
      std::memcpy(p, column->chars.data(), kNumberTextRoom);
      p += column->size;
    } else {
      if (column && lp_text.size > 0 && bits == (lp_text.bits ^ kSign) && std::isfinite(x) && x != 0) {
        const bool negative = lp_text.chars[0] == '-';  // -lp__: the sign of lp__'s text turned
        if (!negative) *p++ = '-';
        std::memcpy(p, lp_text.chars.data() + (negative ? 1 : 0), kNumberTextRoom);
        p += lp_text.size - (negative ? 1 : 0);
      } else {
        p = sig_figs == 0 ? write_round_trip(p, x) : write_significant(p, x, sig_figs);
      }
      (column ? *column : lp_text).keep(x, start, p);
    }
    *p++ = separator;
  };
  for (std::size_t r = 0; r < draws.rows(); ++r) {
    put(draws.lp(r), cols == 0 ? '\n' : ',', nullptr);
    for (std::size_t c = 0; c < cols; ++c) put(draws.at(r, c), c + 1 == cols ? '\n' : ',', &above[c]);
  }
  out.write(block.data(), p - block.data());
}

}  // namespace

void write_stan_csv(std::ostream& out, const DrawTable& draws, const StanCsvConfig& config) {
  check_config(config);
  write_header(out, draws.columns(), config);
  write_rows(out, draws, config.sig_figs);
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

}  // namespace

void replace_file(const std::filesystem::path& tmp, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status old = fs::symlink_status(path, ec);
  fs::path aside(path);
  aside += ".old-alea";
  bool moved = false;
  if (!ec && fs::exists(old) && !fs::is_directory(old)) {
    fs::rename(path, aside, ec);
    moved = !ec;
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    if (moved) fs::rename(aside, path, ignored);
    fs::remove(tmp, ignored);
    throw std::runtime_error("cannot rename '" + tmp.string() + "' to '" + path + "': " + ec.message());
  }
  if (moved) fs::remove(aside, ec);  // a copy left behind is only untidy
}

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
      for (std::size_t k = 0; k < files.size(); ++k) replace_file(tmps[k], files[k].path);
    } catch (...) {
      error = std::current_exception();
    }
  }
  if (error) {
    remove_all();
    std::rethrow_exception(error);
  }
}

struct StanCsvStream::Queue {
  std::mutex mutex;
  std::condition_variable ready;
  std::deque<std::pair<std::string, DrawTable>> items;  // header text, or rows
  bool closing = false;
};

StanCsvStream::StanCsvStream(std::string path, int sig_figs)
    : path_(std::move(path)), tmp_(temporary_of(path_)), sig_figs_(sig_figs), queue_(std::make_unique<Queue>()) {
  StanCsvConfig check;
  check.sig_figs = sig_figs;
  check_config(check);
  out_.open(tmp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw std::runtime_error("cannot write '" + tmp_.string() + "'");
  writer_ = std::thread([this] { drain(); });
}

StanCsvStream::~StanCsvStream() {
  close();
  if (!committed_) {
    out_.close();
    std::error_code ignored;
    std::filesystem::remove(tmp_, ignored);
  }
}

void StanCsvStream::header(const std::vector<std::string>& columns, const StanCsvConfig& config) {
  std::ostringstream text;
  write_header(text, columns, config);
  push_item(text.str(), DrawTable());
}

void StanCsvStream::rows(DrawTable rows) { push_item({}, std::move(rows)); }

void StanCsvStream::push_item(std::string text, DrawTable rows) {
  {
    const std::lock_guard<std::mutex> lock(queue_->mutex);
    queue_->items.emplace_back(std::move(text), std::move(rows));
  }
  queue_->ready.notify_one();
}

void StanCsvStream::drain() {
  for (;;) {
    std::pair<std::string, DrawTable> item;
    {
      std::unique_lock<std::mutex> lock(queue_->mutex);
      queue_->ready.wait(lock, [&] { return queue_->closing || !queue_->items.empty(); });
      if (queue_->items.empty()) return;
      item = std::move(queue_->items.front());
      queue_->items.pop_front();
    }
    if (!out_) continue;  // a write failed: the rest is dropped, finish() reports it
    out_ << item.first;
    write_rows(out_, item.second, sig_figs_);
  }
}

void StanCsvStream::close() {
  if (!writer_.joinable()) return;
  {
    const std::lock_guard<std::mutex> lock(queue_->mutex);
    queue_->closing = true;
  }
  queue_->ready.notify_one();
  writer_.join();
}

void StanCsvStream::finish() {
  close();
  out_.flush();
  if (!out_) throw std::runtime_error("writing '" + tmp_.string() + "' failed");
  out_.close();
}

void StanCsvStream::commit() {
  replace_file(tmp_, path_);
  committed_ = true;
}

}  // namespace alea::io
