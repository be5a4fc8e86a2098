// Stan CSV writing, atomically through a temporary file.
#include "alea/io/stan_csv.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
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

void write_stan_csv_file(const std::string& path, const DrawTable& draws, const StanCsvConfig& config) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  fs::path tmp = target;
  tmp += ".tmp-alea";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write '" + tmp.string() + "'");
    write_stan_csv(out, draws, config);
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp);
      throw std::runtime_error("writing '" + tmp.string() + "' failed");
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp);
    throw std::runtime_error("cannot rename '" + tmp.string() + "' to '" + path + "': " + ec.message());
  }
}

}  // namespace alea::io
