// The saturation loop with its limits and the backoff scheduler.
#include "alea/rewrite/runner.hpp"

#include <algorithm>
#include <limits>

#include "alea/graph/composite.hpp"

namespace alea::rewrite {
namespace {

// The wall-clock safety net: a build under AddressSanitizer runs about ten times slower,
// and gets ten times the budget (an explicit Limits::time is taken as given).
#if defined(__SANITIZE_ADDRESS__)
constexpr long kInstrumentedSlowdown = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long kInstrumentedSlowdown = 10;
#else
constexpr long kInstrumentedSlowdown = 1;
#endif
#else
constexpr long kInstrumentedSlowdown = 1;
#endif

struct RuleStats {
  std::size_t banned_until = 0;
  std::size_t times_banned = 0;
};

std::string instance_text(const EGraph& g, const PatternNode& p, const Match& m) {
  switch (p.kind) {
    case PatternNode::Kind::Var: {
      const ClassId* bound = m.subst.find(p.var);
      return bound ? describe(g, *bound, 2) : p.var;
    }
    case PatternNode::Kind::Constant: return format_number(p.constant);
    default: break;
  }
  std::string s = "(" + head_name(p);
  for (const PatternNode& c : p.children) s += " " + instance_text(g, c, m);
  return s + ")";
}

}  // namespace

std::string to_string(StopReason r) {
  switch (r) {
    case StopReason::Saturated: return "saturated";
    case StopReason::IterationLimit: return "iteration limit";
    case StopReason::NodeLimit: return "e-node limit";
    case StopReason::WorkLimit: return "work limit";
    case StopReason::TimeLimit: return "time limit";
    case StopReason::ExpansionLimit: return "expansion limit";
  }
  return "?";
}

std::string describe(const EGraph& g, ClassId c, int depth) {
  const EClass& cls = g.eclass(c);
  if (cls.data.constant) return to_string(*cls.data.constant);
  // Prefer a leaf (draw), then the node with the fewest children.
  const ENode* best = nullptr;
  for (const ENode& n : cls.nodes)
    if (!best || (is_site(n.op) && !is_site(best->op)) ||
        (!is_site(n.op) && !is_site(best->op) && n.children.size() < best->children.size()))
      best = &n;
  if (!best) return "?";
  if (best->op == Op::Composite)
    return "_s" + std::to_string(best->payload) + ":" + std::string(composite_def(best->composite).name);
  if (best->op == Op::Draw) {
    const SiteInfo& s = g.site(best->payload);
    std::string name = s.replacement ? "~" : "_s";
    return name + std::to_string(best->payload) + ":" + std::string(dist_info(best->dist).name);
  }
  if (depth <= 0) return "#" + std::to_string(g.find(c));
  std::string s = "(" + std::string(op_info(best->op).name);
  for (ClassId ch : best->children) s += " " + describe(g, ch, depth - 1);
  return s + ")";
}

RunReport Runner::run(EGraph& g, const std::vector<Rule>& rules, bool trace) const {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  RunReport report;
  std::vector<RuleStats> stats(rules.size());
  g.set_replacement_cap(limits_.replacements_per_class);
  g.rebuild();
  const std::size_t node_limit = limits_.nodes ? limits_.nodes : std::max<std::size_t>(20'000, 4 * g.node_count());
  bool expand = false;
  std::size_t expansion_limit = 0;  // set when the expansive rules join
  const std::size_t work_limit = limits_.work ? limits_.work : std::max<std::size_t>(400'000, 4 * g.node_count());
  const std::chrono::milliseconds budget =
      limits_.time.count() > 0 ? limits_.time
                               : kInstrumentedSlowdown * std::max(std::chrono::milliseconds(30'000),
                                                                  std::chrono::milliseconds(static_cast<long>(
                                                                      g.node_count() / 20)));
  auto out_of_time = [&] { return clock::now() - start > budget; };
  const bool has_expansive = std::any_of(rules.begin(), rules.end(), [](const Rule& r) { return r.expansive; });
  // Set when nothing changed but banned rules: the next iteration searches every rule
  // without a match threshold, so a rule whose matches stay above the largest threshold
  // (all of them already applied) cannot keep saturation from being detected.
  bool unthrottled = false;
  for (std::size_t iter = 0;; ++iter) {
    if (iter >= limits_.iterations) {
      report.reason = StopReason::IterationLimit;
      break;
    }
    // Search first, then apply: every rule sees the same e-graph in one iteration.
    std::vector<std::vector<Match>> matches(rules.size());
    report.work += g.node_count();
    bool any_banned = false;
    bool stop_time = false;
    for (std::size_t r = 0; r < rules.size() && !stop_time; ++r) {
      if (rules[r].expansive && !expand) continue;
      if (stats[r].banned_until > iter) {
        any_banned = true;
        continue;
      }
      // Only the expansive rules are throttled: the others are bounded (a class holds
      // few replacements of a kind), and banning them only delays their saturation.
      const std::size_t threshold = unthrottled || !rules[r].expansive
                                        ? std::numeric_limits<std::size_t>::max() - 1
                                        : limits_.match_limit << std::min(stats[r].times_banned, limits_.max_bans);
      matches[r] = search_multi(g, rules[r].lhs, threshold + 1, rules[r].roots);
      report.work += matches[r].size();
      if (matches[r].size() > threshold) {
        stats[r].banned_until = iter + (limits_.ban_length << std::min(stats[r].times_banned, limits_.max_bans));
        ++stats[r].times_banned;
        matches[r].clear();
        any_banned = true;
      }
      stop_time = out_of_time();
    }
    // Distributional matches that integrate out more sites go first: a class holds
    // only Limits::replacements_per_class replacements of a kind, and x + y should
    // get normal-sum's (covering x and y) before normal-shift's (x given y).
    std::vector<std::tuple<std::size_t, std::size_t, std::size_t>> order;  // (sites covered, rule, match)
    for (std::size_t r = 0; r < rules.size(); ++r)
      for (std::size_t k = 0; k < matches[r].size(); ++k) {
        // A computed right side (the affine Gaussian form's) matches no draw: the root's
        // sites bound what it covers.
        const Match& m = matches[r][k];
        std::size_t covered = 0;
        if (rules[r].kind == RuleKind::Distributional && m.draws.empty()) covered = g.data(m.root).sites.size();
        else if (rules[r].kind == RuleKind::Distributional)
          for (const DrawHit& d : m.draws) covered += g.site(d.site).cover.size();
        order.emplace_back(covered, r, k);
        report.work += covered / 8;  // site sets, sorted vectors, cost in proportion to them
      }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
    bool changed = false;
    bool stop_nodes = false, stop_expansion = false;
    for (const auto& [key, r, k] : order) {
      if (stop_nodes || stop_time || stop_expansion) break;
      const Match& m = matches[r][k];
      // A refused application may still have added its right side's parameters, so
      // the limits are checked after every one.
      const bool applied = apply_match(g, rules[r], m);
      changed = changed || applied;
      if (applied && trace) {
        std::string after = rules[r].rhs ? instance_text(g, *rules[r].rhs, m) : describe(g, m.root, 2);
        // Written only for applications that changed the graph: most matches do not,
        // and the text costs more than the match. The left side's variables are
        // classes other than the merged root, so their description is unchanged.
        report.trace.push_back(
            {iter, rules[r].name, g.find(m.root), instance_text(g, rules[r].lhs[0], m), std::move(after)});
      }
      if (g.node_count() > node_limit) {
        stop_nodes = true;
        break;
      }
      if (expand && g.node_count() > expansion_limit) {
        stop_expansion = true;
        break;
      }
      // Checked after every application, so a slow iteration overshoots by one match.
      if (out_of_time()) {
        stop_time = true;
        break;
      }
    }
    g.rebuild();
    report.iterations = iter + 1;
    if (stop_nodes || g.node_count() > node_limit) {
      report.reason = StopReason::NodeLimit;
      break;
    }
    if (stop_time || out_of_time()) {
      report.reason = StopReason::TimeLimit;
      break;
    }
    if (stop_expansion || (expand && g.node_count() > expansion_limit)) {
      report.reason = StopReason::ExpansionLimit;
      break;
    }
    if (!changed && !any_banned) {
      if (!has_expansive || expand) {
        if (report.base_saturated.count() < 0 && !has_expansive) {
          report.base_saturated = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
          report.base_nodes = g.node_count();
        }
        report.reason = StopReason::Saturated;
        break;
      }
      // The others saturated: the expansive rules join, unless the work is spent.
      expand = true;
      expansion_limit =
          limits_.expansion_nodes ? limits_.expansion_nodes : std::max<std::size_t>(1'000, 8 * g.node_count());
      report.base_saturated = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
      report.base_nodes = g.node_count();
      if (report.work <= work_limit) continue;
    }
    if (report.work > work_limit) {
      report.reason = StopReason::WorkLimit;
      break;
    }
    unthrottled = false;
    if (!changed && any_banned) {
      // Only banned rules could still change anything: lift the bans now rather than
      // idling, and search them in full.
      for (RuleStats& s : stats) s.banned_until = 0;
      unthrottled = true;
    }
  }
  report.nodes = g.node_count();
  report.classes = g.class_count();
  report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
  return report;
}

}  // namespace alea::rewrite
