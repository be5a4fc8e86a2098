// Saturation plus extraction time and e-node counts for generated models of 100,
// 1,000 and 10,000 nodes, with the algebra rules alone and with every default
// rule. Ratios are against the 100-node model of the same run; the last column
// is the growth exponent log(t2/t1)/log(n2/n1) between consecutive sizes.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "alea/model/model.hpp"
#include "alea/rewrite/rules.hpp"
#include "alea/rewrite/simplify.hpp"
#include "../rewrite/generic_model.hpp"

using namespace alea;

namespace {

struct Row {
  double ms, base_ms;
  std::size_t enodes, base_nodes, iterations;
  std::string reason;
};

Row run(const Model& m, const std::vector<rewrite::Rule>& rules) {
  rewrite::SimplifyOptions opt;
  opt.rules = rules;
  opt.trace = false;
  const auto t0 = std::chrono::steady_clock::now();
  const rewrite::SimplifyResult r = rewrite::simplify(m, opt);
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  const double base_ms = static_cast<double>(r.report.base_saturated.count()) / 1000.0;
  return {ms, base_ms, r.report.nodes, r.report.base_nodes, r.report.iterations, rewrite::to_string(r.report.reason)};
}

}  // namespace

int main() {
  const std::vector<std::size_t> sizes{100, 1'000, 10'000};
  const std::vector<std::pair<const char*, std::vector<rewrite::Rule>>> sets{
      {"algebra", rewrite::algebra_rules()}, {"all rules", rewrite::default_rules()}};
  std::printf("Default limits (work max(400000, 4 x start), e-nodes max(20000, 4 x start)). 'base' is the saturation of every\n"
              "rule but the expansive ones (associativity, distributivity), which then run until a limit.\n\n");
  std::printf("%-10s %7s %9s %9s %7s %10s %10s %6s %-16s %7s\n", "rules", "nodes", "base ms", "base e-n", "growth",
              "total ms", "e-nodes", "iters", "stopped", "x100n");
  for (const auto& [name, rules] : sets) {
    double base = 0, total = 0, prev_ms = 0;
    std::size_t prev_n = 0;
    for (std::size_t n : sizes) {
      const Model m = test::generic_model(n, 42);
      const Row r = run(m, rules);
      if (n == sizes.front()) base = r.base_ms, total = r.ms;
      const double growth = prev_n ? std::log(r.base_ms / prev_ms) / std::log(double(n) / double(prev_n)) : 0.0;
      std::printf("%-10s %7zu %9.2f %9zu %7.2f %10.1f %10zu %6zu %-16s %7.1f\n", name, n, r.base_ms, r.base_nodes,
                  growth, r.ms, r.enodes, r.iterations, r.reason.c_str(), r.base_ms / base);
      // The base ratio where the non-expansive rules saturated (base_ms < 0: they hit a
      // limit first); the total, with the budget, always.
      const char* set = std::string(name) == "algebra" ? "algebra" : "all_rules";
      if (n != sizes.front() && r.base_ms > 0)
        std::printf("RATIO saturation_base_%s_%zu_nodes %.1f same_rules_100_nodes\n", set, n, r.base_ms / base);
      if (n != sizes.front())
        std::printf("RATIO saturation_total_%s_%zu_nodes %.1f same_rules_100_nodes\n", set, n, r.ms / total);
      prev_ms = r.base_ms;
      prev_n = n;
    }
  }
  return 0;
}
