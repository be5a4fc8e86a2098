// Equality saturation: search every rule, apply the matches, rebuild, repeat until
// nothing changes or a limit is reached. Expansive rules (associativity,
// distributivity) join only once the others have saturated. A backoff scheduler bans a rule for a few
// iterations when it matches too often (associativity and commutativity would
// otherwise swamp the graph), as egg's BackoffScheduler does.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "alea/rewrite/rule.hpp"

namespace alea::rewrite {

struct Limits {
  std::size_t iterations = 30;
  std::size_t nodes = 0;  // 0: max(20,000, 4 x the e-nodes at the start)
  // E-nodes the expansive rules may grow the e-graph to once the others saturated;
  // 0: max(1,000, 8 x the e-nodes then). Associativity with built-in commutativity
  // makes every subset of a k-term sum a class (2^k of them), so without this budget
  // the expansive phase of any model with a long sum runs until the work limit.
  std::size_t expansion_nodes = 0;
  // The budget of work, counted in units the machine's speed and load do not change, so
  // that what a model simplifies to is the same on every run: each iteration costs the
  // e-nodes it searches, the matches it finds and the sites its distributional matches
  // cover (1.5-3 us each on a 2-core VM).
  // 0: max(400,000, 4 x the e-nodes at the start), a budget that grows with the model as
  // the node limit does (a 200,000-term sum loads as 600,000 e-nodes). Checked after
  // each iteration: the last one runs to its end.
  std::size_t work = 0;
  // A wall-clock safety net only, far above what the work budget takes: 0: max(30 s,
  // 50 us x the e-nodes at the start), ten times that under AddressSanitizer. A run that
  // reaches it depends on the machine (RunReport::reason says so).
  std::chrono::milliseconds time{0};
  // Replacements of one distribution a class may hold (0: any number). Each closure
  // rule applied to a class's k replacements makes k more at its parents, and sums
  // and products multiply them: a normal shifted by non-Gaussian terms, or lognormals
  // multiplied, get one replacement per subset of their atoms and the e-graph grows
  // exponentially with the depth of such terms (the generic 10,000-node model of
  // bench_saturation reached 200,000 e-nodes). The first ones are kept: the affine
  // Gaussian form's, which covers every atom, comes first.
  std::size_t replacements_per_class = 2;
  std::size_t match_limit = 1'000;  // per rule and iteration before the scheduler bans it
  std::size_t ban_length = 5;       // iterations, doubled on each ban
  std::size_t max_bans = 4;         // the match threshold stops doubling after this many bans
};

// ExpansionLimit: the non-expansive rules saturated and the expansive ones reached
// Limits::expansion_nodes.
enum class StopReason { Saturated, IterationLimit, NodeLimit, WorkLimit, TimeLimit, ExpansionLimit };
inline constexpr std::size_t kStopReasons = static_cast<std::size_t>(StopReason::ExpansionLimit) + 1;
std::string to_string(StopReason r);

struct TraceEntry {
  std::size_t iteration;
  std::string rule;
  ClassId eclass;
  std::string before, after;  // the left and right side under the match
  int level = 0;              // the composite level the model was saturated at (simplify.hpp)
};

struct RunReport {
  StopReason reason = StopReason::Saturated;
  std::size_t iterations = 0;
  std::size_t nodes = 0, classes = 0;
  std::size_t work = 0;  // in Limits::work's units
  std::chrono::microseconds elapsed{0};
  // When the non-expansive rules had saturated (the expansive ones start then);
  // -1 when they never did within the limits.
  std::chrono::microseconds base_saturated{-1};
  std::size_t base_nodes = 0;
  std::vector<TraceEntry> trace;  // every application that changed the e-graph
};

class Runner {
 public:
  explicit Runner(Limits limits = {}) : limits_(limits) {}
  // Saturates `g` with `rules`. With `trace`, records each effective application.
  RunReport run(EGraph& g, const std::vector<Rule>& rules, bool trace = true) const;

 private:
  Limits limits_;
};

// A short readable term for class c (its cheapest-looking member), for traces.
std::string describe(const EGraph& g, ClassId c, int depth = 3);

}  // namespace alea::rewrite
