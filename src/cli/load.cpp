// Reading model and data files; --monitor.
#include "load.hpp"

#include <filesystem>
#include <stdexcept>

#include <fstream>
#include <sstream>

#include "alea/io/bugs_model.hpp"
#include "alea/io/csv.hpp"
#include "alea/io/rdump.hpp"

namespace alea::cli {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLoc{path, 0, 0}, "cannot open the file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

io::DataSet read_data_files(const std::vector<std::string>& paths) {
  io::DataSet all;
  for (const std::string& p : paths) {
    const std::string text = read_file(p);
    const bool csv = p.size() >= 4 && p.compare(p.size() - 4, 4, ".csv") == 0;
    io::DataSet d = csv ? io::read_csv(text, p) : io::read_rdump(text, p);
    io::merge(all, d);
  }
  return all;
}

Model load_model(const ParsedArgs& args, bool* deviance) {
  const std::string& path = args.positional.at(0);
  Model m = io::load_bugs_model(read_file(path), path, read_data_files(args.all("data")));
  if (deviance) *deviance = false;
  if (auto mon = args.get("monitor")) {
    std::vector<std::string> names;
    std::stringstream ss(*mon);
    for (std::string item; std::getline(ss, item, ',');) {
      // JAGS's deviance monitor, unless the model has a variable of that name.
      if (deviance && item == "deviance" && !m.has(item)) {
        *deviance = true;
        continue;
      }
      if (!item.empty()) names.push_back(item);
    }
    for (const std::string& n : names)
      if (!m.has(n)) throw UsageError{"--monitor: the model has no variable '" + n + "'"};
    m.monitor(names);
  }
  return m;
}

std::vector<InitialValues> read_inits_files(const std::vector<std::string>& paths) {
  std::vector<InitialValues> out;
  for (const std::string& p : paths) {
    io::DataSet d = io::read_rdump(read_file(p), p);
    out.push_back({std::move(d.values), std::move(d.where)});
  }
  return out;
}

std::vector<OptionSpec> common_options() {
  return {{"data", "FILE", "data in R dump format (or CSV with a header row when FILE ends in .csv)", true},
          {"monitor", "a,b,c", "the visible variables (default: every unobserved named variable)", false},
          {"seed", "S", "random seed (default 1)", false}};
}

void require_output_directory(const std::string& option, const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path path(target);
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(dir))
    throw std::runtime_error("--" + option + ": cannot write '" + target + "': the directory '" + dir.string() +
                             "' does not exist");
}

}  // namespace alea::cli
