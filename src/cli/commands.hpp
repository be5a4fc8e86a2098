// The subcommands of the alea command. Each returns the process exit status.
#pragma once
#include <string>
#include <vector>

#include "args.hpp"

namespace alea::cli {

int run_demo();
int run_simplify(const std::vector<std::string>& argv);
int run_sample(const std::vector<std::string>& argv);
int run_logp(const std::vector<std::string>& argv);
int run_compare(const std::vector<std::string>& argv);
int run_dot(const std::vector<std::string>& argv);

// Parses argv against spec; prints help and returns true when --help was given.
bool parse_or_help(const CommandSpec& spec, const std::vector<std::string>& argv, ParsedArgs& out);

}  // namespace alea::cli
