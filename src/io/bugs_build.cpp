// BUGS program + data -> Model: loops unrolled (or vectorized), statements sorted by
// their dependencies (BUGS allows any order), arrays defined element by element.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/bugs_parser.hpp"
#include "bugs_build.hpp"

namespace alea::io {
namespace {

using BExpr = bugs::Expr;
using bugs::Stmt;
using Env = std::map<std::string, std::int64_t>;

// One statement after unrolling: the whole of a variable, one element of it, or
// (vectorized) elements 1..vec_n of it at once.
struct Instance {
  const Stmt* stmt = nullptr;
  Env env;
  std::string name;
  std::optional<std::int64_t> elem;  // 1-based
  std::string vec_var;
  std::int64_t vec_n = 0;
  int state = 0;  // DFS: 0 new, 1 on the stack, 2 done
  std::optional<Expr> result;
};

struct Def {
  int whole = -1;
  std::map<std::int64_t, int> elems;
};

// Where an expression is evaluated: loop variables, the vectorized one, and
// whether only constants (numbers, data) may appear (loop bounds, indices).
struct Ctx {
  const Env* env;
  std::string vec_var;
  std::int64_t vec_n = 0;
  const char* const_purpose = nullptr;
};

std::string elem_name(const std::string& name, std::int64_t k) { return name + "[" + std::to_string(k) + "]"; }

bool is_var(const BExpr& e, const std::string& name) {
  return e.kind == BExpr::Kind::Var && !e.indexed && e.name == name;
}

bool mentions(const BExpr& e, const std::string& name) {
  if (is_var(e, name)) return true;
  for (const auto& i : e.indices)
    for (const auto& b : i.bounds)
      if (mentions(b, name)) return true;
  return std::any_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return mentions(a, name); });
}

// i enters only through x[i] and elementwise functions, and the variable itself is not read.
bool vector_safe(const BExpr& e, const std::string& i, const std::string& self) {
  switch (e.kind) {
    case BExpr::Kind::Number: return true;
    case BExpr::Kind::Var: {
      if (e.name == self) return false;
      if (e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single && is_var(e.indices[0].bounds[0], i))
        return true;
      for (const auto& idx : e.indices)
        for (const auto& b : idx.bounds)
          if (mentions(b, i)) return false;
      return true;
    }
    case BExpr::Kind::Call:
      if (!detail::is_elementwise_function(e.name))
        return !mentions(e, i) && !mentions(e, self);
      [[fallthrough]];
    case BExpr::Kind::Neg:
    case BExpr::Kind::Binary:
      return std::all_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return vector_safe(a, i, self); });
  }
  return false;
}

bool indexes_by(const BExpr& e, const std::string& i) {
  if (e.kind == BExpr::Kind::Var && e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single &&
      is_var(e.indices[0].bounds[0], i))
    return true;
  return std::any_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return indexes_by(a, i); });
}

bool vectorizable(const Stmt& s, const std::string& i) {
  const BExpr& l = s.lhs;
  if (l.indices.size() != 1 || l.indices[0].kind != bugs::Index::Kind::Single || !is_var(l.indices[0].bounds[0], i))
    return false;
  if (s.kind == Stmt::Kind::Stochastic)
    return detail::is_scalar_distribution(s.rhs.name) &&
           std::all_of(s.rhs.args.begin(), s.rhs.args.end(),
                       [&](const BExpr& a) { return vector_safe(a, i, l.name); }) &&
           !(s.bounds && (mentions(s.bounds->lo ? *s.bounds->lo : BExpr{}, i)));
  return (s.link.empty() || s.link == "logit" || s.link == "log" || s.link == "probit" || s.link == "cloglog") &&
         vector_safe(s.rhs, i, l.name) &&
         indexes_by(s.rhs, i);
}

class Builder {
 public:
  explicit Builder(const DataSet& data) : data_(data) {}

  void run(const std::vector<Stmt>& stmts, bool data_block) {
    data_block_ = data_block;
    collect_names(stmts);
    unroll(stmts, Env{});
    register_all();
    std::vector<int> order = sort();
    for (int k : order) build(inst_[static_cast<std::size_t>(k)]);
    define_arrays();
  }

  // Data given for variables the model defines become observations.
  void observe_data() {
    for (const auto& [name, value] : data_.values) {
      if (!defs_.count(name)) continue;
      const Variable& var = m_.variable(name);
      const Shape& want = m_.graph().node(var.node).shape;
      Value v = value;
      if (v.size() == 1 && Shape{want}.size() == 1 && v.shape() != want) v = Value(want, v.data(), v.type());
      const SourceLoc where = data_.where.count(name) ? data_.where.at(name) : var.loc;
      if (v.shape() != want)
        throw InputError(where, "variable '" + name + "' has shape " + to_string(want) + " in the model but " +
                                    to_string(v.shape()) + " in the data");
      try {
        m_.observe(name, v);
      } catch (const InputError& e) {  // a missing (NA) value: point into the data file
        throw InputError(where, e.bare_message());
      }
      check_support(name, var.node, v, where);
    }
  }

  // The values of the variables defined here (a data block): all constant.
  void export_values(DataSet& into) {
    for (const auto& [name, def] : defs_) {
      const Variable& var = m_.variable(name);
      auto v = detail::constant_of(m_.graph(), var.node);
      if (!v) throw InputError(var.loc, "variable '" + name + "' in the data block is not a constant");
      if (into.contains(name))
        throw InputError(var.loc, "variable '" + name + "' is defined in the data block and also given as data");
      into.values[name] = *v;
      into.where[name] = var.loc;
    }
  }

  Model take() { return std::move(m_); }

 private:
  // Loop bounds are evaluated before the statements are registered: they must know
  // which names the model defines.
  void collect_names(const std::vector<Stmt>& stmts) {
    for (const Stmt& s : stmts) {
      if (s.kind == Stmt::Kind::For) collect_names(s.body);
      else model_names_.insert(s.lhs.name);
    }
  }

  // ---- unrolling ----
  void unroll(const std::vector<Stmt>& stmts, const Env& env) {
    for (const Stmt& s : stmts) unroll(s, env);
  }

  void unroll(const Stmt& s, const Env& env) {
    {
      if (s.kind != Stmt::Kind::For) {
        add_instance(s, env, "", 0);
        return;
      }
      Ctx c{&env, "", 0, "loop bounds"};
      const std::int64_t from = integer_of(*s.from, c, "loop bound"), to = integer_of(*s.to, c, "loop bound");
      for (const Stmt& b : s.body) {
        if (b.kind != Stmt::Kind::For && from == 1 && to >= 1 && vectorizable(b, s.loop_var)) {
          Env inner = env;
          inner.erase(s.loop_var);
          add_instance(b, inner, s.loop_var, to);
          continue;
        }
        for (std::int64_t i = from; i <= to; ++i) {
          Env inner = env;
          inner[s.loop_var] = i;
          unroll(b, inner);
        }
      }
    }
  }

  void add_instance(const Stmt& s, const Env& env, const std::string& vec_var, std::int64_t n) {
    if (data_block_ && s.kind == Stmt::Kind::Stochastic)
      throw InputError(s.loc, "the data block can only transform data with '<-'; '~' is not supported there");
    Instance in;
    in.stmt = &s;
    in.env = env;
    in.name = s.lhs.name;
    in.vec_var = vec_var;
    in.vec_n = n;
    const auto& idx = s.lhs.indices;
    if (!vec_var.empty()) {
    } else if (idx.size() == 1 && idx[0].kind == bugs::Index::Kind::Single) {
      Ctx c{&in.env, "", 0, "indices"};
      in.elem = integer_of(idx[0].bounds[0], c, "index of '" + in.name + "'");
      if (*in.elem < 1)
        throw InputError(idx[0].loc, "index " + std::to_string(*in.elem) + " of '" + in.name + "' is out of range: indices start at 1");
    } else if (idx.size() == 1 && idx[0].kind == bugs::Index::Kind::Range) {
      Ctx c{&in.env, "", 0, "indices"};
      if (integer_of(idx[0].bounds[0], c, "index of '" + in.name + "'") != 1)
        throw InputError(idx[0].loc, "variable '" + in.name + "': a range on the left must start at 1");
    } else if (idx.size() > 1 && std::any_of(idx.begin(), idx.end(), [](const bugs::Index& i) {
                 return i.kind == bugs::Index::Kind::Single;
               })) {
      throw InputError(s.lhs.loc, "variable '" + in.name + "': matrices defined element by element are not supported yet");
    }
    inst_.push_back(std::move(in));
  }

  // A vectorized statement is one of several definitions of its array: unroll it.
  void register_all() {
    std::map<std::string, int> count;
    for (const Instance& in : inst_) ++count[in.name];
    std::vector<Instance> all;
    for (Instance& in : inst_) {
      if (in.vec_var.empty() || count[in.name] == 1) {
        all.push_back(std::move(in));
        continue;
      }
      for (std::int64_t i = 1; i <= in.vec_n; ++i) {
        Instance e = in;
        e.env[e.vec_var] = i;
        e.vec_var.clear();
        e.vec_n = 0;
        e.elem = i;
        all.push_back(std::move(e));
      }
    }
    inst_ = std::move(all);
    for (std::size_t k = 0; k < inst_.size(); ++k) {
      const Instance& in = inst_[k];
      Def& d = defs_[in.name];
      auto twice = [&](const Instance& prev, const std::string& what) {
        throw InputError(in.stmt->loc, what + " is defined twice (first defined at " + to_string(prev.stmt->loc) + ")");
      };
      if (d.whole >= 0) twice(inst_[static_cast<std::size_t>(d.whole)], "variable '" + in.name + "'");
      if (in.elem) {
        auto [it, fresh] = d.elems.emplace(*in.elem, static_cast<int>(k));
        if (!fresh) twice(inst_[static_cast<std::size_t>(it->second)], elem_name(in.name, *in.elem));
      } else {
        if (!d.elems.empty()) twice(inst_[static_cast<std::size_t>(d.elems.begin()->second)], "variable '" + in.name + "'");
        d.whole = static_cast<int>(k);
      }
    }
  }

  // ---- dependencies ----
  void reads(const BExpr& e, const Instance& in, std::vector<int>& out) {
    for (const auto& idx : e.indices)
      for (const auto& b : idx.bounds) reads(b, in, out);
    for (const auto& a : e.args) reads(a, in, out);
    if (e.kind != BExpr::Kind::Var || in.env.count(e.name) || e.name == in.vec_var) return;
    auto it = defs_.find(e.name);
    if (it == defs_.end()) {
      if (!data_.contains(e.name)) throw undefined(e);
      return;
    }
    const Def& d = it->second;
    if (d.whole >= 0) {
      out.push_back(d.whole);
      return;
    }
    if (e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single) {
      const BExpr& b = e.indices[0].bounds[0];
      if (is_var(b, in.vec_var)) {
        for (std::int64_t k = 1; k <= in.vec_n; ++k) out.push_back(element(d, e, k, b.loc));
      } else if (is_random(b, in.env)) {
        for (const auto& [k, id] : d.elems) out.push_back(id);
      } else {
        Ctx c{&in.env, "", 0, "indices"};
        out.push_back(element(d, e, integer_of(b, c, "index of '" + e.name + "'"), b.loc));
      }
      return;
    }
    for (const auto& [k, id] : d.elems) out.push_back(id);
  }

  int element(const Def& d, const BExpr& e, std::int64_t k, const SourceLoc& loc) const {
    auto it = d.elems.find(k);
    if (it == d.elems.end())
      throw InputError(loc, elem_name(e.name, k) + " is used but never defined (elements " + range_text(d) + " are)");
    return it->second;
  }

  static std::string range_text(const Def& d) {
    std::string s;
    std::int64_t run_start = 0, prev = 0;
    auto flush = [&] {
      if (!s.empty()) s += ", ";
      s += run_start == prev ? std::to_string(prev) : std::to_string(run_start) + ".." + std::to_string(prev);
    };
    for (const auto& [k, id] : d.elems) {
      if (run_start && k == prev + 1) {
        prev = k;
        continue;
      }
      if (run_start) flush();
      run_start = prev = k;
    }
    if (run_start) flush();
    return s;
  }

  InputError undefined(const BExpr& e) const {
    return InputError(e.loc, "variable '" + e.name + "' is used but never defined (not in the model or the data)");
  }

  // Depth-first topological order (iterative: arrays can be long chains).
  std::vector<int> sort() {
    std::vector<int> order;
    std::vector<std::vector<int>> deps(inst_.size());
    for (std::size_t k = 0; k < inst_.size(); ++k) {
      const Instance& in = inst_[k];
      reads(in.stmt->rhs, in, deps[k]);
      if (in.stmt->bounds) {
        if (in.stmt->bounds->lo) reads(*in.stmt->bounds->lo, in, deps[k]);
        if (in.stmt->bounds->hi) reads(*in.stmt->bounds->hi, in, deps[k]);
      }
    }
    for (std::size_t root = 0; root < inst_.size(); ++root) {
      if (inst_[root].state) continue;
      std::vector<std::pair<int, std::size_t>> stack{{static_cast<int>(root), 0}};
      inst_[root].state = 1;
      while (!stack.empty()) {
        auto& [k, pos] = stack.back();
        const auto& dk = deps[static_cast<std::size_t>(k)];
        if (pos == dk.size()) {
          inst_[static_cast<std::size_t>(k)].state = 2;
          order.push_back(k);
          stack.pop_back();
          continue;
        }
        const int next = dk[pos++];
        Instance& n = inst_[static_cast<std::size_t>(next)];
        if (n.state == 2) continue;
        if (n.state == 1) {
          std::string path = label(n);
          for (auto it = stack.rbegin(); it != stack.rend() && it->first != next; ++it)
            path = label(inst_[static_cast<std::size_t>(it->first)]) + " -> " + path;
          throw InputError(n.stmt->loc, "variable '" + n.name + "' depends on itself: " + label(n) + " -> " + path);
        }
        n.state = 1;
        stack.emplace_back(next, 0);
      }
    }
    return order;
  }

  static std::string label(const Instance& in) { return in.elem ? elem_name(in.name, *in.elem) : in.name; }

  // ---- building ----
  void build(Instance& in) {
    const Stmt& s = *in.stmt;
    Ctx c{&in.env, in.vec_var, in.vec_n, nullptr};
    const std::string who = "variable '" + label(in) + "'";
    if (s.kind == Stmt::Kind::Deterministic) {
      Expr e = expr(s.rhs, c);
      if (s.link == "logit") e = logistic(e);
      else if (s.link == "log") e = exp(e);
      else if (s.link == "probit") e = apply(Op::Phi, {e});
      else if (s.link == "cloglog") e = apply(Op::ICLogLog, {e});
      else if (!s.link.empty())
        throw InputError(s.loc, "link function '" + s.link + "' on the left is not supported (logit, log, probit and cloglog are)");
      in.result = e;
    } else {
      std::vector<Expr> args;
      for (const BExpr& a : s.rhs.args) args.push_back(expr(a, c));
      DistCall d = detail::convert_distribution(m_, s.rhs, args, s.bounds, who);
      std::optional<Shape> shape;
      if (in.vec_n) shape = Shape{in.vec_n};
      try {
        in.result = in.elem ? m_.draw(d, shape) : m_.random(in.name, d, shape, s.loc);
      } catch (const std::domain_error& e) {
        throw InputError(s.loc, (in.elem ? who + ": " : "") + e.what());
      } catch (const std::invalid_argument& e) {
        throw InputError(s.loc, (in.elem ? who + ": " : "") + e.what());
      }
    }
    if (in.elem && !in.result->shape().is_scalar())
      throw InputError(s.loc, who + " must be a scalar, but its value has shape " + to_string(in.result->shape()));
    if (!in.elem && s.kind == Stmt::Kind::Deterministic) m_.define(in.name, *in.result, s.loc);
  }

  void define_arrays() {
    for (const auto& [name, d] : defs_) {
      if (d.whole >= 0) continue;
      std::vector<Expr> elems;
      std::int64_t expect = 1;
      for (const auto& [k, id] : d.elems) {
        const Instance& first = inst_[static_cast<std::size_t>(d.elems.begin()->second)];
        if (k != expect)
          throw InputError(first.stmt->loc, "variable '" + name + "': element " + std::to_string(expect) +
                                                " is never defined (elements " + range_text(d) + " are)");
        elems.push_back(*inst_[static_cast<std::size_t>(id)].result);
        ++expect;
      }
      m_.define(name, stack(elems), inst_[static_cast<std::size_t>(d.elems.begin()->second)].stmt->loc);
    }
  }

  std::int64_t integer_of(const BExpr& e, const Ctx& c, const std::string& what) {
    Ctx cc = c;
    if (!cc.const_purpose) cc.const_purpose = "indices";
    Expr x = expr(e, cc);
    auto v = detail::constant_of(m_.graph(), x.id());
    if (!v || !v->is_scalar()) throw InputError(e.loc, what + " must be a scalar, got " + to_string(x.shape()));
    const double d = v->scalar();
    if (!std::isfinite(d) || d != std::floor(d))
      throw InputError(e.loc, what + " is " + format_number(d) + ", but must be an integer");
    // Beyond 2^53 doubles are not all integers, and the cast would overflow.
    if (std::abs(d) > 9007199254740992.0)
      throw InputError(e.loc, what + " is " + format_number(d) + ", too large (at most 2^53 in magnitude)");
    return static_cast<std::int64_t>(d);
  }

  Expr expr(const BExpr& e, const Ctx& c) {
    switch (e.kind) {
      case BExpr::Kind::Number:
        return m_.constant(e.number == std::floor(e.number) && std::abs(e.number) < 9e15 ? Value::integer(e.number)
                                                                                         : Value(e.number));
      case BExpr::Kind::Neg: return -expr(e.args[0], c);
      case BExpr::Kind::Binary: return detail::binary(e, expr(e.args[0], c), expr(e.args[1], c));
      case BExpr::Kind::Call: {
        std::vector<Expr> args;
        for (const BExpr& a : e.args) args.push_back(expr(a, c));
        return detail::call_function(m_, e, args);
      }
      case BExpr::Kind::Var: break;
    }
    if (auto it = c.env->find(e.name); it != c.env->end()) {
      if (e.indexed) throw InputError(e.loc, "loop variable '" + e.name + "' cannot be indexed");
      return m_.constant(Value::integer(static_cast<double>(it->second)));
    }
    if (e.name == c.vec_var && !c.vec_var.empty()) return m_.constant(integers(iota(c.vec_n, 1)));
    if (!e.indexed) return whole(e, c);
    if (e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single && !c.const_purpose &&
        is_random(e.indices[0].bounds[0], *c.env))
      return random_index(e, c);
    // Each index position selects one element or a list of them (1-based).
    std::vector<std::vector<std::int64_t>> sel;
    std::vector<bool> is_list;
    for (std::size_t k = 0; k < e.indices.size(); ++k) {
      const bugs::Index& idx = e.indices[k];
      const std::string what = "index of '" + e.name + "'";
      Ctx ic = c;
      ic.const_purpose = c.const_purpose ? c.const_purpose : "indices";
      if (idx.kind == bugs::Index::Kind::Single && is_var(idx.bounds[0], c.vec_var) && !c.vec_var.empty()) {
        sel.push_back(iota(c.vec_n, 1));
        is_list.push_back(true);
      } else if (idx.kind == bugs::Index::Kind::Single) {
        sel.push_back({integer_of(idx.bounds[0], ic, what)});
        is_list.push_back(false);
      } else if (idx.kind == bugs::Index::Kind::Range) {
        const std::int64_t lo = integer_of(idx.bounds[0], ic, what), hi = integer_of(idx.bounds[1], ic, what);
        if (hi < lo) throw InputError(idx.loc, "range " + std::to_string(lo) + ":" + std::to_string(hi) + " of '" + e.name + "' is empty");
        std::vector<std::int64_t> r;
        for (std::int64_t i = lo; i <= hi; ++i) r.push_back(i);
        sel.push_back(r);
        is_list.push_back(true);
      } else {
        sel.push_back({});
        is_list.push_back(true);
      }
    }
    auto it = defs_.find(e.name);
    if (it != defs_.end() && it->second.whole < 0 && !c.const_purpose) {
      const Def& d = it->second;
      if (sel.size() != 1) throw InputError(e.loc, "'" + e.name + "' is a vector, indexed with " + std::to_string(sel.size()) + " indices");
      const std::int64_t n = d.elems.rbegin()->first;
      if (sel[0].empty()) sel[0] = iota(n, 1);
      std::vector<Expr> out;
      for (std::int64_t k : sel[0]) {
        if (k < 1 || k > n) throw out_of_range(e, 0, k, n);
        out.push_back(*inst_[static_cast<std::size_t>(element(d, e, k, e.indices[0].loc))].result);
      }
      return is_list[0] ? stack(out) : out[0];
    }
    Expr base = whole(e, c);
    const auto& dims = base.shape().dims;
    if (dims.empty() && sel.size() == 1 && !is_list[0] && sel[0][0] == 1) return base;  // x[1] of a scalar
    if (sel.size() != dims.size())
      throw InputError(e.loc, "'" + e.name + "' has shape " + to_string(base.shape()) + " but is indexed with " +
                                  std::to_string(sel.size()) + (sel.size() == 1 ? " index" : " indices"));
    std::vector<Arg> args{base};
    bool all = true;
    for (std::size_t k = 0; k < sel.size(); ++k) {
      if (sel[k].empty()) sel[k] = iota(dims[k], 1);
      std::vector<double> zero_based;
      for (std::int64_t i : sel[k]) {
        if (i < 1 || i > dims[k]) throw out_of_range(e, k, i, dims[k]);
        zero_based.push_back(static_cast<double>(i - 1));
      }
      all = all && is_list[k] && sel[k] == iota(dims[k], 1);
      args.push_back(is_list[k] ? Value::integers(zero_based) : Value::integer(zero_based[0]));
    }
    if (all && dims.size() == 1) return base;
    return apply(Op::Index, std::move(args));
  }

  // True when the expression reads a variable the model defines (not data, not a loop
  // variable): an index such as z[i] with z ~ dcat(w) selects an element at random.
  bool is_random(const BExpr& e, const Env& env) const {
    if (e.kind == BExpr::Kind::Var && !env.count(e.name) && model_names_.count(e.name)) return true;
    for (const auto& idx : e.indices)
      for (const auto& b : idx.bounds)
        if (is_random(b, env)) return true;
    return std::any_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return is_random(a, env); });
  }

  // mu[z] with z random: an Index node on z - 1 (the graph's indices are 0-based). The
  // indexed variable must be a vector and the index integer-valued; its range is
  // checked when the model is evaluated.
  Expr random_index(const BExpr& e, const Ctx& c) {
    const BExpr& b = e.indices[0].bounds[0];
    Expr base = whole(e, c);
    if (base.shape().rank() != 1)
      throw InputError(e.loc, "'" + e.name + "' has shape " + to_string(base.shape()) +
                                  "; only a vector can be indexed by a random variable");
    Expr i = expr(b, c);
    if (!i.shape().is_scalar())
      throw InputError(b.loc, "index of '" + e.name + "' must be a scalar, got " + to_string(i.shape()));
    if (m_.graph().node(i.id()).type != ScalarType::Integer)
      throw InputError(b.loc, "index of '" + e.name + "' must be integer-valued (e.g. z ~ dcat(w)), but it is real");
    return apply(Op::Index, {base, i - 1.0});
  }

  InputError out_of_range(const BExpr& e, std::size_t k, std::int64_t i, std::int64_t n) const {
    const std::string dim = e.indices.size() > 1 ? " (dimension " + std::to_string(k + 1) + ")" : "";
    return InputError(e.indices[k].loc, "index " + std::to_string(i) + dim + " of '" + e.name + "' is out of range 1.." +
                                            std::to_string(n));
  }

  static std::vector<std::int64_t> iota(std::int64_t n, std::int64_t from) {
    std::vector<std::int64_t> v;
    for (std::int64_t i = 0; i < n; ++i) v.push_back(from + i);
    return v;
  }
  static Value integers(const std::vector<std::int64_t>& v) {
    std::vector<double> d(v.begin(), v.end());
    return Value::integers(d);
  }

  Expr whole(const BExpr& e, const Ctx& c) {
    auto it = defs_.find(e.name);
    if (c.const_purpose) {
      const bool in_model = it != defs_.end() || model_names_.count(e.name);
      if (!in_model && data_.contains(e.name)) return data_node(e.name);
      if (!in_model) throw undefined(e);
      throw InputError(e.loc, std::string(c.const_purpose) + " must be constants (numbers or data), but '" +
                                  e.name + "' is defined in the model");
    }
    if (it == defs_.end()) {
      if (!data_.contains(e.name)) throw undefined(e);
      return data_node(e.name);
    }
    const Def& d = it->second;
    if (d.whole >= 0) return *inst_[static_cast<std::size_t>(d.whole)].result;
    std::vector<Expr> out;
    for (const auto& [k, id] : d.elems) out.push_back(*inst_[static_cast<std::size_t>(id)].result);
    return stack(out);
  }

  // Data used by the model, named in it. As in JAGS, a length-1 vector is a scalar.
  Expr data_node(const std::string& name) {
    if (!m_.has(name)) {
      Value v = data_.values.at(name);
      if (v.shape().rank() == 1 && v.size() == 1) v = Value(Shape{}, v.data(), v.type());
      m_.data(name, v, data_.where.count(name) ? data_.where.at(name) : SourceLoc{});
    }
    return m_[name];
  }

  void check_support(const std::string& name, NodeId node, const Value& v, const SourceLoc& where) {
    const Graph& g = m_.graph();
    auto check = [&](NodeId draw, std::size_t first, std::size_t count) {
      const Node& n = g.node(draw);
      if (n.op != Op::Draw || dist_info(n.dist).value_arity != Arity::Scalar) return;
      std::vector<Value> params;
      for (NodeId p : n.inputs) {
        auto pv = detail::constant_of(g, p);
        if (!pv || !pv->is_scalar()) break;
        params.push_back(*pv);
      }
      dist::Support sup;
      if (params.size() != n.inputs.size()) {
        // Random parameters: the support that every parameter value gives, where there is one.
        const dist::SupportSpec& spec = dist::record(n.dist).support_spec;
        if (spec.depends_on_params()) return;
        sup = spec.resolve([](int) { return 0.0; });
      } else {
        try {
          sup = dist::support(n.dist, params);
        } catch (const std::logic_error&) {
          return;  // a distribution without its implementation yet: its log density will say so
        }
      }
      for (std::size_t i = first; i < first + count; ++i)
        if (!sup.contains(v[i]))
          throw InputError(where, "variable '" + name + "': " +
                                      (v.size() > 1 ? "element " + std::to_string(i + 1) + " is " : "value is ") +
                                      format_number(v[i]) + ", outside the support of " +
                                      std::string(dist_info(n.dist).name) + " (" + describe(sup) + ")");
    };
    const Node& n = g.node(node);
    if (n.op == Op::Stack)
      for (std::size_t i = 0; i < n.inputs.size(); ++i) check(n.inputs[i], i, 1);
    else
      check(node, 0, v.size());
  }

  static std::string describe(const dist::Support& s) {
    if (s.integer) {
      if (s.lo == 0 && std::isinf(s.hi)) return "non-negative integers";
      if (std::isinf(s.lo) && std::isinf(s.hi)) return "integers";
      return "integers from " + format_number(s.lo) + " to " + format_number(s.hi);
    }
    if (s.lo == 0 && std::isinf(s.hi)) return "non-negative reals";
    return "reals from " + format_number(s.lo) + " to " + format_number(s.hi);
  }

  const DataSet& data_;
  bool data_block_ = false;
  Model m_;
  std::vector<Instance> inst_;
  std::map<std::string, Def> defs_;
  std::set<std::string> model_names_;
};

}  // namespace

Model build_model(const bugs::Program& program, const DataSet& data) {
  DataSet all = data;
  if (!program.data.empty()) {
    Builder pre(data);
    pre.run(program.data, true);
    pre.export_values(all);
  }
  Builder b(all);
  b.run(program.model, false);
  b.observe_data();
  return b.take();
}

Model load_bugs_model(std::string_view text, const std::string& filename, const DataSet& data) {
  return build_model(parse_bugs(text, filename), data);
}

}  // namespace alea::io
