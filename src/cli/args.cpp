// Option parsing with per-command specs and generated help.
#include "args.hpp"

#include <charconv>

namespace alea::cli {

std::optional<std::string> ParsedArgs::get(const std::string& name) const {
  auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> ParsedArgs::all(const std::string& name) const {
  auto it = values.find(name);
  return it == values.end() ? std::vector<std::string>{} : it->second;
}

long long ParsedArgs::integer(const std::string& name, long long fallback, long long lo, long long hi) const {
  auto v = get(name);
  if (!v) return fallback;
  long long x = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || ptr != v->data() + v->size() || x < lo || x > hi)
    throw UsageError{"--" + name + " takes a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     ", got '" + *v + "'"};
  return x;
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& argv, bool& help_requested) {
  ParsedArgs out;
  help_requested = false;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--help" || a == "-h") {
      help_requested = true;
      return out;
    }
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      out.positional.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    bool has_inline = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_inline = true;
    }
    const OptionSpec* opt = nullptr;
    for (const OptionSpec& o : spec.options)
      if (o.name == name) opt = &o;
    if (!opt) throw UsageError{"unknown option --" + name + " for 'alea " + spec.name + "'"};
    if (opt->value_name.empty()) {
      if (has_inline) throw UsageError{"--" + name + " takes no value"};
      out.values[name].push_back("");
      continue;
    }
    if (!has_inline) {
      if (i + 1 >= argv.size()) throw UsageError{"--" + name + " needs a value (" + opt->value_name + ")"};
      value = argv[++i];
    }
    if (!opt->repeatable && out.values.count(name)) throw UsageError{"--" + name + " is given twice"};
    out.values[name].push_back(value);
  }
  const int n = static_cast<int>(out.positional.size());
  if (n < spec.min_positional) throw UsageError{"missing argument; usage: " + spec.usage};
  if (n > spec.max_positional) throw UsageError{"unexpected argument '" + out.positional.back() + "'; usage: " + spec.usage};
  return out;
}

std::string help_text(const CommandSpec& spec) {
  std::string out = "usage: " + spec.usage + "\n\n" + spec.summary + "\n";
  if (!spec.options.empty()) out += "\noptions:\n";
  for (const OptionSpec& o : spec.options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    if (left.size() < 26) left.resize(26, ' ');
    else left += "\n" + std::string(26, ' ');
    out += left + o.help + (o.repeatable ? " (repeatable)" : "") + "\n";
  }
  out += "  --help                  this help\n";
  return out;
}

}  // namespace alea::cli
