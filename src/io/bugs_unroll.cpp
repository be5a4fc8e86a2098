// BUGS loops unrolled into instances, with the size guard, and the choice of which
// loops of scalar statements become one vector statement.
#include "bugs_unroll.hpp"

#include <algorithm>

#include "bugs_build.hpp"

namespace alea::io::detail {
namespace {

using BExpr = bugs::Expr;
using bugs::Stmt;

class Unroller {
 public:
  Unroller(const UnrollHooks& hooks, const std::set<const Stmt*>& no_vectorize, bool data_block)
      : hooks_(hooks), no_vectorize_(no_vectorize), data_block_(data_block) {}

  void unroll(const std::vector<Stmt>& stmts, const Env& env) {
    for (const Stmt& s : stmts) unroll(s, env);
  }

  std::vector<Instance> take() { return std::move(out_); }

 private:
  void unroll(const Stmt& s, const Env& env) {
    if (s.kind != Stmt::Kind::For) {
      add(s, env, "", 0);
      return;
    }
    const std::int64_t from = hooks_.integer_of(*s.from, env, "loop bound");
    const std::int64_t to = hooks_.integer_of(*s.to, env, "loop bound");
    const std::int64_t iterations = to >= from ? to - from + 1 : 0;
    std::vector<const Stmt*> scalar_body;
    for (const Stmt& b : s.body) {
      if (b.kind != Stmt::Kind::For && from == 1 && to >= 1 && !no_vectorize_.count(&b) &&
          hooks_.may_vectorize(b, s.loop_var)) {
        vector_elements_ += to;
        if (vector_elements_ > kMaxVectorElements) too_large(s, from, to, "vector elements", kMaxVectorElements);
        Env inner = env;
        inner.erase(s.loop_var);
        add(b, inner, s.loop_var, to);
      } else {
        scalar_body.push_back(&b);
      }
    }
    // Checked before the loop runs, so that `for (i in 1:1e9)` stops at once.
    if (!scalar_body.empty() &&
        iterations > (kMaxUnrolledStatements - count_) / static_cast<std::int64_t>(scalar_body.size()))
      too_large(s, from, to, "statements", kMaxUnrolledStatements);
    for (std::int64_t i = from; i <= to; ++i) {
      Env inner = env;
      inner[s.loop_var] = i;
      for (const Stmt* b : scalar_body) unroll(*b, inner);
    }
  }

  [[noreturn]] void too_large(const Stmt& loop, std::int64_t from, std::int64_t to, const char* what,
                              std::int64_t limit) const {
    throw InputError(loop.loc, "loop 'for (" + loop.loop_var + " in " + std::to_string(from) + ":" +
                                   std::to_string(to) + ")' makes the model larger than alea's limit of " +
                                   std::to_string(limit) + " " + what + " (docs/bugs-language.md, \"Model size\")");
  }

  void add(const Stmt& s, const Env& env, const std::string& vec_var, std::int64_t n) {
    if (data_block_ && s.kind == Stmt::Kind::Stochastic)
      throw InputError(s.loc, "the data block can only transform data with '<-'; '~' is not supported there");
    if (vec_var.empty() && ++count_ > kMaxUnrolledStatements)
      throw InputError(s.loc, "the model unrolls to more than " + std::to_string(kMaxUnrolledStatements) +
                                  " statements (docs/bugs-language.md, \"Model size\")");
    Instance in;
    in.stmt = &s;
    in.env = env;
    in.name = s.lhs.name;
    in.vec_var = vec_var;
    in.vec_n = n;
    if (vec_var.empty()) in.block = left_block(s, in.env);
    out_.push_back(std::move(in));
  }

  // The elements a left side defines. `x` and a vector's `x[]` or `x[1:n]` alone define
  // the whole variable (an empty block); every other form a block of elements.
  std::vector<IndexSpan> left_block(const Stmt& s, const Env& env) const {
    const auto& idx = s.lhs.indices;
    if (idx.empty()) return {};
    if (idx.size() == 1 && idx[0].kind == bugs::Index::Kind::Empty) return {};
    std::vector<IndexSpan> block;
    for (std::size_t p = 0; p < idx.size(); ++p) {
      const bugs::Index& ix = idx[p];
      const std::string what = "index of '" + s.lhs.name + "'";
      IndexSpan span;
      if (ix.kind == bugs::Index::Kind::Single) {
        span.lo = span.hi = hooks_.integer_of(ix.bounds[0], env, what);
      } else if (ix.kind == bugs::Index::Kind::Range) {
        span.lo = hooks_.integer_of(ix.bounds[0], env, what);
        span.hi = hooks_.integer_of(ix.bounds[1], env, what);
        span.range = true;
        if (span.hi < span.lo)
          throw InputError(ix.loc, "range " + std::to_string(span.lo) + ":" + std::to_string(span.hi) + " of '" +
                                       s.lhs.name + "' is empty");
      } else {
        auto n = hooks_.dim_of(s.lhs.name, p, idx.size());
        if (!n)
          throw InputError(ix.loc, "variable '" + s.lhs.name + "': the size of dimension " + std::to_string(p + 1) +
                                       " is not known here; write the range (e.g. " + s.lhs.name +
                                       "[..., 1:K]) or declare it with 'var'");
        span.lo = 1, span.hi = *n, span.range = true;
      }
      if (span.lo < 1)
        throw InputError(ix.loc, "index " + std::to_string(span.lo) + " of '" + s.lhs.name +
                                     "' is out of range: indices start at 1");
      block.push_back(span);
    }
    return block;
  }

  const UnrollHooks& hooks_;
  const std::set<const Stmt*>& no_vectorize_;
  bool data_block_;
  std::int64_t count_ = 0, vector_elements_ = 0;
  std::vector<Instance> out_;
};

}  // namespace

std::vector<Instance> unroll_statements(const std::vector<Stmt>& stmts, const UnrollHooks& hooks,
                                        const std::set<const Stmt*>& no_vectorize, bool data_block) {
  Unroller u(hooks, no_vectorize, data_block);
  u.unroll(stmts, Env{});
  return u.take();
}

std::string element_label(const std::string& name, const MultiIndex& k) {
  std::string s = name + "[";
  for (std::size_t p = 0; p < k.size(); ++p) s += (p ? "," : "") + std::to_string(k[p]);
  return s + "]";
}

std::string instance_label(const Instance& in) {
  if (in.block.empty()) return in.name;
  std::string s = in.name + "[";
  for (std::size_t p = 0; p < in.block.size(); ++p) {
    const IndexSpan& b = in.block[p];
    s += (p ? "," : "") + std::to_string(b.lo);
    if (b.range) s += ":" + std::to_string(b.hi);
  }
  return s + "]";
}

}  // namespace alea::io::detail
