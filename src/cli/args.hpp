// Command-line parsing for the alea command: a subcommand, positional arguments and
// --options declared per subcommand, each with its help line.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace alea::cli {

struct OptionSpec {
  std::string name;        // without the leading --
  std::string value_name;  // empty for a flag
  std::string help;
  bool repeatable = false;
};

struct CommandSpec {
  std::string name;
  std::string usage;  // e.g. "alea sample MODEL [options]"
  std::string summary;
  std::vector<OptionSpec> options;
  int min_positional = 0, max_positional = 0;
};

class ParsedArgs {
 public:
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;

  bool flag(const std::string& name) const { return values.count(name) > 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::vector<std::string> all(const std::string& name) const;
  // A whole number in [lo, hi]; a usage error naming the option and the value otherwise.
  long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
};

// A mistake in how the command was called: printed with the usage, exit status 2.
struct UsageError {
  std::string message;
};

// Throws UsageError. --help is reported through `help_requested`.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& argv, bool& help_requested);
std::string help_text(const CommandSpec& spec);

}  // namespace alea::cli
