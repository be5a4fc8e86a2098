// libFuzzer target for the BUGS parser and model builder: parse, check that the canonical
// text parses back to the same tree, build with no data, and parse the model's to_bugs text.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "alea/io/bugs_model.hpp"
#include "alea/io/bugs_parser.hpp"
#include "fuzz_util.hpp"

namespace {

using alea::io::bugs::BinaryOp;
using alea::io::bugs::Expr;
using alea::io::bugs::Index;
using alea::io::bugs::Program;
using alea::io::bugs::Stmt;

// The builder unrolls loops and materializes index ranges, so `for (i in 1:1e9)` is a
// legitimate way to ask for a huge model. The fuzzer only builds models whose loop
// bounds, index ranges and declared dimensions are provably small.
constexpr double kMaxCount = 1000;        // one loop's trip count, one range's length
constexpr double kMaxUnrolled = 10000;    // product of the trip counts of nested loops
constexpr double kUnbounded = INFINITY;

// A conservative bound on |value| of a constant expression; `vars` bounds every variable
// that is not a loop variable, `loops` the loop variables in scope.
struct Bounder {
  double vars = 1;
  std::map<std::string, double> loops;

  double operator()(const Expr& e) const {
    switch (e.kind) {
      case Expr::Kind::Number: return std::max(1.0, std::abs(e.number));
      case Expr::Kind::Neg: return (*this)(e.args[0]);
      case Expr::Kind::Var: {
        if (auto it = loops.find(e.name); it != loops.end() && !e.indexed) return it->second;
        return vars;
      }
      case Expr::Kind::Binary: {
        const double a = (*this)(e.args[0]), b = (*this)(e.args[1]);
        switch (e.op) {
          case BinaryOp::Add:
          case BinaryOp::Sub: return a + b;
          case BinaryOp::Mul: return a * b;
          case BinaryOp::Div:
            return e.args[1].kind == Expr::Kind::Number && e.args[1].number >= 1 ? a : kUnbounded;
          case BinaryOp::Pow: return std::pow(a, b);
          case BinaryOp::Eq:
          case BinaryOp::Ne:
          case BinaryOp::Lt:
          case BinaryOp::Le:
          case BinaryOp::Gt:
          case BinaryOp::Ge:
          case BinaryOp::And:
          case BinaryOp::Or: return 1;  // 0 or 1
          case BinaryOp::MatMul: return kUnbounded;
        }
        return kUnbounded;
      }
      case Expr::Kind::Call: {
        static const std::set<std::string> shrinking = {"sqrt", "abs", "log", "log1p", "min", "max", "logit",
                                                        "ilogit", "logistic", "step", "equals", "neg", "mean"};
        if (!shrinking.count(e.name)) return kUnbounded;
        double m = 1;
        for (const Expr& a : e.args) m = std::max(m, (*this)(a));
        return m;
      }
    }
    return kUnbounded;
  }
};

// Bounds every scalar that deterministic statements define, to a fixed point.
void bound_definitions(const std::vector<Stmt>& stmts, Bounder& b, bool& changed) {
  for (const Stmt& s : stmts) {
    if (s.kind == Stmt::Kind::For) {
      bound_definitions(s.body, b, changed);
    } else if (s.kind == Stmt::Kind::Deterministic) {
      const double v = b(s.rhs);
      if (v > b.vars) b.vars = v, changed = true;
    }
  }
}

bool indices_small(const Expr& e, const Bounder& b) {
  for (const Index& idx : e.indices) {
    if (idx.kind == Index::Kind::Range && b(idx.bounds[0]) + b(idx.bounds[1]) > kMaxCount) return false;
    for (const Expr& x : idx.bounds)
      if (!indices_small(x, b)) return false;
  }
  for (const Expr& a : e.args)
    if (!indices_small(a, b)) return false;
  return true;
}

bool loops_small(const std::vector<Stmt>& stmts, Bounder& b, double unrolled) {
  for (const Stmt& s : stmts) {
    if (s.kind != Stmt::Kind::For) {
      if (!indices_small(s.lhs, b) || !indices_small(s.rhs, b)) return false;
      if (s.bounds && ((s.bounds->lo && !indices_small(*s.bounds->lo, b)) ||
                       (s.bounds->hi && !indices_small(*s.bounds->hi, b))))
        return false;
      continue;
    }
    const double lo = b(*s.from), hi = b(*s.to);
    const double count = lo + hi + 1;
    if (count > kMaxCount || unrolled * count > kMaxUnrolled) return false;
    const auto saved = b.loops;
    b.loops[s.loop_var] = std::max(lo, hi);
    const bool ok = loops_small(s.body, b, unrolled * count);
    b.loops = saved;
    if (!ok) return false;
  }
  return true;
}

bool small_enough_to_build(const Program& p) {
  Bounder b;
  for (int round = 0;; ++round) {
    bool changed = false;
    bound_definitions(p.data, b, changed);
    bound_definitions(p.model, b, changed);
    if (!changed) break;
    if (round == 4 || b.vars > kMaxCount) return false;
  }
  for (const auto& decl : p.vars)
    for (const Expr& d : decl.dims)
      if (b(d) > kMaxCount) return false;
  return loops_small(p.data, b, 1) && loops_small(p.model, b, 1);
}

[[noreturn]] void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "fuzz_bugs: %s\n---\n%s\n---\n", what, text.c_str());
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > alea::fuzz::kMaxInputBytes) return -1;  // -1: do not add to the corpus
  Program program;
  try {
    program = alea::io::parse_bugs(alea::fuzz::as_text(data, size), "fuzz.bug");
  } catch (const alea::InputError&) {
    return 0;
  }

  // Documented: parse_bugs(to_string(p)) is structurally equal to p.
  const std::string canonical = alea::io::to_string(program);
  try {
    if (!alea::io::same_structure(alea::io::parse_bugs(canonical, "canonical.bug"), program))
      fail("the canonical text parses to a different tree", canonical);
  } catch (const alea::InputError& e) {
    fail(e.what(), canonical);
  }

  if (!small_enough_to_build(program)) return 0;
  std::optional<alea::Model> model;
  try {
    model.emplace(alea::io::build_model(program, alea::io::DataSet{}));
  } catch (const alea::InputError&) {
    return 0;
  } catch (const std::domain_error&) {  // the CLI reports these three as user errors too
    return 0;
  } catch (const std::invalid_argument&) {
    return 0;
  } catch (const std::out_of_range&) {
    return 0;
  }  // anything else (std::logic_error, std::length_error, ...) escapes: a bug
  const std::string written = alea::io::to_bugs(*model);  // any exception here is a bug
  try {
    (void)alea::io::parse_bugs(written, "written.bug");
  } catch (const alea::InputError& e) {
    fail(e.what(), written);
  }
  return 0;
}
