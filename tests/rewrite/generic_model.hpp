// bench_saturation's generic model, shared with the runner's tests: independent
// normal draws combined by + - * exp log and constants; every 10th node is a named
// visible variable.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "alea/dist/rng.hpp"
#include "alea/model/model.hpp"

namespace alea::test {

inline Model generic_model(std::size_t nodes, std::uint64_t seed) {
  Rng rng(seed);
  Model m;
  std::vector<Expr> pool;
  std::size_t named = 0;
  while (m.graph().size() < nodes) {
    const double u = rng.uniform01();
    auto pick = [&]() { return pool[static_cast<std::size_t>(rng.uniform01() * static_cast<double>(pool.size()))]; };
    Expr e = pool.size() < 4 || u < 0.2 ? m.draw(normal(rng.std_normal(), 1.0 + rng.uniform01()))
             : u < 0.45                 ? pick() + pick()
             : u < 0.6                  ? pick() * (1.0 + std::floor(4 * rng.uniform01()))
             : u < 0.7                  ? pick() - pick()
             : u < 0.8                  ? exp(pick())
             : u < 0.9                  ? pick() + 0.0
                                        : log(exp(pick()));
    pool.push_back(e);
    if (pool.size() % 10 == 0) m.let("v" + std::to_string(named++), e);
  }
  return m;
}

}  // namespace alea::test
