// alea simplify on an observed model: the posterior factorization that conjugacy
// found, as comment lines after the simplified model.
#include <sstream>

#include "report.hpp"

namespace alea::cli {
namespace {

std::string joined(const std::vector<std::string>& xs) {
  std::string s;
  for (const std::string& x : xs) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? "(none)" : s;
}

}  // namespace

void print_factorization(const rewrite::Factorization& f, std::ostream& out) {
  out << "# posterior factorization (conjugacy): " << f.trace.size() << " rule(s) fired\n";
  for (const std::string& t : f.trace) out << "#   " << t << "\n";
  out << "# exact (drawn given the data" << (f.fully_conjugate() ? "" : " and the remaining latents")
      << "): " << joined(f.exact) << "\n";
  out << "# remaining (need MCMC): " << joined(f.remaining) << "\n";
  if (f.trace.empty()) return;
  out << "# factorized model:\n";
  std::istringstream lines(to_string(f.model));
  // The data are the model's own; listing them again would only repeat the input.
  for (std::string line; std::getline(lines, line);)
    if (line.find("# data ") == std::string::npos) out << "#   " << line << "\n";
}

}  // namespace alea::cli
