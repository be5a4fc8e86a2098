// Randomized soundness check of pointwise rewriting: in random models whose every
// variable is visible, no draw may be marginalized, so each deterministic variable
// of the simplified model must equal its original definition at every draw.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "alea/dist/ops.hpp"
#include "alea/infer/forward.hpp"
#include "alea/rewrite/simplify.hpp"

using namespace alea;

namespace {

struct RandomModel {
  Model model;
  std::vector<std::string> deterministic;
};

RandomModel generate(Rng& rng) {
  RandomModel out;
  Model& m = out.model;
  std::vector<Expr> pool;
  std::vector<Expr> positive;
  auto pick = [&](const std::vector<Expr>& from) {
    return from[static_cast<std::size_t>(rng.uniform01() * static_cast<double>(from.size()))];
  };
  const int draws = 2 + static_cast<int>(rng.uniform01() * 3);
  for (int k = 0; k < draws; ++k) {
    const std::string name = "d" + std::to_string(k);
    const double u = rng.uniform01();
    if (u < 0.5) {
      pool.push_back(m.random(name, normal(std::floor(rng.uniform01() * 3) - 1, 1.0 + std::floor(rng.uniform01() * 2))));
    } else if (u < 0.75) {
      pool.push_back(m.random(name, gamma(2.0, 1.0)));
      positive.push_back(pool.back());
    } else {
      pool.push_back(m.random(name, bernoulli(0.5)));
    }
  }
  const int lets = 3 + static_cast<int>(rng.uniform01() * 5);
  for (int k = 0; k < lets; ++k) {
    const double u = rng.uniform01();
    const double c = std::floor(rng.uniform01() * 5) - 2;
    Expr e = u < 0.2   ? pick(pool) + pick(pool)
             : u < 0.35 ? pick(pool) - pick(pool)
             : u < 0.5  ? pick(pool) * c
             : u < 0.6  ? pick(pool) * pick(pool)
             : u < 0.7  ? pick(pool) + c
             : u < 0.8  ? log(exp(pick(pool)))
             : u < 0.9 && !positive.empty() ? log(pick(positive)) + log(pick(positive))
                                            : square(pick(pool)) - pick(pool);
    const std::string name = "v" + std::to_string(k);
    m.let(name, e);
    out.deterministic.push_back(name);
    pool.push_back(e);
  }
  return out;
}

// The original definition of every node, evaluated with the draws of one row.
std::vector<Value> evaluate_original(const Model& m, const DrawTable& t, std::size_t row) {
  const Graph& g = m.graph();
  std::vector<Value> vals(g.size());
  for (NodeId id = 0; id < g.size(); ++id) {
    const Node& n = g.node(id);
    if (n.op == Op::Constant) {
      vals[id] = *n.constant;
    } else if (n.op == Op::Draw) {
      for (const Variable& v : m.variables())
        if (v.node == id) vals[id] = Value(t.at(row, t.column_index(v.name)));
    } else {
      std::vector<Value> in;
      for (NodeId i : n.inputs) in.push_back(vals[i]);
      vals[id] = dist::evaluate(n.op, in);
    }
  }
  return vals;
}

}  // namespace

TEST_CASE("random models with every variable visible keep every definition pointwise", "[rewrite][random]") {
  Rng rng(20261123);
  for (int trial = 0; trial < 150; ++trial) {
    RandomModel rm = generate(rng);
    const rewrite::SimplifyResult r = rewrite::simplify(rm.model);
    INFO("trial " << trial << "\n" << to_string(rm.model) << "simplified:\n" << to_string(r.model));
    Rng draw_rng(static_cast<std::uint64_t>(trial));
    const DrawTable t = sample_prior(r.model, 10, draw_rng);
    for (std::size_t row = 0; row < t.rows(); ++row) {
      const std::vector<Value> original = evaluate_original(rm.model, t, row);
      for (const std::string& name : rm.deterministic) {
        const double want = original[rm.model.variable(name).node].scalar();
        const double got = t.at(row, t.column_index(name));
        if (std::isfinite(want)) REQUIRE(got == Approx(want).epsilon(1e-9).margin(1e-9));
      }
    }
  }
}
