// Loading a model file with its data files, as every subcommand does.
#pragma once
#include <string>

#include "alea/io/data.hpp"
#include "alea/model/model.hpp"
#include "args.hpp"

namespace alea::cli {

std::string read_file(const std::string& path);
// Every --data FILE (R dump, or CSV when the name ends in .csv), merged.
io::DataSet read_data_files(const std::vector<std::string>& paths);
// positional[0] with --data and --monitor applied.
Model load_model(const ParsedArgs& args);
// Throws unless the directory that would hold `target` exists, naming `option`: checked
// before any work so that a bad output path fails fast and leaves nothing behind.
void require_output_directory(const std::string& option, const std::string& target);
// The options every model command takes.
std::vector<OptionSpec> common_options();

}  // namespace alea::cli
