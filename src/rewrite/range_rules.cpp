// Interval arithmetic for the sign/support analysis. Every rule is conservative:
// the range it returns contains every value the op can take.
#include "range_rules.hpp"

#include <algorithm>
#include <cmath>

#include "alea/dist/record.hpp"

namespace alea::rewrite::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Range make(double lo, double hi, bool lo_open = false, bool hi_open = false, bool integer = false) {
  if (std::isnan(lo)) lo = -kInf, lo_open = true;
  if (std::isnan(hi)) hi = kInf, hi_open = true;
  return {lo, hi, lo_open, hi_open, integer};
}

const Range kPositive = make(0, kInf, true, true);
const Range kNonneg = make(0, kInf, false, true);
const Range kUnitOpen = make(0, 1, true, true);

Range neg(const Range& a) { return make(-a.hi, -a.lo, a.hi_open, a.lo_open, a.integer); }

Range add(const Range& a, const Range& b) {
  return make(a.lo + b.lo, a.hi + b.hi, a.lo_open || b.lo_open, a.hi_open || b.hi_open, a.integer && b.integer);
}

Range mul(const Range& a, const Range& b) {
  const bool integer = a.integer && b.integer;
  if (a.positive() && b.positive()) return make(a.lo * b.lo, a.hi * b.hi, true, true, integer);
  if (a.nonnegative() && b.nonnegative()) return make(0, a.hi * b.hi, false, true, integer);
  const double c[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  for (double x : c)
    if (std::isnan(x)) return make(-kInf, kInf, true, true, integer);
  return make(*std::min_element(c, c + 4), *std::max_element(c, c + 4), false, false, integer);
}

Range hull(const Range& a, const Range& b) {
  return make(std::min(a.lo, b.lo), std::max(a.hi, b.hi), false, false, a.integer && b.integer);
}

}  // namespace

Range value_range(const Value& v) {
  if (v.size() == 0) return Range::all();
  double lo = kInf, hi = -kInf;
  bool integer = true;
  for (double x : v.data()) {
    if (std::isnan(x)) return Range::all();
    lo = std::min(lo, x);
    hi = std::max(hi, x);
    integer = integer && x == std::floor(x);
  }
  return make(lo, hi, false, false, integer);
}

Range op_range(Op op, std::span<const Range> in) {
  switch (op) {
    case Op::Add: return add(in[0], in[1]);
    case Op::Sub: return add(in[0], neg(in[1]));
    case Op::Neg: return neg(in[0]);
    case Op::Mul: return mul(in[0], in[1]);
    case Op::Div:
      if (in[1].positive() && in[0].positive()) return kPositive;
      if (in[1].positive() && in[0].nonnegative()) return kNonneg;
      return Range::all();
    case Op::Pow: return in[0].positive() ? kPositive : Range::all();
    case Op::Exp: return make(std::exp(in[0].lo), std::exp(in[0].hi), true, in[0].hi_open);
    case Op::Expm1: return make(std::expm1(in[0].lo), std::expm1(in[0].hi), true, in[0].hi_open);
    case Op::Log:
      if (!in[0].positive()) return Range::all();
      return make(std::log(in[0].lo), std::log(in[0].hi), in[0].lo_open, in[0].hi_open);
    case Op::Log1p:
      if (!(in[0].lo > -1 || (in[0].lo == -1 && in[0].lo_open))) return Range::all();
      return make(std::log1p(in[0].lo), std::log1p(in[0].hi), in[0].lo_open, in[0].hi_open);
    case Op::Sqrt:
      if (in[0].positive()) return make(std::sqrt(in[0].lo), std::sqrt(in[0].hi), true, in[0].hi_open);
      return make(0, std::sqrt(std::max(0.0, in[0].hi)), false, in[0].hi_open);
    case Op::Square:
    case Op::Abs: {
      const double m = op == Op::Square ? std::max(in[0].lo * in[0].lo, in[0].hi * in[0].hi)
                                        : std::max(std::abs(in[0].lo), std::abs(in[0].hi));
      const bool integer = in[0].integer;
      if (in[0].nonzero()) return make(0, m, true, false, integer);
      return make(0, m, false, false, integer);
    }
    case Op::Logistic:
    case Op::Phi:
    case Op::ICLogLog: return kUnitOpen;
    case Op::Logit: return Range::all();
    case Op::Step:
    case Op::Equals: case Op::Not: case Op::NotEqual: case Op::Less: case Op::LessEqual: case Op::And:
    case Op::Or: return make(0, 1, false, false, true);
    case Op::Rank: case Op::Order: return make(1, kInf, false, true, true);
    case Op::Tanh: return make(-1, 1, true, true);
    case Op::Cosh: return make(1, kInf, false, true);
    case Op::Sd: return make(0, kInf, false, true);
    case Op::Sort: case Op::MaxOf: case Op::MinOf: return in[0];
    case Op::IfElse: return hull(in[1], in[2]);
    case Op::Min:
      return make(std::min(in[0].lo, in[1].lo), std::min(in[0].hi, in[1].hi), false, false,
                  in[0].integer && in[1].integer);
    case Op::Max:
      return make(std::max(in[0].lo, in[1].lo), std::max(in[0].hi, in[1].hi), false, false,
                  in[0].integer && in[1].integer);
    case Op::Sum:
      if (in[0].positive()) return make(0, kInf, true, true, in[0].integer);
      if (in[0].nonnegative()) return make(0, kInf, false, true, in[0].integer);
      return make(-kInf, kInf, true, true, in[0].integer);
    case Op::Mean: return make(in[0].lo, in[0].hi, in[0].lo_open, in[0].hi_open, false);
    case Op::Index: return in[0];
    case Op::Stack: {
      Range r = in[0];
      for (const Range& x : in.subspan(1)) r = hull(r, x);
      return r;
    }
    default: return Range::all();
  }
}

// The range of a draw, read off its distribution's support (dist::record(k).support_spec)
// with each bound that is a parameter replaced by that parameter's range. A continuous
// draw takes its end points with probability 0, so its range is open; an integer draw's
// is closed but at infinity.
Range draw_range(DistKind dist, std::span<const Range> p) {
  const dist::SupportSpec& s = dist::record(dist).support_spec;
  const double lo =
      s.lo.param >= 0 ? std::max(s.lo.value, p[static_cast<std::size_t>(s.lo.param)].lo) : s.lo.value;
  const double hi =
      s.hi.param >= 0 ? std::min(s.hi.value, p[static_cast<std::size_t>(s.hi.param)].hi) : s.hi.value;
  if (s.integer) return make(lo, hi, false, std::isinf(hi) && s.hi.param < 0, true);
  return make(lo, hi, true, true);
}

}  // namespace alea::rewrite::detail
