// Truncated distributions: one template over the base distribution (see
// alea/dist/truncated.hpp for why a kind per family). Density
// f(x) / (F(hi) - F(lo)) on [lo, hi]; draws by inversion of the distribution function.
#include "alea/dist/truncated.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "alea/dist/beta.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/gamma.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/record.hpp"

namespace alea::dist {

// The truncated family of each base: its kind and name. The one list of families.
template <class B>
struct TruncatedOf;
template <>
struct TruncatedOf<Normal> {
  static constexpr DistKind kind = DistKind::TruncatedNormal;
  static constexpr std::string_view name = "truncated_normal";
};
template <>
struct TruncatedOf<Beta> {
  static constexpr DistKind kind = DistKind::TruncatedBeta;
  static constexpr std::string_view name = "truncated_beta";
};
template <>
struct TruncatedOf<Gamma> {
  static constexpr DistKind kind = DistKind::TruncatedGamma;
  static constexpr std::string_view name = "truncated_gamma";
};

// Base B truncated to [p[nb], p[nb + 1]]; p[0..nb) are B's parameters.
template <class B>
struct Truncated {
  static constexpr DistKind kind = TruncatedOf<B>::kind;
  static constexpr std::string_view name = TruncatedOf<B>::name;
  static constexpr std::size_t nb = B::nparams;
  static constexpr std::size_t nparams = nb + 2;
  static constexpr SupportSpec support_spec{{B::support_spec.lo.value, static_cast<int>(nb)},
                                            {B::support_spec.hi.value, static_cast<int>(nb) + 1}};
  double p[nparams];

  double lo() const { return p[nb]; }
  double hi() const { return p[nb + 1]; }
};

template <class B>
std::string check(const Truncated<B>& d);
template <class B>
double mean(const Truncated<B>& d);
template <class B>
double variance(const Truncated<B>& d);

}  // namespace alea::dist

// After the declarations above: the adapter takes &mean and &variance by unqualified
// name, which sees only what is declared before it.
#include "scalar_adapter.hpp"

namespace alea::dist {
namespace {

template <class B, std::size_t... I>
B base_of(const double* p, std::index_sequence<I...>) {
  return B{p[I]...};
}
template <class B>
B base_of(const double* p) {
  return base_of<B>(p, std::make_index_sequence<B::nparams>{});
}

const Cdf& cdf_of(DistKind k) { return record(k).cdf; }

// F and 1 - F, exact outside the base's support (the bound of a missing T end is the
// support's own end, where Boost's functions need not be called).
template <class B>
double cdf_at(const double* p, double x) {
  if (x <= B::support_spec.lo.value) return 0;
  if (x >= B::support_spec.hi.value) return 1;
  return cdf_of(B::kind).cdf(p, x);
}
template <class B>
double ccdf_at(const double* p, double x) {
  if (x <= B::support_spec.lo.value) return 1;
  if (x >= B::support_spec.hi.value) return 0;
  return cdf_of(B::kind).ccdf(p, x);
}

// log(F(hi) - F(lo)); from the upper tail when F(lo) > 1/2, where F is near 1 and the
// difference of the two would lose its digits.
template <class B>
double log_mass(const double* p, double lo, double hi) {
  const double flo = cdf_at<B>(p, lo);
  const double z = flo > 0.5 ? ccdf_at<B>(p, lo) - ccdf_at<B>(p, hi) : cdf_at<B>(p, hi) - flo;
  return z > 0 ? std::log(z) : kNegInf;
}

// The base density at a bound (0 outside the base's open support): d/d lo of
// F(hi) - F(lo) is -f(lo).
template <class B>
double density_at(const double* p, double x) {
  if (!(x > B::support_spec.lo.value && x < B::support_spec.hi.value)) return 0;
  return std::exp(record(B::kind).partials(p, x).lp);
}

// The x in [lo, hi] at probability u in (0, 1) of the truncated distribution.
template <class B>
double truncated_quantile(const Truncated<B>& d, double u) {
  const Cdf& c = cdf_of(B::kind);
  double x;
  const double flo = cdf_at<B>(d.p, d.lo());
  if (flo > 0.5) {
    const double slo = ccdf_at<B>(d.p, d.lo()), shi = ccdf_at<B>(d.p, d.hi());
    x = c.cquantile(d.p, slo - u * (slo - shi));
  } else {
    const double fhi = cdf_at<B>(d.p, d.hi());
    x = c.quantile(d.p, flo + u * (fhi - flo));
  }
  // Rounding in the tails may step just outside; NaN (no mass left) takes the lower end.
  if (std::isnan(x)) return d.lo();
  return std::clamp(x, d.lo(), d.hi());
}

}  // namespace

template <class B>
std::string check(const Truncated<B>& d) {
  auto why = check(base_of<B>(d.p));
  if (!why.empty()) return why;
  // Either bound may be infinite (a missing end of T(lo,) is the support's own end).
  if (std::isnan(d.lo()) || std::isnan(d.hi())) return "a truncation bound is NaN";
  if (!(d.lo() < d.hi()))
    return "truncation bound lo (" + std::to_string(d.lo()) + ") must be less than truncation bound hi (" +
           std::to_string(d.hi()) + ")";
  if (log_mass<B>(d.p, d.lo(), d.hi()) == kNegInf)
    return "the truncation interval [" + std::to_string(d.lo()) + ", " + std::to_string(d.hi()) +
           "] has probability 0 under " + std::string(B::name);
  return {};
}

template <class B>
double logpdf(const Truncated<B>& d, double x) {
  if (std::isnan(x) || x < d.lo() || x > d.hi()) return kNegInf;
  return logpdf(base_of<B>(d.p), x) - log_mass<B>(d.p, d.lo(), d.hi());
}

template <class B>
double draw(const Truncated<B>& d, Rng& rng) {
  return truncated_quantile(d, rng.uniform01());
}

// The moments by the midpoint rule in probability: E g(X) = integral over (0, 1) of
// g(Q(u)) du, with Q the truncated quantile (error well below a sampler's Monte Carlo
// error; used for reports and initial values, not for densities).
template <class B>
std::pair<double, double> moments(const Truncated<B>& d) {
  constexpr int kN = 2048;
  double s = 0, s2 = 0;
  for (int k = 0; k < kN; ++k) {
    const double x = truncated_quantile(d, (k + 0.5) / kN);
    s += x, s2 += x * x;
  }
  const double m = s / kN;
  return {m, std::max(0.0, s2 / kN - m * m)};
}
template <class B>
double mean(const Truncated<B>& d) {
  return moments(d).first;
}
template <class B>
double variance(const Truncated<B>& d) {
  return moments(d).second;
}

namespace detail {
namespace {

// By x and the bounds, closed form (the base's partial by x; -/+ f(bound) / mass for the
// bounds); by the base's parameters, the base's partial less the derivative of the log
// mass, which is taken by central differences (the derivatives of the incomplete beta
// and gamma functions by their shapes have no cheap closed form).
template <class B>
Partials truncated_partials(const double* p, double x) {
  constexpr std::size_t nb = B::nparams;
  const double lo = p[nb], hi = p[nb + 1];
  Partials t;
  if (std::isnan(x) || x < lo || x > hi) return t;
  const Partials b = record(B::kind).partials(p, x);
  const double lm = log_mass<B>(p, lo, hi);
  if (b.lp == kNegInf || lm == kNegInf) return t;
  t.lp = b.lp - lm;
  t.dx = b.dx;
  double q[kMaxScalarParams];
  std::copy(p, p + nb + 2, q);
  for (std::size_t j = 0; j < nb; ++j) {
    const double v = p[j], h = 6.0554544523933395e-06 * std::max(1.0, std::abs(v));
    q[j] = v + h;
    const double up = log_mass<B>(q, lo, hi);
    q[j] = v - h;
    const double down = log_mass<B>(q, lo, hi);
    q[j] = v;
    double dlm = 0;
    if (std::isfinite(up) && std::isfinite(down)) dlm = (up - down) / (2 * h);
    else if (std::isfinite(up)) dlm = (up - lm) / h;
    else if (std::isfinite(down)) dlm = (lm - down) / h;
    t.dp[j] = b.dp[j] - dlm;
  }
  const double mass = std::exp(lm);
  t.dp[nb] = density_at<B>(p, lo) / mass;
  t.dp[nb + 1] = -density_at<B>(p, hi) / mass;
  return t;
}

template <class B>
const DistOps& truncated_record() {
  static const DistOps ops = scalar_ops<Truncated<B>>(&truncated_partials<B>);
  return ops;
}

}  // namespace

const DistOps& truncated_normal_ops() { return truncated_record<Normal>(); }
const DistOps& truncated_beta_ops() { return truncated_record<Beta>(); }
const DistOps& truncated_gamma_ops() { return truncated_record<Gamma>(); }
}  // namespace detail

std::optional<DistKind> truncated_kind(DistKind base) {
  switch (base) {
    case DistKind::Normal: return DistKind::TruncatedNormal;
    case DistKind::Beta: return DistKind::TruncatedBeta;
    case DistKind::Gamma: return DistKind::TruncatedGamma;
    default: return std::nullopt;
  }
}

std::optional<DistKind> truncation_base(DistKind truncated) {
  for (DistKind b : {DistKind::Normal, DistKind::Beta, DistKind::Gamma})
    if (truncated_kind(b) == truncated) return b;
  return std::nullopt;
}

}  // namespace alea::dist
