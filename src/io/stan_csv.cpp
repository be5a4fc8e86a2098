// Stan CSV writing, atomically through a temporary file.
#include "alea/io/stan_csv.hpp"

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
  for (std::size_t r = 0; r < draws.rows(); ++r) {
    out << format_number(draws.lp(r));
    for (std::size_t c = 0; c < draws.cols(); ++c) out << "," << format_number(draws.at(r, c));
    out << "\n";
  }
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
