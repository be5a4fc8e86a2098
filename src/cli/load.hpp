// Loading a model file with its data files, as every subcommand does.
#pragma once
#include <string>

#include "alea/infer/inits.hpp"
#include "alea/io/data.hpp"
#include "alea/model/model.hpp"
#include "args.hpp"

namespace alea::cli {

std::string read_file(const std::string& path);
// Every --data FILE (R dump, or CSV when the name ends in .csv), merged.
io::DataSet read_data_files(const std::vector<std::string>& paths);
// positional[0] with --data and --monitor applied. With `deviance`, the name
// `deviance` in --monitor (when the model has no variable of that name) sets it
// instead of naming a variable (alea sample); without, it is an unknown variable.
Model load_model(const ParsedArgs& args, bool* deviance = nullptr);
// Every --inits FILE (R dump or list(...)), one InitialValues a file.
std::vector<InitialValues> read_inits_files(const std::vector<std::string>& paths);
// Throws unless the directory that would hold `target` exists, naming `option`: checked
// before any work so that a bad output path fails fast and leaves nothing behind.
void require_output_directory(const std::string& option, const std::string& target);
// The options every model command takes.
std::vector<OptionSpec> common_options();

}  // namespace alea::cli
