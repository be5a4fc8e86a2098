// A Bayesian neural network written as user-defined ops (bnn.hpp): fixed linear
// layers, a Bayesian tanh layer and a Bayesian readout, a backbone made of layers and
// a regression model made of the backbone and the readout. The rewriter works from the
// top: the model's own fact first (the readout and the noise integrate out), then the
// layers' (two linear layers compose), then the primitives'. Prints the model as
// written and simplified, the rules that fired at each level, and forward draws of
// both models side by side.
#include <cmath>
#include <iostream>
#include <map>

#include "alea/infer/forward.hpp"
#include "alea/infer/summary.hpp"
#include "alea/rewrite/simplify.hpp"
#include "bnn.hpp"

namespace {

// The rules that fired in each saturation, from the highest level down, in order.
void print_levels(const std::string& title, const alea::rewrite::SimplifyResult& r) {
  std::cout << "\n" << title << ":\n";
  for (const auto& level : r.levels) {
    std::cout << "  level " << level.level << ":";
    std::string last;
    int count = 0;
    const auto flush = [&] {
      if (count > 0) std::cout << " " << last << (count > 1 ? " x" + std::to_string(count) : "");
    };
    for (const alea::rewrite::TraceEntry& e : r.report.trace) {
      if (e.level != level.level) continue;
      if (e.rule != last) flush(), last = e.rule, count = 0;
      ++count;
    }
    flush();
    std::cout << (last.empty() ? " (none)" : "") << "\n";
  }
}

}  // namespace

int main() {
  using namespace alea;
  // Eight inputs on [-2, 2] with a constant feature; a fixed first layer A (2 -> 4) and
  // second layer B (4 -> 3), then 3 Bayesian tanh units and a Bayesian readout.
  const std::int64_t n = 8;
  std::vector<double> x(2 * n);
  for (std::int64_t i = 0; i < n; ++i) {
    x[static_cast<std::size_t>(i)] = -2.0 + 4.0 * static_cast<double>(i) / static_cast<double>(n - 1);
    x[static_cast<std::size_t>(n + i)] = 1.0;  // column-major: the second column
  }
  const Value X(Shape::matrix(n, 2), x, ScalarType::Real);
  const Value A(Shape::matrix(2, 4), {1.0, 0.5, -0.5, 1.0, 0.25, -1.0, 0.75, 0.0}, ScalarType::Real);
  const Value B(Shape::matrix(4, 3), {1, 0, 0, 1, 0, 1, 0, -1, 0.5, 0, 1, 0.5}, ScalarType::Real);

  Model m;
  const Expr xs = m.data("X", X), a = m.data("A", A), b = m.data("B", B);
  m.random("y", bnn::model(xs, a, b, 1.0, 1.0, 0.3, n));
  m.monitor({"y"});
  std::cout << "as written:\n" << to_string(m);

  rewrite::SimplifyOptions options;
  options.trace = true;
  const rewrite::SimplifyResult r = rewrite::simplify(m, options);
  std::cout << "\nsimplified:\n" << to_string(r.model);
  print_levels("rules fired, level by level from the model's (3) down to the primitives' (0)", r);

  // A user who registered only the layers' facts gets the same model: the model
  // expands, and the readout's fact fires on the closed layers at level 2.
  rewrite::SimplifyOptions layers = options;
  for (rewrite::Rule& rule : rewrite::default_rules())
    if (rule.name != "bnn-marginal") layers.rules.push_back(std::move(rule));
  const rewrite::SimplifyResult by_layers = rewrite::simplify(m, layers);
  print_levels("without the model's fact", by_layers);
  std::cout << "  same model: " << (to_string(by_layers.model) == to_string(r.model) ? "yes" : "no") << "\n";

  // Forward draws of y[1] and y[n]: the model as written (through every op's body) and
  // the simplified one.
  Rng naive_rng(11), simple_rng(12);
  const std::vector<std::string> keep{"y"};
  std::cout << "\nforward draws as written:\n" << format_summary(summarize(sample_prior(m, 4000, naive_rng, keep)));
  std::cout << "forward draws simplified:\n" << format_summary(summarize(sample_prior(r.model, 4000, simple_rng, keep)));
  return 0;
}
