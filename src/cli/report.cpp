// Printing simplification reports.
#include "report.hpp"

#include <algorithm>
#include <map>

#include "alea/io/bugs_model.hpp"

namespace alea::cli {

void print_rule_summary(const rewrite::SimplifyResult& r, std::ostream& out) {
  std::map<std::string, std::size_t> fired;
  for (const rewrite::TraceEntry& e : r.report.trace) ++fired[e.rule];
  out << "# rewriter: " << rewrite::to_string(r.report.reason) << " after " << r.report.iterations
      << " iteration(s), " << r.report.nodes << " e-nodes, " << static_cast<double>(r.report.elapsed.count()) / 1000.0
      << " ms\n";
  if (std::any_of(r.levels.begin(), r.levels.end(),
                  [](const rewrite::LevelRun& l) { return l.report.reason == rewrite::StopReason::TimeLimit; }))
    out << "# the rewriter's wall-clock safety net stopped it: on another machine or under another load the "
           "simplified model may differ\n";
  if (fired.empty()) out << "# no rule fired\n";
  for (const auto& [rule, n] : fired) out << "#   " << rule << " x" << n << "\n";
  for (const std::string& note : r.notes) out << "# refused: " << note << "\n";
}

void print_trace(const rewrite::SimplifyResult& r, std::ostream& out) {
  for (const rewrite::LevelRun& run : r.levels)
    out << "# level " << run.level << ": " << rewrite::to_string(run.report.reason) << " after "
        << run.report.iterations << " iteration(s), " << run.report.trace.size() << " application(s)\n";
  for (const rewrite::TraceEntry& e : r.report.trace)
    out << "# [level " << e.level << ", " << e.iteration << "] " << e.rule << ": " << e.before << " => " << e.after
        << "\n";
}

void print_models(const Model& naive, const rewrite::SimplifyResult& r, std::ostream& out) {
  out << "naive model:\n" << io::to_bugs(naive) << "\nsimplified model:\n" << io::to_bugs(r.model);
  print_rule_summary(r, out);
}

}  // namespace alea::cli
