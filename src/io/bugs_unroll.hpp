// Internal to the BUGS builder: a program's statements unrolled over their loops into
// instances (one statement with its loop variables bound), each defining a whole
// variable, a block of its elements, or (vectorized) elements 1..n of a vector at once.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "alea/io/bugs_ast.hpp"
#include "alea/model/model.hpp"

namespace alea::io::detail {

using Env = std::map<std::string, std::int64_t>;
using MultiIndex = std::vector<std::int64_t>;  // 1-based, one entry per index position

// One position of a left side's index: a single index (lo == hi, !range) or a range.
struct IndexSpan {
  std::int64_t lo = 1, hi = 1;
  bool range = false;
};

struct Instance {
  const bugs::Stmt* stmt = nullptr;
  Env env;
  std::string name;
  // The elements defined, one span per index position; empty for the whole variable.
  std::vector<IndexSpan> block;
  std::string vec_var;  // vectorized: the loop variable, and elements 1..vec_n at once
  std::int64_t vec_n = 0;
  int state = 0;  // depth-first sort: 0 new, 1 on the stack, 2 done
  std::optional<Expr> result;
};

// Limits of unrolling (docs/bugs-language.md, "Model size"): a loop that would pass
// them stops at once with the loop and its bounds named.
inline constexpr std::int64_t kMaxUnrolledStatements = 5'000'000;
inline constexpr std::int64_t kMaxVectorElements = 100'000'000;

// What the unroller needs from the builder: the integer value of a constant
// expression (loop bounds, left-side indices), the size of an array's dimension for
// `x[i, ]` on a left side, and whether a statement may become one vector draw.
struct UnrollHooks {
  std::function<std::int64_t(const bugs::Expr&, const Env&, const std::string& what)> integer_of;
  std::function<std::optional<std::int64_t>(const std::string& name, std::size_t position, std::size_t rank)> dim_of;
  std::function<bool(const bugs::Stmt&, const std::string& loop_var)> may_vectorize;
};

// Unrolls `stmts`. Statements in `no_vectorize` are unrolled element by element even
// when they could be vectorized (they take part in a recurrence through another array).
std::vector<Instance> unroll_statements(const std::vector<bugs::Stmt>& stmts, const UnrollHooks& hooks,
                                        const std::set<const bugs::Stmt*>& no_vectorize, bool data_block);

// "x[2,3]", "x[2,1:3]", or "x" for the whole variable.
std::string instance_label(const Instance& in);
std::string element_label(const std::string& name, const MultiIndex& k);

}  // namespace alea::io::detail
