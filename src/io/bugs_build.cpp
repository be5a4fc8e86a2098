// BUGS program + data -> Model: loops unrolled (bugs_unroll.cpp) or vectorized,
// variables defined whole or element by element at any rank (bugs_arrays.cpp),
// statements built in dependency order (BUGS allows any order), and data bound to what
// it observes, element by element where an array is partly observed (NA elements stay
// random, as in JAGS).
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/bugs_parser.hpp"
#include "bugs_arrays.hpp"
#include "bugs_build.hpp"
#include "bugs_unroll.hpp"

namespace alea::io {
namespace {

using BExpr = bugs::Expr;
using bugs::Stmt;
using detail::ArrayDef;
using detail::ElementRef;
using detail::Env;
using detail::Instance;
using detail::MultiIndex;

// Where an expression is evaluated: loop variables, the vectorized one, and
// whether only constants (numbers, data) may appear (loop bounds, indices).
struct Ctx {
  const Env* env;
  std::string vec_var;
  std::int64_t vec_n = 0;
  const char* const_purpose = nullptr;
};

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

bool single_index_by(const BExpr& e, const std::string& i) {
  return e.kind == BExpr::Kind::Var && e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single &&
         is_var(e.indices[0].bounds[0], i);
}

// i enters only through x[i] and elementwise functions, and the variable itself is not read.
bool vector_safe(const BExpr& e, const std::string& i, const std::string& self) {
  switch (e.kind) {
    case BExpr::Kind::Number: return true;
    case BExpr::Kind::Var: {
      if (e.name == self) return false;
      if (single_index_by(e, i)) return true;
      for (const auto& idx : e.indices)
        for (const auto& b : idx.bounds)
          if (mentions(b, i)) return false;
      return true;
    }
    case BExpr::Kind::Call:
      if (!detail::is_elementwise_function(e.name)) return !mentions(e, i) && !mentions(e, self);
      [[fallthrough]];
    case BExpr::Kind::Binary:
      if (e.kind == BExpr::Kind::Binary && e.op == bugs::BinaryOp::MatMul) return !mentions(e, i) && !mentions(e, self);
      [[fallthrough]];
    case BExpr::Kind::Neg:
      return std::all_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return vector_safe(a, i, self); });
  }
  return false;
}

bool indexes_by(const BExpr& e, const std::string& i) {
  if (single_index_by(e, i)) return true;
  return std::any_of(e.args.begin(), e.args.end(), [&](const BExpr& a) { return indexes_by(a, i); });
}

// x[i] <- f(...) or x[i] ~ d(...) over i in 1..n as one vector statement.
bool vectorizable(const Stmt& s, const std::string& i) {
  if (!single_index_by(s.lhs, i)) return false;
  if (s.kind == Stmt::Kind::Stochastic)
    return detail::is_scalar_distribution(s.rhs.name) &&
           std::all_of(s.rhs.args.begin(), s.rhs.args.end(),
                       [&](const BExpr& a) { return vector_safe(a, i, s.lhs.name); }) &&
           !(s.bounds && (mentions(s.bounds->lo ? *s.bounds->lo : BExpr{}, i) ||
                          mentions(s.bounds->hi ? *s.bounds->hi : BExpr{}, i)));
  return (s.link.empty() || s.link == "logit" || s.link == "log" || s.link == "probit" || s.link == "cloglog") &&
         vector_safe(s.rhs, i, s.lhs.name) && indexes_by(s.rhs, i);
}

// A cycle through a vectorized statement: unrolled element by element, it may be none
// (`b[k] ~ dnorm(m[k], 1); m[k] <- 2 * b[k-1] - b[k-2]`).
struct VectorCycle {
  std::vector<const Stmt*> stmts;
};

std::vector<std::int64_t> iota(std::int64_t n, std::int64_t from) {
  std::vector<std::int64_t> v;
  v.reserve(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
  for (std::int64_t i = 0; i < n; ++i) v.push_back(from + i);
  return v;
}

Value integers(const std::vector<std::int64_t>& v) {
  std::vector<double> d(v.begin(), v.end());
  return Value::integers(d);
}

// Elements in column-major order of `dims` as one value of that shape: a stack of
// scalars for a vector, a stack of stacks for higher ranks (op.hpp, Op::Stack).
Expr assemble(const std::vector<Expr>& elems, const MultiIndex& dims) {
  if (dims.size() <= 1) return stack(elems);
  const MultiIndex inner(dims.begin(), dims.end() - 1);
  const std::size_t chunk = elems.size() / static_cast<std::size_t>(dims.back());
  std::vector<Expr> parts;
  for (std::size_t c = 0; c < static_cast<std::size_t>(dims.back()); ++c)
    parts.push_back(assemble(std::vector<Expr>(elems.begin() + static_cast<std::ptrdiff_t>(c * chunk),
                                               elems.begin() + static_cast<std::ptrdiff_t>((c + 1) * chunk)),
                             inner));
  return stack(parts);
}

class Builder {
 public:
  explicit Builder(const DataSet& data) : data_(data) {}

  void run(const std::vector<Stmt>& stmts, const std::vector<bugs::VarDecl>& decls, bool data_block) {
    decls_ = &decls;
    collect_names(stmts);
    detail::UnrollHooks hooks{
        [this](const BExpr& e, const Env& env, const std::string& what) {
          return integer_of(e, Ctx{&env, "", 0, what == "loop bound" ? "loop bounds" : "indices"}, what);
        },
        [this](const std::string& name, std::size_t p, std::size_t rank) { return known_dim(name, p, rank); },
        [this](const Stmt& s, const std::string& i) { return vectorizable(s, i) && !has_missing_data(s.lhs.name); }};
    std::set<const Stmt*> no_vectorize;
    for (;;) {
      inst_ = detail::unroll_statements(stmts, hooks, no_vectorize, data_block);
      defs_ = detail::collect_definitions(inst_);
      settle_dims();
      try {
        order_ = sort();
        break;
      } catch (const VectorCycle& c) {
        no_vectorize.insert(c.stmts.begin(), c.stmts.end());
      }
    }
    for (int k : order_) build(inst_[static_cast<std::size_t>(k)]);
  }

  // Data given for variables the model defines become observations (NA elements of an
  // array defined element by element stay random); then every variable is named.
  void observe_data() {
    for (const auto& [name, def] : defs_) {
      auto it = data_.values.find(name);
      if (it == data_.values.end()) {
        define_variable(name, def);
        continue;
      }
      const SourceLoc where = data_.where.count(name) ? data_.where.at(name) : SourceLoc{};
      if (def.whole >= 0) observe_whole(name, def, it->second, where);
      else observe_elements(name, def, it->second, where);
    }
  }

  // The values of the variables defined here (a data block): all constant.
  void export_values(DataSet& into) {
    for (const auto& [name, def] : defs_) define_variable(name, def);
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

  const Value* data_value(const std::string& name) const {
    auto it = data_.values.find(name);
    return it == data_.values.end() ? nullptr : &it->second;
  }

  bool has_missing_data(const std::string& name) const {
    const Value* v = data_value(name);
    return v && std::any_of(v->data().begin(), v->data().end(), [](double x) { return std::isnan(x); });
  }

  // The dimensions of `name` as data (a length-1 vector is a vector here) or as declared
  // with `var`, when it has `rank` indices.
  std::optional<MultiIndex> declared_dims(const std::string& name, std::size_t rank) {
    if (const Value* v = data_value(name)) {
      MultiIndex d = v->shape().dims;
      if (d.empty() && rank == 1) d = {1};
      if (d.size() == rank) return d;
      return std::nullopt;
    }
    for (const bugs::VarDecl& decl : *decls_) {
      if (decl.name != name || decl.dims.size() != rank) continue;
      MultiIndex d;
      for (const BExpr& e : decl.dims) d.push_back(integer_of(e, Ctx{&empty_env_, "", 0, "declared sizes"}, "size of '" + name + "'"));
      return d;
    }
    return std::nullopt;
  }

  std::optional<std::int64_t> known_dim(const std::string& name, std::size_t p, std::size_t rank) {
    auto d = declared_dims(name, rank);
    if (!d) return std::nullopt;
    return (*d)[p];
  }

  // An array's extent: its data's or its declaration's when it has one (every index
  // must fit), else the largest index of each position.
  void settle_dims() {
    for (auto& [name, def] : defs_) {
      if (def.whole >= 0) continue;
      const Value* v = data_value(name);
      if (v && v->shape().rank() != def.rank && !(v->shape().rank() == 0 && def.rank == 1)) {
        const Instance& first = inst_[static_cast<std::size_t>(def.elements.begin()->second.inst)];
        throw InputError(data_.where.count(name) ? data_.where.at(name) : first.stmt->loc,
                         "variable '" + name + "' has " + std::to_string(def.rank) + " indices in the model (" +
                             to_string(first.stmt->loc) + ") but its data has shape " + to_string(v->shape()));
      }
      auto dims = declared_dims(name, def.rank);
      if (!dims) continue;
      for (const auto& [k, ref] : def.elements)
        for (std::size_t p = 0; p < k.size(); ++p)
          if (k[p] > (*dims)[p]) {
            const Instance& in = inst_[static_cast<std::size_t>(ref.inst)];
            throw InputError(in.stmt->lhs.loc, detail::element_label(name, k) + ": index " + std::to_string(k[p]) +
                                                   (k.size() > 1 ? " (dimension " + std::to_string(p + 1) + ")" : "") +
                                                   " is out of range 1.." + std::to_string((*dims)[p]) + " of its " +
                                                   (v ? "data" : "declaration"));
          }
      def.dims = *dims;
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
    const ArrayDef& d = it->second;
    if (d.whole >= 0) {
      out.push_back(d.whole);
      return;
    }
    auto all = [&] {
      for (const auto& [k, ref] : d.elements) out.push_back(ref.inst);
    };
    if (e.indices.empty()) return all();
    for (const auto& idx : e.indices)
      for (const auto& b : idx.bounds)
        if (is_random(b, in.env)) return all();
    Ctx c{&in.env, in.vec_var, in.vec_n, "indices"};
    for (const MultiIndex& k : selection(e, d, c).elements) {
      auto el = d.elements.find(k);
      if (el != d.elements.end()) out.push_back(el->second.inst);
    }
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
        if (n.state == 1) cycle(next, stack);
        n.state = 1;
        stack.emplace_back(next, 0);
      }
    }
    return order;
  }

  [[noreturn]] void cycle(int next, const std::vector<std::pair<int, std::size_t>>& stack) const {
    const Instance& n = inst_[static_cast<std::size_t>(next)];
    std::vector<int> members{next};
    for (auto it = stack.rbegin(); it != stack.rend() && it->first != next; ++it) members.push_back(it->first);
    VectorCycle vc;
    for (int m : members)
      if (!inst_[static_cast<std::size_t>(m)].vec_var.empty()) vc.stmts.push_back(inst_[static_cast<std::size_t>(m)].stmt);
    if (!vc.stmts.empty()) throw vc;
    std::string path = label(n);
    for (std::size_t i = 1; i < members.size(); ++i)
      path = label(inst_[static_cast<std::size_t>(members[i])]) + " -> " + path;
    throw InputError(n.stmt->loc, "variable '" + n.name + "' depends on itself: " + label(n) + " -> " + path);
  }

  static std::string label(const Instance& in) { return detail::instance_label(in); }

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
      std::optional<Expr> lo, hi;
      if (s.bounds && s.bounds->lo) lo = expr(*s.bounds->lo, c);
      if (s.bounds && s.bounds->hi) hi = expr(*s.bounds->hi, c);
      const bool censor = censors(s, args, lo, hi, who);
      DistCall d = detail::convert_distribution(m_, s.rhs, args, censor ? std::nullopt : s.bounds, who, lo, hi);
      std::optional<Shape> shape;
      if (in.vec_n) shape = Shape{in.vec_n};
      const bool named = in.block.empty() || defs_.at(in.name).whole >= 0;
      try {
        in.result = named ? m_.random(in.name, d, shape, s.loc) : m_.draw(d, shape);
      } catch (const std::domain_error& e) {
        throw InputError(s.loc, (named ? "" : who + ": ") + e.what());
      } catch (const std::invalid_argument& e) {
        throw InputError(s.loc, (named ? "" : who + ": ") + e.what());
      }
      if (censor) constrain(in, lo, hi);
    }
    // A block's value has the extent of its ranges (`Y[i, 1:2]`: a vector of 2).
    if (!in.block.empty()) {
      std::vector<std::int64_t> want;
      for (const detail::IndexSpan& b : in.block)
        if (b.range) want.push_back(b.hi - b.lo + 1);
      if (in.result->shape() != Shape(want))
        throw InputError(s.loc, who + " has shape " + to_string(Shape(want)) + ", but its value has shape " +
                                    to_string(in.result->shape()));
    }
    if (s.kind == Stmt::Kind::Deterministic && (in.block.empty() || defs_.at(in.name).whole >= 0))
      m_.define(in.name, *in.result, s.loc);
  }

  // The value of element k of an array defined element by element: its statement's
  // value (or its part of a block's value), else its data; nullopt for neither.
  std::optional<Expr> element(const std::string& name, const ArrayDef& d, const MultiIndex& k) {
    auto it = d.elements.find(k);
    if (it != d.elements.end()) {
      const ElementRef& ref = it->second;
      const Expr& r = *inst_[static_cast<std::size_t>(ref.inst)].result;
      if (ref.offset.empty()) return r;
      std::vector<Arg> args{r};
      for (std::int64_t o : ref.offset) args.push_back(Value::integer(static_cast<double>(o)));
      return apply(Op::Index, std::move(args));
    }
    if (const Value* v = data_value(name)) {
      const std::size_t off = detail::column_major_offset(k, d.dims);
      if (off < v->size() && !std::isnan((*v)[off])) return m_.constant(Value(Shape{}, {(*v)[off]}, v->type()));
    }
    return std::nullopt;
  }

  Expr element_or_throw(const BExpr& e, const ArrayDef& d, const MultiIndex& k) {
    auto x = element(e.name, d, k);
    if (!x)
      throw InputError(e.loc, detail::element_label(e.name, k) + " is used but never defined (defined: " +
                                  detail::defined_elements_text(e.name, d) + ")");
    return *x;
  }

  // Which elements `x[...]` selects: per index position one index or a list (a range,
  // an empty index, or the vectorized loop variable), and the selected elements in
  // column-major order of the lists.
  struct Selection {
    std::vector<std::vector<std::int64_t>> lists;
    std::vector<bool> is_list;
    std::vector<MultiIndex> elements;
    MultiIndex dims;  // extent of the list positions
  };

  Selection selection(const BExpr& e, const ArrayDef& d, const Ctx& c) {
    Selection s;
    if (e.indices.size() != d.rank)
      throw InputError(e.loc, "'" + e.name + "' has " + std::to_string(d.rank) + (d.rank == 1 ? " index" : " indices") +
                                  " where it is defined but is indexed with " + std::to_string(e.indices.size()) + " here");
    for (std::size_t p = 0; p < e.indices.size(); ++p) {
      const bugs::Index& idx = e.indices[p];
      const std::string what = "index of '" + e.name + "'";
      Ctx ic = c;
      ic.const_purpose = c.const_purpose ? c.const_purpose : "indices";
      std::vector<std::int64_t> list;
      bool is_list = true;
      if (idx.kind == bugs::Index::Kind::Single && !c.vec_var.empty() && is_var(idx.bounds[0], c.vec_var)) {
        list = iota(c.vec_n, 1);
      } else if (idx.kind == bugs::Index::Kind::Single) {
        list = {integer_of(idx.bounds[0], ic, what)};
        is_list = false;
      } else if (idx.kind == bugs::Index::Kind::Range) {
        const std::int64_t lo = integer_of(idx.bounds[0], ic, what), hi = integer_of(idx.bounds[1], ic, what);
        if (hi < lo) throw InputError(idx.loc, "range " + std::to_string(lo) + ":" + std::to_string(hi) + " of '" + e.name + "' is empty");
        list = iota(hi - lo + 1, lo);
      } else {
        list = iota(d.dims[p], 1);
      }
      for (std::int64_t i : list)
        if (i < 1 || i > d.dims[p]) throw out_of_range(e, p, i, d.dims[p]);
      if (is_list) s.dims.push_back(static_cast<std::int64_t>(list.size()));
      s.lists.push_back(std::move(list));
      s.is_list.push_back(is_list);
    }
    MultiIndex extent;
    for (const auto& l : s.lists) extent.push_back(static_cast<std::int64_t>(l.size()));
    for (const MultiIndex& pos : detail::column_major_indices(extent)) {
      MultiIndex k(pos.size());
      for (std::size_t p = 0; p < pos.size(); ++p) k[p] = s.lists[p][static_cast<std::size_t>(pos[p] - 1)];
      s.elements.push_back(std::move(k));
    }
    return s;
  }

  // Numbers and loop variables under + - *, as most indices are (s[i - 1]): computed
  // here, without adding nodes to the model for every element of every loop.
  static std::optional<double> plain_integer(const BExpr& e, const Env& env) {
    switch (e.kind) {
      case BExpr::Kind::Number: return e.number;
      case BExpr::Kind::Neg: {
        const auto a = plain_integer(e.args[0], env);
        return a ? std::optional<double>(-*a) : std::nullopt;
      }
      case BExpr::Kind::Var: {
        if (e.indexed) return std::nullopt;
        const auto it = env.find(e.name);
        return it == env.end() ? std::nullopt : std::optional<double>(static_cast<double>(it->second));
      }
      case BExpr::Kind::Binary: {
        if (e.op != bugs::BinaryOp::Add && e.op != bugs::BinaryOp::Sub && e.op != bugs::BinaryOp::Mul) return std::nullopt;
        const auto a = plain_integer(e.args[0], env), b = plain_integer(e.args[1], env);
        if (!a || !b) return std::nullopt;
        return e.op == bugs::BinaryOp::Add ? *a + *b : e.op == bugs::BinaryOp::Sub ? *a - *b : *a * *b;
      }
      case BExpr::Kind::Call: return std::nullopt;
    }
    return std::nullopt;
  }

  std::int64_t integer_of(const BExpr& e, const Ctx& c, const std::string& what) {
    std::optional<double> plain = c.vec_var.empty() ? plain_integer(e, *c.env) : std::nullopt;
    if (!plain) {
      Ctx cc = c;
      if (!cc.const_purpose) cc.const_purpose = "indices";
      Expr x = expr(e, cc);
      auto v = detail::constant_of(m_.graph(), x.id());
      if (!v || !v->is_scalar()) throw InputError(e.loc, what + " must be a scalar, got " + to_string(x.shape()));
      plain = v->scalar();
    }
    const double d = *plain;
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
    if (!c.const_purpose)
      for (const auto& idx : e.indices)
        for (const auto& b : idx.bounds)
          if (is_random(b, *c.env)) return random_index(e, c);
    auto it = defs_.find(e.name);
    if (it != defs_.end() && it->second.whole < 0 && !c.const_purpose) {
      const ArrayDef& d = it->second;
      const Selection s = selection(e, d, c);
      std::vector<Expr> elems;
      elems.reserve(s.elements.size());
      for (const MultiIndex& k : s.elements) elems.push_back(element_or_throw(e, d, k));
      return s.dims.empty() ? elems[0] : assemble(elems, s.dims);
    }
    Expr base = whole(e, c);
    const std::vector<std::int64_t> dims = base.shape().dims;  // a copy: building indices adds nodes
    if (dims.empty() && e.indices.size() == 1 && e.indices[0].kind == bugs::Index::Kind::Single) {
      Ctx ic = c;
      ic.const_purpose = c.const_purpose ? c.const_purpose : "indices";
      const std::int64_t i = integer_of(e.indices[0].bounds[0], ic, "index of '" + e.name + "'");
      if (i != 1) throw out_of_range(e, 0, i, 1);
      return base;  // x[1] of a scalar
    }
    if (e.indices.size() != dims.size())
      throw InputError(e.loc, "'" + e.name + "' has shape " + to_string(base.shape()) + " but is indexed with " +
                                  std::to_string(e.indices.size()) + (e.indices.size() == 1 ? " index" : " indices"));
    ArrayDef shape_only;
    shape_only.rank = dims.size();
    shape_only.dims = dims;
    const Selection s = selection(e, shape_only, c);
    std::vector<Arg> args{base};
    bool all = true;
    for (std::size_t k = 0; k < s.lists.size(); ++k) {
      std::vector<double> zero_based;
      for (std::int64_t i : s.lists[k]) zero_based.push_back(static_cast<double>(i - 1));
      all = all && s.is_list[k] && s.lists[k] == iota(dims[k], 1);
      args.push_back(s.is_list[k] ? Value::integers(zero_based) : Value::integer(zero_based[0]));
    }
    if (all) return base;
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

  // x[z, ] with z random: an Index node whose index at that position is z - 1 (the
  // graph's indices are 0-based); the others select as constants. The index must be
  // integer-valued; its range is checked when the model is evaluated.
  Expr random_index(const BExpr& e, const Ctx& c) {
    Expr base = whole(e, c);
    const std::vector<std::int64_t> dims = base.shape().dims;  // a copy: building indices adds nodes
    if (e.indices.size() != dims.size())
      throw InputError(e.loc, "'" + e.name + "' has shape " + to_string(base.shape()) + " but is indexed with " +
                                  std::to_string(e.indices.size()) + (e.indices.size() == 1 ? " index" : " indices"));
    std::vector<Arg> args{base};
    for (std::size_t p = 0; p < e.indices.size(); ++p) {
      const bugs::Index& idx = e.indices[p];
      if (idx.kind == bugs::Index::Kind::Single && is_random(idx.bounds[0], *c.env)) {
        const BExpr& b = idx.bounds[0];
        Expr i = expr(b, c);
        if (!i.shape().is_scalar())
          throw InputError(b.loc, "index of '" + e.name + "' must be a scalar, got " + to_string(i.shape()));
        if (m_.graph().node(i.id()).type != ScalarType::Integer)
          throw InputError(b.loc, "index of '" + e.name + "' must be integer-valued (e.g. z ~ dcat(w)), but it is real");
        args.push_back(i - 1.0);
        continue;
      }
      ArrayDef one;
      one.rank = 1;
      one.dims = {dims[p]};
      BExpr single = e;
      single.indices = {idx};
      Ctx ic = c;
      ic.const_purpose = "indices";
      const Selection s = selection(single, one, ic);
      std::vector<double> zero_based;
      for (std::int64_t i : s.lists[0]) zero_based.push_back(static_cast<double>(i - 1));
      args.push_back(s.is_list[0] ? Value::integers(zero_based) : Value::integer(zero_based[0]));
    }
    return apply(Op::Index, std::move(args));
  }

  InputError out_of_range(const BExpr& e, std::size_t k, std::int64_t i, std::int64_t n) const {
    const std::string dim = e.indices.size() > 1 ? " (dimension " + std::to_string(k + 1) + ")" : "";
    return InputError(e.indices[k].loc, "index " + std::to_string(i) + dim + " of '" + e.name + "' is out of range 1.." +
                                            std::to_string(n));
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
    const ArrayDef& d = it->second;
    if (d.whole >= 0) return *inst_[static_cast<std::size_t>(d.whole)].result;
    // Assembled once: `sum(x[])` in a loop reads the whole array at every iteration.
    if (auto done = assembled_.find(e.name); done != assembled_.end()) return done->second;
    std::vector<Expr> out;
    for (const MultiIndex& k : detail::column_major_indices(d.dims)) out.push_back(element_or_throw(e, d, k));
    return assembled_.emplace(e.name, assemble(out, d.dims)).first->second;
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

  // ---- naming and observing ----
  const Instance& first_instance(const ArrayDef& d) const {
    return inst_[static_cast<std::size_t>(d.whole >= 0 ? d.whole : d.elements.begin()->second.inst)];
  }

  // An array defined element by element becomes one named variable of its extent;
  // elements that nothing defines (BUGS allows ragged arrays) are NaN there.
  void define_variable(const std::string& name, const ArrayDef& d) {
    if (d.whole >= 0 || m_.has(name)) return;
    std::vector<Expr> elems;
    for (const MultiIndex& k : detail::column_major_indices(d.dims)) {
      auto x = element(name, d, k);
      elems.push_back(x ? *x : m_.constant(Value(std::numeric_limits<double>::quiet_NaN())));
    }
    m_.define(name, assemble(elems, d.dims), first_instance(d).stmt->loc);
  }

  // OpenBUGS's I(lo, hi) is censoring: the density is f(x) on [lo, hi], not
  // renormalized. Where the distribution's parameters and the bounds are constants that
  // differs from T(lo, hi) by a constant and is read as T (convert_distribution); where
  // any is random, the missing mass is part of the likelihood (a censored survival time
  // contributes S(lo) to its parameters; ordered values a[k] ~ dnorm(0, t) I(a[k-1], )
  // have the density of the order statistics), so the draw is the base distribution and
  // its value is constrained to [lo, hi] by an observed dinterval, as JAGS users write
  // censoring: the sampler's bounds then come from find_censoring (infer/gradient.cpp).
  bool censors(const Stmt& s, const std::vector<Expr>& args, const std::optional<Expr>& lo,
               const std::optional<Expr>& hi, const std::string& who) const {
    if (s.kind != Stmt::Kind::Stochastic || !s.bounds || s.bounds->kind != 'I') return false;
    const Graph& g = m_.graph();
    const bool random = std::any_of(args.begin(), args.end(), [&](const Expr& a) { return !g.is_constant_expr(a.id()); }) ||
                        (lo && !g.is_constant_expr(lo->id())) || (hi && !g.is_constant_expr(hi->id()));
    if (random && !detail::is_scalar_distribution(s.rhs.name))
      throw InputError(s.bounds->loc, who + ": I(...) of the multivariate " + s.rhs.name +
                                          " is not supported (only scalar distributions can be censored)");
    return random;
  }

  // The constraint of a censored draw (see censors): y ~ dinterval(x, c) observed at the
  // interval [lo, hi] (c = (lo, hi), y = 1; one bound: y = 1 above lo, 0 below hi), one
  // per element of a vectorized draw, under the name x.I (x.I[2,3] for x[2,3]), which
  // the writer prints and reads back. For integer values lo is moved down by 1/2, as I
  // includes it and dinterval's intervals are open below. A value given as data
  // outside constant bounds is reported here.
  void constrain(const Instance& in, const std::optional<Expr>& lo, const std::optional<Expr>& hi) {
    const Stmt& s = *in.stmt;
    if (!lo && !hi) return;
    const Graph& g = m_.graph();
    for (const auto* e : {&lo, &hi})
      if (*e && !(*e)->shape().is_scalar())
        throw InputError(s.bounds->loc, "variable '" + label(in) + "': the bounds of I(...) must be scalars, got shape " +
                                            to_string((*e)->shape()));
    const std::string form = "I(" + (s.bounds->lo ? to_string(*s.bounds->lo) : "") + "," +
                             (s.bounds->hi ? " " + to_string(*s.bounds->hi) : "") + ")";
    const auto constant = [&](const std::optional<Expr>& e) -> std::optional<double> {
      if (!e || !g.is_constant_expr(e->id())) return std::nullopt;
      return detail::constant_of(g, e->id())->scalar();
    };
    const std::optional<double> lo_c = constant(lo), hi_c = constant(hi);
    if (lo_c && hi_c && !(*lo_c < *hi_c))
      throw InputError(s.bounds->loc, "variable '" + label(in) + "': " + form + " needs lo < hi, got " +
                                          format_number(*lo_c) + " and " + format_number(*hi_c));
    // The elements' data, where given, must lie inside constant bounds.
    if (const Value* v = data_value(in.name)) {
      MultiIndex k;
      for (const detail::IndexSpan& b : in.block) k.push_back(b.lo);
      if (in.vec_n) k = {1};
      const std::size_t first = k.empty() ? 0 : detail::column_major_offset(k, defs_.at(in.name).dims);
      for (std::int64_t j = 0; j < std::max<std::int64_t>(in.vec_n, 1); ++j) {
        const std::size_t off = first + static_cast<std::size_t>(j);
        const double x = off < v->size() ? (*v)[off] : std::numeric_limits<double>::quiet_NaN();
        if (std::isnan(x) || !((lo_c && x < *lo_c) || (hi_c && x > *hi_c))) continue;
        const SourceLoc where = data_.where.count(in.name) ? data_.where.at(in.name) : s.bounds->loc;
        const std::string who = in.vec_n ? detail::element_label(in.name, {j + 1}) : label(in);
        throw InputError(where, "variable '" + who + "': value " + format_number(x) + " is outside " + form + " at " +
                                    to_string(s.bounds->loc));
      }
    }
    const bool integer = in.result->node().type == ScalarType::Integer;
    std::vector<Expr> cuts;
    if (lo) cuts.push_back(integer ? *lo - 0.5 : *lo);
    if (hi) cuts.push_back(*hi);
    const Expr c = cuts.size() == 1 ? cuts[0] : stack(cuts);
    auto constraint = [&](const Expr& x) {
      DistCall d;
      d.kind = DistKind::Interval;
      d.params = {Arg(x), Arg(c)};
      return m_.draw(d, std::nullopt);
    };
    const std::string name = label(in).insert(in.name.size(), ".I");
    const double y = lo ? 1.0 : 0.0;
    if (!in.vec_n) {
      m_.define(name, constraint(*in.result), s.bounds->loc);
      m_.observe(name, Value::integer(y));
      return;
    }
    std::vector<Expr> ys;
    for (std::int64_t j = 0; j < in.vec_n; ++j) ys.push_back(constraint((*in.result)[j]));
    m_.define(name, stack(ys), s.bounds->loc);
    m_.observe(name, Value(Shape{in.vec_n}, std::vector<double>(static_cast<std::size_t>(in.vec_n), y), ScalarType::Integer));
  }

  void observe_whole(const std::string& name, const ArrayDef&, const Value& value, const SourceLoc& where) {
    const Variable& var = m_.variable(name);
    const Shape& want = m_.graph().node(var.node).shape;
    Value v = value;
    if (v.size() == 1 && Shape{want}.size() == 1 && v.shape() != want) v = Value(want, v.data(), v.type());
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

  // Data for an array defined element by element: each element with a value is
  // observed (a scalar statement's draw, or a whole block's); NA elements stay random.
  // A fully observed array of scalar draws is observed under its own name; otherwise
  // the observed draws are grouped in observed variables of their own ("y[observed]",
  // "Y[3,1:2]") and the array, if any element is left random, is named for monitoring.
  void observe_elements(const std::string& name, const ArrayDef& d, const Value& value, const SourceLoc& where) {
    std::vector<Expr> scalar_draws;
    std::vector<double> scalar_values;
    std::map<int, std::vector<double>> blocks;  // instance -> values in its order
    bool latent = false, all_scalar_draws = true;
    for (const MultiIndex& k : detail::column_major_indices(d.dims)) {
      const double x = value[detail::column_major_offset(k, d.dims)];
      auto it = d.elements.find(k);
      if (it == d.elements.end()) {  // data only: a constant element
        all_scalar_draws = false;
        continue;
      }
      const Instance& in = inst_[static_cast<std::size_t>(it->second.inst)];
      if (in.stmt->kind == Stmt::Kind::Deterministic) {
        if (!std::isnan(x))
          throw InputError(where, detail::element_label(name, k) + " is given as data (" + format_number(x) +
                                      ") but defined by '<-' at " + to_string(in.stmt->loc));
        all_scalar_draws = false;
        continue;
      }
      if (!it->second.offset.empty()) {
        all_scalar_draws = false;
        blocks[it->second.inst].push_back(x);
        continue;
      }
      if (std::isnan(x)) {
        latent = true;
        all_scalar_draws = false;
        continue;
      }
      scalar_draws.push_back(*in.result);
      scalar_values.push_back(x);
    }
    if (all_scalar_draws) {
      define_variable(name, d);
      observe_whole(name, d, value, where);
      return;
    }
    for (const auto& [k, vals] : blocks) {
      const auto missing = std::count_if(vals.begin(), vals.end(), [](double x) { return std::isnan(x); });
      if (missing == static_cast<std::ptrdiff_t>(vals.size())) latent = true;
      else if (missing)
        throw InputError(where, "variable '" + label(inst_[static_cast<std::size_t>(k)]) + "' is partly observed (" +
                                    std::to_string(missing) + " of " + std::to_string(vals.size()) +
                                    " values are NA); a multivariate node must be observed whole or not at all");
    }
    // The array first, so that its elements print under its name (io::to_bugs).
    if (latent) define_variable(name, d);
    const ScalarType type = value.type();
    if (!scalar_draws.empty()) {
      const std::string part = name + "[observed]";
      const Expr s = stack(scalar_draws);
      m_.define(part, s, first_instance(d).stmt->loc);
      Value v(Shape{static_cast<std::int64_t>(scalar_values.size())}, scalar_values, type);
      m_.observe(part, v);
      check_support(name, s.id(), v, where);
    }
    for (const auto& [k, vals] : blocks) {
      if (std::isnan(vals[0])) continue;
      const Instance& in = inst_[static_cast<std::size_t>(k)];
      m_.define(label(in), *in.result, in.stmt->loc);
      m_.observe(label(in), Value(in.result->shape(), vals, type));
    }
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
    const std::vector<NodeId> leaves = stacked_leaves(g, node);
    if (!leaves.empty())
      for (std::size_t i = 0; i < leaves.size(); ++i) check(leaves[i], i, 1);
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
  const std::vector<bugs::VarDecl>* decls_ = nullptr;
  const Env empty_env_;
  Model m_;
  std::vector<Instance> inst_;
  std::vector<int> order_;
  std::map<std::string, ArrayDef> defs_;
  std::map<std::string, Expr> assembled_;  // whole arrays defined element by element, once read
  std::set<std::string> model_names_;
};

}  // namespace

Model build_model(const bugs::Program& program, const DataSet& data) {
  DataSet all = data;
  if (!program.data.empty()) {
    Builder pre(data);
    pre.run(program.data, program.vars, true);
    pre.export_values(all);
  }
  Builder b(all);
  b.run(program.model, program.vars, false);
  b.observe_data();
  return b.take();
}

Model load_bugs_model(std::string_view text, const std::string& filename, const DataSet& data) {
  return build_model(parse_bugs(text, filename), data);
}

}  // namespace alea::io
