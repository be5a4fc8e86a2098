// Model -> BUGS text: the program is built as a syntax tree (so that precedence and
// syntax are the parser's own) with JAGS's parameterizations where JAGS has them.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "alea/dist/dist_functions.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/truncated.hpp"
#include "alea/io/bugs_model.hpp"
#include "alea/io/bugs_parser.hpp"
#include "alea/model/composite.hpp"
#include "bugs_internal.hpp"

namespace alea::io {
namespace {

// A precision or rate computed from a scale carries the rounding of that
// computation (1/sqrt(5)^2 = 0.19999999999999996): print the shortest decimal
// within a few ulps, which reads back to the same scale to rounding.
double short_decimal(double x) {
  for (int digits = 12; digits <= 17; ++digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, x);
    const double y = std::strtod(buf, nullptr);
    if (std::abs(y - x) <= 4 * std::numeric_limits<double>::epsilon() * std::abs(x)) return y;
  }
  return x;
}


using BExpr = bugs::Expr;
using bugs::Stmt;

BExpr number(double x) {
  if (!std::isfinite(x)) throw std::invalid_argument("to_bugs: the constant " + format_number(x) + " has no BUGS form");
  BExpr e;
  e.kind = BExpr::Kind::Number;
  e.number = std::abs(x);
  if (x >= 0) return e;
  BExpr n;
  n.kind = BExpr::Kind::Neg;
  n.args.push_back(std::move(e));
  return n;
}
BExpr var(const std::string& name, std::vector<BExpr> idx = {}) {
  BExpr e;
  e.kind = BExpr::Kind::Var;
  e.name = name;
  e.indexed = !idx.empty();
  for (BExpr& i : idx) e.indices.push_back(bugs::Index{bugs::Index::Kind::Single, {std::move(i)}, {}});
  return e;
}
BExpr call(const std::string& name, std::vector<BExpr> args) {
  BExpr e;
  e.kind = BExpr::Kind::Call;
  e.name = name;
  e.args = std::move(args);
  return e;
}
BExpr binary(bugs::BinaryOp op, BExpr a, BExpr b) {
  BExpr e;
  e.kind = BExpr::Kind::Binary;
  e.op = op;
  // Not {a, b}: an initializer list copies its elements, and a chain of N binary
  // operations would copy O(N^2) nodes.
  e.args.reserve(2);
  e.args.push_back(std::move(a));
  e.args.push_back(std::move(b));
  return e;
}
// The BUGS infix operator that writes a binary op, if one does.
std::optional<bugs::BinaryOp> bugs_binary(Op op) {
  switch (op) {
    case Op::Add: return bugs::BinaryOp::Add;
    case Op::Sub: return bugs::BinaryOp::Sub;
    case Op::Mul: return bugs::BinaryOp::Mul;
    case Op::Div: return bugs::BinaryOp::Div;
    case Op::MatVec:
    case Op::MatMul: return bugs::BinaryOp::MatMul;
    case Op::NotEqual: return bugs::BinaryOp::Ne;
    case Op::Less: return bugs::BinaryOp::Lt;
    case Op::LessEqual: return bugs::BinaryOp::Le;
    case Op::And: return bugs::BinaryOp::And;
    case Op::Or: return bugs::BinaryOp::Or;
    default: return std::nullopt;
  }
}
Stmt relation(Stmt::Kind kind, BExpr lhs, BExpr rhs) {
  Stmt s;
  s.kind = kind;
  s.lhs = std::move(lhs);
  s.rhs = std::move(rhs);
  return s;
}

// The 1-based index of an element of an array, e.g. (2, 1) for y[2,1].
using Position = std::vector<double>;

Position position(const Shape& shape, std::size_t flat) {
  Position at;
  for (std::int64_t d : shape.dims) {
    at.push_back(static_cast<double>(flat % static_cast<std::size_t>(d) + 1));
    flat /= static_cast<std::size_t>(d);
  }
  return at;
}

std::vector<BExpr> numbers(const Position& at) {
  std::vector<BExpr> out;
  for (double k : at) out.push_back(number(k));
  return out;
}

class Writer {
 public:
  explicit Writer(const Model& m) : m_(m), g_(m.graph()) {
    for (const Variable& v : m.variables()) used_.insert(v.name);
    std::vector<const Variable*> constraints;  // after the others: their bounds name them
    for (const Variable& v : m.variables()) {
      const bool named = v.name.ends_with(".I") || v.name.find(".I[") != std::string::npos;
      if (named && v.observed) constraints.push_back(&v);
      else add(v);
    }
    for (const Variable* v : constraints)
      if (!censoring(*v)) add(*v);
    loop_ = fresh("i");
  }

  std::string write() {
    for (NodeId id = 0; id < g_.size(); ++id) statement(id);
    bugs::Program p;
    p.model = std::move(out_);
    return to_string(p);
  }

 private:
  std::string fresh(const std::string& stem) {
    std::string s = stem;
    for (int k = 1; used_.count(s); ++k) s = stem + "." + std::to_string(k);
    used_.insert(s);
    return s;
  }

  bool is_data(NodeId id) const {
    auto it = names_.find(id);
    return it != names_.end() && m_.variable(it->second).is_data;
  }

  void add(const Variable& v) {
    const Node& n = g_.node(v.node);
    // The observed elements of a partly observed array ("y[observed]", bugs_build.cpp)
    // print as the array's own elements.
    if (n.op == Op::Stack && v.name.find('[') != std::string::npos) return;
    if (!names_.emplace(v.node, v.name).second) aliases_[v.node].push_back(v.name);
    if (n.op == Op::Stack && !v.is_data) {
      const std::vector<NodeId> leaves = stacked_leaves(g_, v.node);
      for (std::size_t i = 0; i < leaves.size(); ++i)
        if (g_.node(leaves[i]).op != Op::Constant && !names_.count(leaves[i]) && !elems_.count(leaves[i]))
          elems_.emplace(leaves[i], std::make_pair(v.name, position(n.shape, i)));
    }
  }

  // The constraint that reading I(lo, hi) with a random parameter or bound builds
  // (bugs_build.cpp): an observed x.I ~ dinterval(x, c), or a vector of them over the
  // elements of x, is written back as I(lo, hi) on x's draw.
  bool censoring(const Variable& v) {
    const Node& n = g_.node(v.node);
    std::vector<NodeId> ys{v.node};
    if (n.op == Op::Stack) ys = n.inputs;
    std::optional<NodeId> x;
    std::optional<NodeId> cuts;
    for (std::size_t j = 0; j < ys.size(); ++j) {
      const Node& y = g_.node(ys[j]);
      if (y.op != Op::Draw || y.dist != DistKind::Interval || (cuts && *cuts != y.inputs[1])) return false;
      NodeId t = y.inputs[0];
      if (n.op == Op::Stack) {  // element j of one vector draw
        const Node& e = g_.node(t);
        if (e.op != Op::Index || e.inputs.size() != 2 || g_.node(e.inputs[1]).op != Op::Constant ||
            g_.node(e.inputs[1]).constant->scalar() != static_cast<double>(j))
          return false;
        t = e.inputs[0];
      }
      if (g_.node(t).op != Op::Draw || (x && *x != t)) return false;
      x = t, cuts = y.inputs[1];
    }
    if (!x || static_cast<std::size_t>(g_.node(*x).shape.size()) != ys.size()) return false;
    const double y = (*v.observed)[0];
    for (double o : v.observed->data())
      if (o != y) return false;
    // The cut points: one scalar, two stacked, or a constant pair (after simplification).
    std::vector<BExpr> c;
    const Node& cn = g_.node(*cuts);
    if (cn.shape.is_scalar()) c.push_back(bound(*cuts, g_.node(*x).type == ScalarType::Integer));
    else if (cn.op == Op::Stack)
      for (NodeId k : cn.inputs) c.push_back(bound(k, g_.node(*x).type == ScalarType::Integer && c.empty()));
    else if (cn.op == Op::Constant)
      for (double k : cn.constant->data()) c.push_back(number(g_.node(*x).type == ScalarType::Integer && c.empty() ? k + 0.5 : k));
    if (!((c.size() == 1 && (y == 0 || y == 1)) || (c.size() == 2 && y == 1))) return false;
    censored_[*x] = {y == 1 ? std::optional<BExpr>(c[0]) : std::nullopt,
                     c.size() == 2 ? std::optional<BExpr>(c[1]) : y == 0 ? std::optional<BExpr>(c[0]) : std::nullopt};
    for (NodeId k : ys) skipped_.insert(k);
    if (n.op == Op::Stack) skipped_.insert(v.node);
    return true;
  }

  // A cut point as a bound; an integer draw's lower cut is lo - 1/2 (bugs_build.cpp).
  BExpr bound(NodeId k, bool integer_lower) {
    const Node& d = g_.node(k);
    if (integer_lower && d.op == Op::Sub && g_.node(d.inputs[1]).op == Op::Constant &&
        g_.node(d.inputs[1]).constant->scalar() == 0.5)
      return ex(d.inputs[0], false);
    if (integer_lower && d.op == Op::Constant) return number(d.constant->scalar() + 0.5);
    return ex(k, false);
  }

  void statement(NodeId id) {
    if (skipped_.count(id)) return;
    const Node& n = g_.node(id);
    auto named = names_.find(id);
    auto elem = elems_.find(id);
    if (n.op == Op::Draw) {
      std::string name = named != names_.end() ? named->second : elem != elems_.end() ? elem->second.first : "";
      if (name.empty()) names_[id] = name = fresh("s." + std::to_string(n.site));
      draw(id, name, elem != elems_.end() && named == names_.end() ? std::optional<Position>(elem->second.second)
                                                                  : std::nullopt);
    } else if (n.op == Op::Constant || is_data(id)) {
      return;
    } else if (named != names_.end() && n.op == Op::Stack && !stacked_leaves(g_, id).empty()) {
      const std::vector<NodeId> leaves = stacked_leaves(g_, id);
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        const Node& leaf = g_.node(leaves[i]);
        if (leaf.op == Op::Constant && std::isnan(leaf.constant->scalar())) continue;  // a hole of a ragged array
        auto e = elems_.find(leaves[i]);
        const Position at = position(n.shape, i);
        if (e == elems_.end() || e->second.first != named->second || e->second.second != at || names_.count(leaves[i]))
          out_.push_back(relation(Stmt::Kind::Deterministic, var(named->second, numbers(at)), ex(leaves[i], false)));
      }
    } else if (named != names_.end()) {
      define(id, named->second);
    } else if (elem != elems_.end()) {
      out_.push_back(relation(Stmt::Kind::Deterministic, var(elem->second.first, numbers(elem->second.second)),
                              ex(id, false, true)));
    }
    if (auto a = aliases_.find(id); a != aliases_.end() && !is_data(id))
      for (const std::string& alias : a->second)
        out_.push_back(relation(Stmt::Kind::Deterministic, var(alias), var(names_.at(id))));
  }

  // A deterministic vector is written element by element in a loop.
  void define(NodeId id, const std::string& name) {
    const Shape& s = g_.node(id).shape;
    if (s.is_scalar()) {
      out_.push_back(relation(Stmt::Kind::Deterministic, var(name), ex(id, false, true)));
    } else if (s.rank() == 1) {
      loop(s.dims[0], relation(Stmt::Kind::Deterministic, var(name, {var(loop_)}), ex(id, true, true)));
    } else if (s.rank() == 2 && g_.node(id).op != Op::Stack && g_.node(id).op != Op::Index) {
      // A matrix function of whole matrices (Sigma <- inverse(Omega)) as one statement.
      out_.push_back(relation(Stmt::Kind::Deterministic, var(name), ex(id, false, true)));
    } else {
      throw std::invalid_argument("to_bugs: variable '" + name + "' is a matrix, which BUGS text cannot define here");
    }
  }

  void loop(std::int64_t n, Stmt body) {
    Stmt f;
    f.kind = Stmt::Kind::For;
    f.loop_var = loop_;
    f.from = number(1);
    f.to = number(static_cast<double>(n));
    f.body.push_back(std::move(body));
    out_.push_back(std::move(f));
  }

  void draw(NodeId id, const std::string& name, std::optional<Position> element) {
    const Node& n = g_.node(id);
    const bool vec = dist_info(n.dist).value_arity == Arity::Scalar && !n.shape.is_scalar();
    if (vec && n.shape.rank() != 1) throw std::invalid_argument("to_bugs: '" + name + "' is a matrix of draws");
    std::vector<BExpr> p;
    // A vector parameter of a scalar distribution (normal_mixture's w, mu, sigma) is the
    // same whole vector for every element, not indexed by the loop variable.
    const auto& arity = dist_info(n.dist).param_arity;
    // A truncated kind is written as its base with T(lo, hi) (dist/truncated.hpp); a
    // bound that is an infinite constant is the missing end of T(lo,).
    const auto base = dist::truncation_base(n.dist);
    std::vector<NodeId> in(n.inputs.begin(), n.inputs.end());
    std::optional<bugs::Bounds> bounds;
    if (base) {
      bounds.emplace();
      auto bound = [&](NodeId b) -> std::optional<BExpr> {
        const Node& c = g_.node(b);
        if (c.op == Op::Constant && c.constant->is_scalar() && std::isinf(c.constant->scalar())) return std::nullopt;
        return ex(b, vec);
      };
      bounds->hi = bound(in.back());
      in.pop_back();
      bounds->lo = bound(in.back());
      in.pop_back();
    }
    if (const auto c = censored_.find(id); c != censored_.end() && !base) {
      bounds.emplace();
      bounds->kind = 'I';
      bounds->lo = c->second.first;
      bounds->hi = c->second.second;
    }
    const DistKind kind = base ? *base : n.dist;
    for (std::size_t k = 0; k < in.size(); ++k)
      p.push_back(ex(in[k], vec && (k >= arity.size() || arity[k] == Arity::Scalar)));
    const dist::BugsForm& form = dist::record(kind).bugs;
    auto args = jags_args(kind, in, p, vec);
    BExpr rhs = args ? call(std::string(form.name), std::move(*args)) : call(std::string(dist_info(kind).name), p);
    Stmt s = relation(Stmt::Kind::Stochastic, vec ? var(name, {var(loop_)}) : element ? var(name, numbers(*element)) : var(name),
                      std::move(rhs));
    s.bounds = std::move(bounds);
    if (vec) {
      loop(n.shape.dims[0], std::move(s));
    } else {
      out_.push_back(std::move(s));
    }
  }

  // The BUGS arguments of distribution `kind` whose alea parameters are the nodes `in`
  // (written `p`): the record's conversions inverted; nullopt when it has no BUGS form
  // that the writer can give.
  std::optional<std::vector<BExpr>> jags_args(DistKind kind, const std::vector<NodeId>& in, const std::vector<BExpr>& p,
                                              bool vec) {
    auto pw = [](BExpr x, double k) { return call("pow", {std::move(x), number(k)}); };
    // JAGS's precision for alea's sd: 1/sqrt(tau) was built from tau, so give tau back.
    auto precision = [&](std::size_t k) {
      const Node& s = g_.node(in[k]);
      if (s.op == Op::Div && is_one(s.inputs[0]) && g_.node(s.inputs[1]).op == Op::Sqrt)
        return ex(g_.node(s.inputs[1]).inputs[0], vec);
      if (s.op == Op::Constant && s.constant->is_scalar())
        return number(short_decimal(1 / (s.constant->scalar() * s.constant->scalar())));
      return pw(p[k], -2);
    };
    auto rate = [&](std::size_t k) {
      const Node& s = g_.node(in[k]);
      if (s.op == Op::Div && is_one(s.inputs[0])) return ex(s.inputs[1], vec);
      if (s.op == Op::Constant && s.constant->is_scalar()) return number(short_decimal(1 / s.constant->scalar()));
      return binary(bugs::BinaryOp::Div, number(1), p[k]);
    };
    // The BUGS form inverts the record's conversions (dist/record.hpp): BUGS argument j
    // is the alea parameter converted from it. A form that reads a matrix inverse has no
    // writer here, and then, like a distribution without a BUGS name, is written by
    // alea's own name, which the reader accepts too.
    const dist::BugsForm& form = dist::record(kind).bugs;
    const bool writable = !form.name.empty() &&
                          std::none_of(form.params.begin(), form.params.end(), [](const dist::BugsParam& q) {
                            return q.conv == dist::BugsConv::PrecisionMatrixToCov;
                          });
    if (!writable) return std::nullopt;
    std::vector<BExpr> args(form.nargs);
    auto source_of = [&](std::size_t j) {  // the alea parameter read straight from argument j
      for (std::size_t k = 0; k < form.params.size(); ++k)
        if (form.params[k].conv == dist::BugsConv::Arg && form.params[k].a == j) return k;
      throw std::logic_error("to_bugs: no parameter of " + std::string(form.name) + " is its argument " +
                             std::to_string(j));
    };
    for (std::size_t k = 0; k < form.params.size(); ++k) {
      const dist::BugsParam& q = form.params[k];
      switch (q.conv) {
        case dist::BugsConv::None:
          break;
        case dist::BugsConv::Arg:
          args[q.a] = p[k];
          break;
        case dist::BugsConv::PrecisionToSd:
          args[q.a] = precision(k);
          break;
        case dist::BugsConv::Reciprocal:
          args[q.a] = rate(k);
          break;
        case dist::BugsConv::WeibullScale:
          args[q.a] =
              call("pow", {p[k], BExpr{BExpr::Kind::Neg, {}, 0, {}, false, {}, {}, {p[source_of(q.b)]}}});
          break;
        case dist::BugsConv::PrecisionMatrixToCov:
          break;
        case dist::BugsConv::InverseMatrix: {
          // The reader kept inverse(R) as a node: give R back.
          const Node& s = g_.node(in[k]);
          args[q.a] = s.op == Op::Inverse ? ex(s.inputs[0], vec) : call("inverse", {p[k]});
          break;
        }
        case dist::BugsConv::SumOfArgs:  // dsum of the one sum
          args[q.a] = p[k];
          break;
      }
    }
    return args;
  }

  bool is_one(NodeId id) const {
    const Node& n = g_.node(id);
    return n.op == Op::Constant && n.constant->is_scalar() && n.constant->scalar() == 1;
  }

  // A name for a node that has none: a helper variable defined before the current statement.
  std::string name_of(NodeId id) {
    if (auto it = names_.find(id); it != names_.end()) return it->second;
    const Node& n = g_.node(id);
    const std::string name = fresh(n.op == Op::Constant ? "c" : "t");
    if (n.op == Op::Constant && n.shape.rank() == 1) {
      for (std::size_t k = 0; k < n.constant->size(); ++k)
        out_.push_back(relation(Stmt::Kind::Deterministic, var(name, {number(static_cast<double>(k + 1))}),
                                number((*n.constant)[k])));
    } else if (n.op == Op::Constant && n.shape.rank() == 2) {
      // A constant matrix (a folded inverse(R) of dwish, a dmnorm covariance) element by element.
      const auto rows = static_cast<std::size_t>(n.shape.dims[0]), cols = static_cast<std::size_t>(n.shape.dims[1]);
      for (std::size_t j = 0; j < cols; ++j)
        for (std::size_t i = 0; i < rows; ++i)
          out_.push_back(relation(Stmt::Kind::Deterministic,
                                  var(name, {number(static_cast<double>(i + 1)), number(static_cast<double>(j + 1))}),
                                  number((*n.constant)[i + rows * j])));
    } else if (n.op == Op::Stack) {
      for (std::size_t k = 0; k < n.inputs.size(); ++k)
        out_.push_back(relation(Stmt::Kind::Deterministic, var(name, {number(static_cast<double>(k + 1))}),
                                ex(n.inputs[k], false)));
    } else {
      define(id, name);
    }
    names_[id] = name;
    return name;
  }

  // The expression for node `id`: its whole value, or (elem) its element `loop_`.
  BExpr ex(NodeId id, bool elem, bool top = false) {
    const Node& n = g_.node(id);
    elem = elem && n.shape.rank() == 1;
    // A scalar constant is its number, even when it equals a named data value: 10 in
    // dunif(0, 10) is not the data N that happens to be 10.
    if (n.op == Op::Constant && n.shape.is_scalar()) return number(n.constant->scalar());
    if (!top) {
      if (auto it = names_.find(id); it != names_.end()) return elem ? var(it->second, {var(loop_)}) : var(it->second);
      if (auto it = elems_.find(id); it != elems_.end()) return var(it->second.first, numbers(it->second.second));
    }
    if (n.op == Op::Constant) {
      if (n.shape.is_scalar()) return number(n.constant->scalar());
      return elem ? var(name_of(id), {var(loop_)}) : var(name_of(id));
    }
    if (n.op == Op::Stack) return elem ? var(name_of(id), {var(loop_)}) : var(name_of(id));
    if (n.op == Op::Index) return index(n, elem);
    const OpInfo& info = op_info(n.op);
    std::vector<BExpr> a;
    const bool each = info.cls == OpClass::Unary || info.cls == OpClass::Binary || dist::is_dist_function(n.op);
    if (!each && elem) return var(name_of(id), {var(loop_)});
    for (NodeId i : n.inputs) a.push_back(ex(i, elem && each));
    if (const auto op = bugs_binary(n.op)) return binary(*op, std::move(a[0]), std::move(a[1]));
    switch (n.op) {
      case Op::Square: return binary(bugs::BinaryOp::Pow, std::move(a[0]), number(2));
      case Op::Neg: {
        BExpr e;
        e.kind = BExpr::Kind::Neg;
        e.args.push_back(std::move(a[0]));
        return e;
      }
      case Op::DistDensity: case Op::DistCdf: case Op::DistQuantile: return dist_function_call(n, a, elem);
      case Op::Logistic: return call("ilogit", std::move(a));
      case Op::Dot: return call("inprod", std::move(a));
      default: return call(std::string(info.name), std::move(a));
    }
  }

  // dNAME(x, ...), pNAME or qNAME: the distribution's BUGS arguments after x.
  BExpr dist_function_call(const Node& n, const std::vector<BExpr>& a, bool elem) {
    const auto kind = dist::dist_function_kind(n.op, g_.node(n.inputs[0]).constant->scalar());
    const std::vector<NodeId> in(n.inputs.begin() + 2, n.inputs.end());
    auto args = kind ? jags_args(*kind, in, std::vector<BExpr>(a.begin() + 2, a.end()), elem) : std::nullopt;
    if (!args) throw std::invalid_argument("to_bugs: a distribution function without a BUGS form");
    args->insert(args->begin(), a[1]);
    const char prefix = n.op == Op::DistDensity ? 'd' : n.op == Op::DistCdf ? 'p' : 'q';
    return call(prefix + std::string(dist::record(*kind).bugs.name.substr(1)), std::move(*args));
  }

  // Constant indices, 0-based in the graph, are written 1-based; a contiguous
  // vector index is a range (whole value) or the loop variable plus an offset.
  BExpr index(const Node& n, bool elem) {
    BExpr e = var(name_of(n.inputs[0]));
    e.indexed = true;
    for (std::size_t k = 1; k < n.inputs.size(); ++k) {
      const Node& i = g_.node(n.inputs[k]);
      if (i.op != Op::Constant) {
        // A random index (mu[z] for z ~ dcat(w)): the graph holds z - 1.
        if (!i.shape.is_scalar()) throw std::invalid_argument("to_bugs: a random vector index has no BUGS form here");
        const bool minus_one = i.op == Op::Sub && is_one(i.inputs[1]);
        BExpr one_based = minus_one ? ex(i.inputs[0], false) : binary(bugs::BinaryOp::Add, ex(n.inputs[k], false), number(1));
        e.indices.push_back({bugs::Index::Kind::Single, {std::move(one_based)}, {}});
        continue;
      }
      const Value& v = *i.constant;
      bugs::Index idx;
      if (v.is_scalar()) {
        idx = {bugs::Index::Kind::Single, {number(v.scalar() + 1)}, {}};
      } else {
        for (std::size_t j = 1; j < v.size(); ++j)
          if (v[j] != v[0] + static_cast<double>(j))
            throw std::invalid_argument("to_bugs: a non-contiguous index has no BUGS form here");
        if (elem)
          idx = {bugs::Index::Kind::Single,
                 {v[0] == 0 ? var(loop_) : binary(bugs::BinaryOp::Add, var(loop_), number(v[0]))}, {}};
        else
          idx = {bugs::Index::Kind::Range, {number(v[0] + 1), number(v[v.size() - 1] + 1)}, {}};
      }
      e.indices.push_back(std::move(idx));
    }
    return e;
  }

  std::map<NodeId, std::pair<std::optional<BExpr>, std::optional<BExpr>>> censored_;  // draw -> I(lo, hi)
  std::set<NodeId> skipped_;  // the constraints written as I(...)
  const Model& m_;
  const Graph& g_;
  std::map<NodeId, std::string> names_;
  std::map<NodeId, std::vector<std::string>> aliases_;
  std::map<NodeId, std::pair<std::string, Position>> elems_;
  std::set<std::string> used_;
  std::string loop_;
  std::vector<Stmt> out_;
};

}  // namespace

// BUGS has no composite ops: they are written as their primitive bodies.
std::string to_bugs(const Model& m) { return Writer(m.graph().has_composites() ? expand_all(m) : m).write(); }

}  // namespace alea::io
