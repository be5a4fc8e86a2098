// Random small models for differential fuzzing of the rewriter: draws of several
// families, sums, scalings, exp/log, shared variables, some visible, some observed.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "rewrite/model_test_util.hpp"
#include "alea/infer/draw_table.hpp"
#include "alea/model/model.hpp"

namespace alea::test::fuzz {

struct FuzzModel {
  std::uint64_t seed = 0;
  Model model;
  std::vector<std::string> queried;   // visible and unobserved
  std::vector<std::string> observed;  // visible with data from one naive forward draw
  std::vector<std::string> visible() const;
};

// A model of 3 to 8 draws (named or anonymous) and 2 to 6 named deterministic
// variables, reproducible from `seed`.
FuzzModel generate(std::uint64_t seed);

// The number of scalar columns of the queried variables (one KS test each).
std::size_t queried_columns(const FuzzModel& fm);

// The value of variable `name` in row `row` of a draw table (vectors from name.1, ...).
Value row_value(const Model& m, const DrawTable& t, const std::string& name, std::size_t row);

// Named variables whose node is reached from `name`'s definition without passing
// through another named variable; empty optional-like flag `ok` false when an
// anonymous draw is reached (the definition then is not a function of named ones).
struct Operands {
  bool ok = true;
  std::vector<std::string> names;
};
Operands operands(const Model& m, const std::string& name);

// Evaluates `name`'s original definition from the values of its operands.
Value evaluate_definition(const Model& m, const std::string& name, const std::map<std::string, Value>& at);

using test::count_draws;

}  // namespace alea::test::fuzz
