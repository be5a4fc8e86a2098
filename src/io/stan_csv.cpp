// Stan CSV writing, atomically through a temporary file.
#include "alea/io/stan_csv.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "alea/graph/value.hpp"

namespace alea::io {

void write_stan_csv(std::ostream& out, const DrawTable& draws, const StanCsvConfig& config) {
  out << "# alea\n";
  for (const auto& [key, value] : config.settings) out << "# " << key << " = " << value << "\n";
  out << "lp__";
  for (const std::string& c : draws.columns()) out << "," << c;
  out << "\n";
  for (const std::string& line : config.adaptation) out << "# " << line << "\n";
  // Rows are formatted into one buffer (shortest round-trip digits, as format_number)
  // and written in blocks: a draw file has as many rows as draws.
  std::string buf;
  char num[64];
  const auto put = [&](double x) {
    if (std::isfinite(x)) buf.append(num, std::to_chars(num, num + sizeof num, x).ptr);
    else buf += format_number(x);
  };
  for (std::size_t r = 0; r < draws.rows(); ++r) {
    put(draws.lp(r));
    for (std::size_t c = 0; c < draws.cols(); ++c) {
      buf += ',';
      put(draws.at(r, c));
    }
    buf += '\n';
    if (buf.size() > (1u << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
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
