// JAGS's distributions and their conversion to alea's parameterizations, read off
// each distribution's record (BugsForm, dist/record.hpp); alea's own names are
// accepted too so that to_bugs output parses back.
#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "alea/dist/check.hpp"
#include "alea/dist/ops.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/truncated.hpp"
#include "bugs_internal.hpp"

namespace alea::io::detail {
namespace {

const Value& eval(const Graph& g, NodeId id, std::unordered_map<NodeId, Value>& memo) {
  if (auto it = memo.find(id); it != memo.end()) return it->second;
  const Node& n = g.node(id);
  if (n.op == Op::Constant) return memo.emplace(id, *n.constant).first->second;
  std::vector<Value> in;
  for (NodeId i : n.inputs) in.push_back(eval(g, i, memo));
  return memo.emplace(id, dist::evaluate(n.op, in)).first->second;
}

// Kept as nodes even for constants: the writer recognizes 1/sqrt(tau) and prints tau
// back exactly (a folded 1/sqrt(2) would print as 2.0000000000000004).
Arg prec_to_sd(const Expr& tau) { return apply(Op::Div, {1.0, sqrt(tau)}); }
Arg reciprocal(const Expr& tau) { return apply(Op::Div, {1.0, tau}); }

using Args = std::vector<Expr>;

// The covariance (dmnorm) or scale matrix (dmt) from JAGS's precision matrix, or
// alea's scale from dwish's R: a constant matrix checked (named `noun`) and inverted.
Value inverse_matrix(const Value& omega, const std::string& who, const SourceLoc& loc, const std::string& dist,
                     const std::string& noun) {
  const auto& d = omega.shape().dims;
  const std::string bad = who + ": " + dist + ": the " + noun + " is not symmetric positive definite";
  if (d.size() != 2 || d[0] != d[1]) throw InputError(loc, who + ": " + dist + ": the " + noun + " must be a square matrix, got " + to_string(omega.shape()));
  const Eigen::Index n = static_cast<Eigen::Index>(d[0]);
  Eigen::Map<const Eigen::MatrixXd> a(omega.data().data(), n, n);
  if (!a.allFinite() || !a.isApprox(a.transpose(), 1e-10)) throw InputError(loc, bad);
  Eigen::LLT<Eigen::MatrixXd> llt(a);
  if (llt.info() != Eigen::Success) throw InputError(loc, bad);
  Eigen::MatrixXd inv = llt.solve(Eigen::MatrixXd::Identity(n, n));
  inv = (inv + inv.transpose()) / 2;  // exactly symmetric, as mv_normal checks
  return Value(omega.shape(), std::vector<double>(inv.data(), inv.data() + inv.size()), ScalarType::Real);
}

// The distribution and form whose BUGS name (record.hpp's BugsForm) this is.
std::optional<std::pair<DistKind, const dist::BugsForm*>> find_jags_form(const std::string& name) {
  for (int k = 0; k < kDistKindCount; ++k) {
    const dist::DistRecord& r = dist::record(static_cast<DistKind>(k));
    if (r.bugs.name == name) return std::pair{static_cast<DistKind>(k), &r.bugs};
    if (!r.bugs_also.name.empty() && r.bugs_also.name == name) return std::pair{static_cast<DistKind>(k), &r.bugs_also};
  }
  return std::nullopt;
}

// A BUGS call converted to alea's parameters by the record's conversions, after the
// checks of the arguments that must be positive (when constant).
DistCall convert_jags_form(Model& m, DistKind kind, const dist::BugsForm& form, const bugs::Expr& call, const Args& a,
                           const std::string& who_) {
  const std::string who = who_.empty() ? std::string() : who_ + ": ";
  const bool variadic = form.params[0].conv == dist::BugsConv::SumOfArgs;
  if (variadic && a.empty()) throw InputError(call.loc, call.name + " takes at least one argument, got none");
  if (!variadic && a.size() != form.nargs)
    throw InputError(call.loc, call.name + " takes " + std::to_string(form.nargs) + " parameters, got " +
                                   std::to_string(a.size()));
  for (const dist::BugsPositive& c : form.positive) {
    if (c.arg < 0) continue;
    const auto pos = static_cast<std::size_t>(c.arg);
    auto v = constant_of(m.graph(), a[pos].id());
    if (!v) continue;
    for (double x : v->data())
      if (std::string why = dist::check_positive_finite(c.what, x); !why.empty())
        throw InputError(call.args[pos].loc, who + call.name + ": " + why);
  }
  DistCall out;
  out.kind = kind;
  for (const dist::BugsParam& p : form.params) {
    switch (p.conv) {
      case dist::BugsConv::None:
        break;
      case dist::BugsConv::Arg:
        out.params.emplace_back(a[p.a]);
        break;
      case dist::BugsConv::PrecisionToSd:
        out.params.push_back(prec_to_sd(a[p.a]));
        break;
      case dist::BugsConv::Reciprocal:
        out.params.push_back(reciprocal(a[p.a]));
        break;
      case dist::BugsConv::WeibullScale:
        out.params.push_back(apply(Op::Pow, {a[p.a], apply(Op::Div, {-1.0, a[p.b]})}));
        break;
      case dist::BugsConv::SumOfArgs: {
        Expr sum = a[0];
        for (std::size_t j = 1; j < a.size(); ++j) {
          if (a[j].shape() != a[0].shape())
            throw InputError(call.args[j].loc, who + call.name + ": argument " + std::to_string(j + 1) +
                                                   " has shape " + to_string(a[j].shape()) + " but argument 1 has " +
                                                   to_string(a[0].shape()) + " (the sum is elementwise)");
          sum = sum + a[j];
        }
        out.params.emplace_back(sum);
        break;
      }
      case dist::BugsConv::PrecisionMatrixToCov:
      case dist::BugsConv::InverseMatrix: {
        // A constant matrix is checked here, so that the message names it as the user
        // wrote it; a random one (Omega ~ dwish(...)) is inverted in the graph, and its
        // gradient flows through the inverse.
        const std::string noun = p.what ? p.what : "precision matrix";
        auto omega = constant_of(*a[p.a].graph(), a[p.a].id());
        if (!omega) {
          const Shape& s = a[p.a].shape();
          if (s.rank() != 2 || s.dims[0] != s.dims[1])
            throw InputError(call.loc, who + call.name + ": the " + noun +
                                                     " must be a square matrix, got " + to_string(s));
          out.params.push_back(apply(Op::Inverse, {a[p.a]}));
          break;
        }
        const Value inv = inverse_matrix(*omega, who_, call.loc, call.name, noun);
        // dwish's R is kept as inverse(R), so that the BUGS writer prints R back.
        if (p.conv == dist::BugsConv::InverseMatrix) out.params.push_back(apply(Op::Inverse, {a[p.a]}));
        else out.params.emplace_back(inv);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (int k = 0; k < kDistKindCount; ++k)
    for (const dist::BugsForm* f : {&dist::record(static_cast<DistKind>(k)).bugs, &dist::record(static_cast<DistKind>(k)).bugs_also})
      if (!f->name.empty()) out.emplace_back(f->name);
  for (int k = 0; k < kDistKindCount; ++k) out.emplace_back(dist_info(static_cast<DistKind>(k)).name);
  return out;
}

bool is_constant(const Expr& e, double x) {
  auto v = constant_of(*e.graph(), e.id());
  return v && v->is_scalar() && v->scalar() == x;
}

std::string bound_text(const std::optional<Expr>& e) {
  if (!e) return "";
  auto v = constant_of(*e->graph(), e->id());
  return v && v->is_scalar() ? format_number(v->scalar()) : "...";
}

// T(lo, hi) (and I(lo, hi) with constant parameters and bounds, where censoring and
// truncation differ by a constant; otherwise I is censoring, built in bugs_build.cpp): T(0,) of a zero-centred normal or Cauchy
// is alea's half distribution, which the rewriter knows; any other truncation of a
// distribution with a distribution function is its truncated kind
// (dist/truncated.hpp), with the base's parameters then lo and hi, a missing bound
// being the support's own end.
DistCall truncate(const DistCall& d, const bugs::Expr& call, const bugs::Bounds& b, const std::optional<Expr>& lo,
                  const std::optional<Expr>& hi, Model& m, const std::string& who) {
  const std::string form = std::string(1, b.kind) + "(" + bound_text(lo) + "," + bound_text(hi) + ")";
  const DistInfo& info = dist_info(d.kind);
  const bool scalar = info.value_arity == Arity::Scalar &&
                      std::all_of(info.param_arity.begin(), info.param_arity.end(), [](Arity a) { return a == Arity::Scalar; });
  if (!scalar)
    throw InputError(b.loc, who + ": truncation " + form + " of the multivariate " + call.name +
                                " is not supported (only scalar distributions with a distribution function can be truncated)");
  const bool zero_lo = b.lo && b.lo->kind == bugs::Expr::Kind::Number && b.lo->number == 0 && !b.hi;
  auto zero_mean = [&](std::size_t k) {
    const Arg& a = d.params[k];
    return a.value() ? a.value()->is_scalar() && a.value()->scalar() == 0 : is_constant(*a.expr(), 0);
  };
  if (zero_lo && d.kind == DistKind::Normal && zero_mean(0)) return half_normal(d.params[1]);
  if (zero_lo && d.kind == DistKind::Cauchy && zero_mean(0)) return half_cauchy(d.params[1]);
  if (zero_lo && d.kind == DistKind::StudentT && zero_mean(1)) {
    const Arg& nu = d.params[0];
    const bool one = nu.value() ? nu.value()->is_scalar() && nu.value()->scalar() == 1 : is_constant(*nu.expr(), 1);
    if (one) return half_cauchy(d.params[2]);
  }
  const auto kind = dist::truncated_kind(d.kind);
  if (!kind) {
    std::string known;
    for (int k = 0; k < kDistKindCount; ++k)
      if (const auto name = dist::record(static_cast<DistKind>(k)).bugs.name;
          !name.empty() && dist::truncated_kind(static_cast<DistKind>(k)))
        known += (known.empty() ? "" : ", ") + std::string(name);
    throw InputError(b.loc, who + ": truncation " + form + " of " + call.name +
                                " is not supported: alea has no distribution function for it (truncation works for " +
                                known + ", and T(0,) of a normal, Cauchy or t with mean 0)");
  }
  const dist::SupportSpec& s = dist::record(d.kind).support_spec;
  auto lo_c = lo ? constant_of(*lo->graph(), lo->id()) : std::optional<Value>(Value(s.lo.value));
  auto hi_c = hi ? constant_of(*hi->graph(), hi->id()) : std::optional<Value>(Value(s.hi.value));
  for (const auto& v : {lo_c, hi_c})
    if (v && !v->is_scalar())
      throw InputError(b.loc, who + ": the bounds of " + form + " must be scalars, got shape " + to_string(v->shape()));
  if (lo_c && hi_c && !(lo_c->scalar() < hi_c->scalar()))
    throw InputError(b.loc, who + ": truncation " + form + " needs lower bound < upper bound, got " +
                                format_number(lo_c->scalar()) + " and " + format_number(hi_c->scalar()));
  // A bound is met with the base's own end where that is a parameter (dunif's a and b,
  // dpar's c, dbin's n), so that the support is the intersection, as T means; a
  // missing bound is that end.
  auto meet = [&](const std::optional<Expr>& given, const dist::SupportBound& end, Op op) -> Arg {
    if (end.param < 0) return given ? Arg(*given) : Arg(end.value);
    const Arg& own = d.params[static_cast<std::size_t>(end.param)];
    if (!given) return own;
    return apply(op, {Arg(*given), own});
  };
  DistCall out;
  out.kind = *kind;
  out.params = d.params;
  out.params.push_back(meet(lo, s.lo, Op::Max));
  out.params.push_back(meet(hi, s.hi, Op::Min));
  (void)m;
  return out;
}

}  // namespace

// The distribution whose BUGS name (record.hpp's BugsForm, or its second name) this is.
std::optional<DistKind> find_jags(const std::string& name) {
  if (auto f = find_jags_form(name)) return f->first;
  return std::nullopt;
}

DistCall convert_jags(Model& m, DistKind kind, const bugs::Expr& call, const Args& a, const std::string& who) {
  return convert_jags_form(m, kind, dist::record(kind).bugs, call, a, who);
}

std::optional<Value> constant_of(const Graph& g, NodeId id) {
  if (!g.is_constant_expr(id)) return std::nullopt;
  std::unordered_map<NodeId, Value> memo;
  return eval(g, id, memo);
}

std::string suggest(const std::string& name, const std::vector<std::string>& known) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(1, (name.size() + 1) / 3) + 1;  // accept up to a third wrong
  for (const std::string& k : known) {
    std::vector<std::size_t> row(k.size() + 1);
    for (std::size_t j = 0; j <= k.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= name.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= k.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (name[i - 1] == k[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    if (row[k.size()] < best_d) {
      best_d = row[k.size()];
      best = k;
    }
  }
  return best;
}

bool is_scalar_distribution(const std::string& name) {
  std::optional<DistKind> k;
  if (auto jags = find_jags_form(name)) k = jags->first;
  else k = dist_by_name(name);
  if (!k) return false;
  const DistInfo& info = dist_info(*k);
  return info.value_arity == Arity::Scalar &&
         std::all_of(info.param_arity.begin(), info.param_arity.end(), [](Arity a) { return a == Arity::Scalar; });
}

DistCall convert_distribution(Model& m, const bugs::Expr& call, const std::vector<Expr>& args,
                              const std::optional<bugs::Bounds>& bounds, const std::string& who,
                              const std::optional<Expr>& lo, const std::optional<Expr>& hi) {
  DistCall out;
  if (auto jags = find_jags_form(call.name)) {
    out = convert_jags_form(m, jags->first, *jags->second, call, args, who);
  } else if (auto kind = dist_by_name(call.name)) {
    const DistInfo& info = dist_info(*kind);
    if (args.size() != info.params.size())
      throw InputError(call.loc, call.name + " takes " + std::to_string(info.params.size()) + " parameters, got " +
                                     std::to_string(args.size()));
    out.kind = *kind;
    out.params.assign(args.begin(), args.end());
  } else {
    const std::string near = suggest(call.name, all_names());
    throw InputError(call.loc, "unknown distribution '" + call.name + "'" +
                                   (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  if (bounds) out = truncate(out, call, *bounds, lo, hi, m, who);
  return out;
}

}  // namespace alea::io::detail
