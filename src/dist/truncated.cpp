// Truncated distributions: one template over the base distribution (see
// alea/dist/truncated.hpp for why a kind per family). Density
// f(x) / (F(hi) - F(lo)) on [lo, hi]; draws by inversion of the distribution function.
#include "alea/dist/truncated.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "alea/dist/beta.hpp"
#include "alea/dist/binomial.hpp"
#include "alea/dist/cauchy.hpp"
#include "alea/dist/check.hpp"
#include "alea/dist/chi_squared.hpp"
#include "alea/dist/exponential.hpp"
#include "alea/dist/fisher_f.hpp"
#include "alea/dist/gamma.hpp"
#include "alea/dist/gen_gamma.hpp"
#include "alea/dist/geometric.hpp"
#include "alea/dist/half_cauchy.hpp"
#include "alea/dist/half_normal.hpp"
#include "alea/dist/inverse_gamma.hpp"
#include "alea/dist/laplace.hpp"
#include "alea/dist/logistic.hpp"
#include "alea/dist/lognormal.hpp"
#include "alea/dist/negative_binomial.hpp"
#include "alea/dist/noncentral_chi_squared.hpp"
#include "alea/dist/normal.hpp"
#include "alea/dist/pareto.hpp"
#include "alea/dist/poisson.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/student_t.hpp"
#include "alea/dist/uniform.hpp"
#include "alea/dist/weibull.hpp"

namespace alea::dist {

// The truncated family of each base: its kind and name, from ALEA_TRUNCATABLE
// (graph/dist_kind.hpp), the one list of families.
template <class B>
struct TruncatedOf;
#define ALEA_TRUNCATED_OF(Base, bname)                                 \
  template <>                                                         \
  struct TruncatedOf<Base> {                                          \
    static constexpr DistKind kind = DistKind::Truncated##Base;       \
    static constexpr std::string_view name = "truncated_" #bname;     \
  };
ALEA_TRUNCATABLE(ALEA_TRUNCATED_OF)
#undef ALEA_TRUNCATED_OF

// Base B truncated to [p[nb], p[nb + 1]]; p[0..nb) are B's parameters.
template <class B>
struct Truncated {
  static constexpr DistKind kind = TruncatedOf<B>::kind;
  static constexpr std::string_view name = TruncatedOf<B>::name;
  static constexpr std::size_t nb = B::nparams;
  static constexpr std::size_t nparams = nb + 2;
  static constexpr bool discrete = B::support_spec.integer;
  static constexpr SupportSpec support_spec{{B::support_spec.lo.value, static_cast<int>(nb)},
                                            {B::support_spec.hi.value, static_cast<int>(nb) + 1},
                                            discrete};
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

// F(x) = P(X <= x) and 1 - F, exact outside the base's support (the bound of a missing
// T end is the support's own end, where Boost's functions need not be called). For a
// discrete base x is an integer and F(lo.value) = P(X = lo.value) is not 0.
template <class B>
double cdf_at(const double* p, double x) {
  if (B::support_spec.integer ? x < B::support_spec.lo.value : x <= B::support_spec.lo.value) return 0;
  if (x >= B::support_spec.hi.value) return 1;
  return cdf_of(B::kind).cdf(p, x);
}
template <class B>
double ccdf_at(const double* p, double x) {
  if (B::support_spec.integer ? x < B::support_spec.lo.value : x <= B::support_spec.lo.value) return 1;
  if (x >= B::support_spec.hi.value) return 0;
  return cdf_of(B::kind).ccdf(p, x);
}

// The mass of [lo, hi] is F(b) - F(a): (a, b) = (lo, hi) for a continuous base; for a
// discrete one the integers ceil(lo)..floor(hi), so a = ceil(lo) - 1 (at least one
// below the base's lowest value) and b = floor(hi).
template <class B>
std::pair<double, double> mass_ends(double lo, double hi) {
  if constexpr (B::support_spec.integer)
    return {std::max(std::ceil(lo) - 1, B::support_spec.lo.value - 1), std::floor(hi)};
  else
    return {lo, hi};
}

// log(F(b) - F(a)); from the upper tail when F(a) > 1/2, where F is near 1 and the
// difference of the two would lose its digits.
template <class B>
double log_mass(const double* p, double lo, double hi) {
  const auto [a, b] = mass_ends<B>(lo, hi);
  if (!(a < b)) return kNegInf;
  const double fa = cdf_at<B>(p, a);
  const double z = fa > 0.5 ? ccdf_at<B>(p, a) - ccdf_at<B>(p, b) : cdf_at<B>(p, b) - fa;
  return z > 0 ? std::log(z) : kNegInf;
}

// The smallest integer k in (a, b] that is not below(k), given below(a) (and not
// below(b) when b is finite): bisection, after doubling steps when b is infinite.
template <class Below>
double smallest_integer(double a, double b, Below below) {
  double lo = a, hi = b;
  if (!std::isfinite(b)) {
    double step = 1;
    for (hi = a + step; below(hi); hi = a + step) {
      lo = hi;
      step *= 2;
      if (step > 0x1p62) return lo + 1;  // no mass left in double precision
    }
  }
  while (hi - lo > 1) {
    const double mid = std::floor(lo + (hi - lo) / 2);
    (below(mid) ? lo : hi) = mid;
  }
  return hi;
}

// The x in [lo, hi] at probability u in (0, 1) of the truncated distribution.
template <class B>
double truncated_quantile(const Truncated<B>& d, double u) {
  const auto [a, b] = mass_ends<B>(d.lo(), d.hi());
  const double fa = cdf_at<B>(d.p, a);
  if constexpr (B::support_spec.integer) {
    // The smallest k with F(k) >= F(a) + u (F(b) - F(a)), or in the upper tail the
    // smallest k with 1 - F(k) <= S(a) - u (S(a) - S(b)).
    if (fa > 0.5) {
      const double sa = ccdf_at<B>(d.p, a), q = sa - u * (sa - ccdf_at<B>(d.p, b));
      return smallest_integer(a, b, [&](double k) { return ccdf_at<B>(d.p, k) > q; });
    }
    const double t = fa + u * (cdf_at<B>(d.p, b) - fa);
    return smallest_integer(a, b, [&](double k) { return cdf_at<B>(d.p, k) < t; });
  } else {
    const Cdf& c = cdf_of(B::kind);
    double x;
    if (fa > 0.5) {
      const double sa = ccdf_at<B>(d.p, a), sb = ccdf_at<B>(d.p, b);
      x = c.cquantile(d.p, sa - u * (sa - sb));
    } else {
      x = c.quantile(d.p, fa + u * (cdf_at<B>(d.p, b) - fa));
    }
    // Rounding in the tails may step just outside; NaN (no mass left) takes the lower end.
    if (std::isnan(x)) return d.lo();
    return std::clamp(x, d.lo(), d.hi());
  }
}

}  // namespace

template <class B>
std::string check(const Truncated<B>& d) {
  auto why = check(base_of<B>(d.p));
  if (!why.empty()) return why;
  // Either bound may be infinite (a missing end of T(lo,) is the support's own end).
  if (std::isnan(d.lo()) || std::isnan(d.hi())) return "a truncation bound is NaN";
  if (!(d.lo() < d.hi()) && !(Truncated<B>::discrete && d.lo() == d.hi()))
    return "truncation bound lo (" + format_number(d.lo()) + ") must be less than truncation bound hi (" +
           format_number(d.hi()) + ")";
  if (log_mass<B>(d.p, d.lo(), d.hi()) == kNegInf)
    return "the truncation interval [" + format_number(d.lo()) + ", " + format_number(d.hi()) +
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
// error; used for reports and initial values, not for densities). A discrete base
// sums its mass instead where that takes fewer than kTerms terms.
template <class B>
std::pair<double, double> moments(const Truncated<B>& d) {
  if constexpr (B::support_spec.integer) {
    constexpr int kTerms = 100000;
    const auto [a, b] = mass_ends<B>(d.lo(), d.hi());
    double s = 0, s2 = 0, mass = 0;
    int n = 0;
    for (double k = a + 1; k <= b && n < kTerms && mass < 1 - 1e-13; k += 1, ++n) {
      const double w = std::exp(logpdf(d, k));
      s += w * k, s2 += w * k * k, mass += w;
    }
    if (mass >= 1 - 1e-9) {
      const double m = s / mass;
      return {m, std::max(0.0, s2 / mass - m * m)};
    }
  }
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

// The base's parameters by which F(x) has a closed-form derivative: a location mu
// (dF/dmu = -f(x)), a scale sigma about mu or about 0 (F(x) = G((x - mu) / sigma):
// dF/dsigma = -f(x) (x - mu) / sigma) and a rate lambda (F(x) = G(lambda x):
// dF/dlambda = f(x) x / lambda). -1: none.
struct ParamRoles {
  int location = -1, scale = -1, rate = -1;
};
template <class B>
constexpr ParamRoles param_roles() {
  if constexpr (std::is_same_v<B, Normal> || std::is_same_v<B, Cauchy> || std::is_same_v<B, Laplace> ||
                std::is_same_v<B, Logistic>)
    return {0, 1, -1};
  else if constexpr (std::is_same_v<B, StudentT>)
    return {1, 2, -1};
  else if constexpr (std::is_same_v<B, HalfNormal> || std::is_same_v<B, HalfCauchy>)
    return {-1, 0, -1};
  else if constexpr (std::is_same_v<B, Weibull> || std::is_same_v<B, InverseGamma>)
    return {-1, 1, -1};
  else if constexpr (std::is_same_v<B, Gamma> || std::is_same_v<B, GenGamma>)
    return {-1, -1, 1};
  else if constexpr (std::is_same_v<B, Exponential>)
    return {-1, -1, 0};
  else
    return {};
}

// The derivative of a count's F(k) = P(X <= k) by its parameter j in closed form, as a
// factor of the mass at k (dF(k)/dtheta_j = factor * pmf(k)); NaN when there is none:
//   poisson(lambda): -1;  binomial(n, p): -(n - k) / (1 - p) by p;
//   geometric(p): (k + 1) / p;  neg_binomial(r, p): (r + k) / p by p
// (the last two from d/dp I_p(r, k + 1) = p^(r-1) (1 - p)^k / B(r, k + 1)).
template <class B>
double count_cdf_factor(const double* p, std::size_t j, double k) {
  constexpr double none = std::numeric_limits<double>::quiet_NaN();
  if constexpr (std::is_same_v<B, Poisson>)
    return j == 0 ? -1.0 : none;
  else if constexpr (std::is_same_v<B, Binomial>)
    return j == 1 ? -(p[0] - k) / (1 - p[1]) : none;
  else if constexpr (std::is_same_v<B, Geometric>)
    return j == 0 ? (k + 1) / p[0] : none;
  else if constexpr (std::is_same_v<B, NegativeBinomial>)
    return j == 1 ? (p[0] + k) / p[1] : none;
  else
    return none;
}

// By x and the bounds, closed form (the base's partial by x; -/+ f(bound) / mass for the
// bounds, 0 for a discrete base); by the base's parameters, the base's partial less the
// derivative of the log mass: closed form for a location, scale or rate (param_roles)
// and a count's rate or probability (count_cdf_factor), central differences for the others (the derivatives
// of the incomplete beta and gamma functions by their shapes have no cheap closed form). f(x) / mass is taken
// as exp(log f(x) - log mass), so that it keeps its digits in a far tail.
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
  // f(bound) / mass, 0 at an infinite bound or outside the base's open support.
  const auto over_mass = [&](double bound) {
    if (B::support_spec.integer || !std::isfinite(bound)) return 0.0;
    if (!(bound > B::support_spec.lo.value && bound < B::support_spec.hi.value)) return 0.0;
    return std::exp(record(B::kind).partials(p, bound).lp - lm);
  };
  const double r_lo = over_mass(lo), r_hi = over_mass(hi);
  const auto times = [](double r, double v) { return r == 0.0 ? 0.0 : r * v; };  // 0 at an infinite bound
  // A count's mass is F(b) - F(a) over the integers (a, b]: its pmf there over the mass.
  const auto [a_end, b_end] = mass_ends<B>(lo, hi);
  const auto pmf_over_mass = [&](double k) {
    if (!B::support_spec.integer || !std::isfinite(k) || k < B::support_spec.lo.value) return 0.0;
    return std::exp(record(B::kind).partials(p, k).lp - lm);
  };
  const double m_a = pmf_over_mass(a_end), m_b = pmf_over_mass(b_end);
  constexpr ParamRoles roles = param_roles<B>();
  const double mu = roles.location >= 0 ? p[roles.location] : 0.0;
  double q[kMaxScalarParams];
  std::copy(p, p + nb + 2, q);
  for (std::size_t j = 0; j < nb; ++j) {
    const int k = static_cast<int>(j);
    if (!B::support_spec.integer && k == roles.location) {
      t.dp[j] = b.dp[j] - (r_lo - r_hi);
      continue;
    }
    if (!B::support_spec.integer && k == roles.scale) {
      t.dp[j] = b.dp[j] - (times(r_lo, lo - mu) - times(r_hi, hi - mu)) / p[j];
      continue;
    }
    if (!B::support_spec.integer && k == roles.rate) {
      t.dp[j] = b.dp[j] - (times(r_hi, hi) - times(r_lo, lo)) / p[j];
      continue;
    }
    if (B::support_spec.integer && !std::isnan(count_cdf_factor<B>(p, j, 0.0))) {
      t.dp[j] = b.dp[j] -
                (times(m_b, count_cdf_factor<B>(p, j, b_end)) - times(m_a, count_cdf_factor<B>(p, j, a_end)));
      continue;
    }
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
  t.dp[nb] = r_lo;
  t.dp[nb + 1] = -r_hi;
  return t;
}

template <class B>
const DistOps& truncated_record() {
  static const DistOps ops = [] {
    static_assert(B::nparams + 2 <= kMaxScalarParams, "Partials has no room for the parameters and two bounds");
    return scalar_ops<Truncated<B>>(&truncated_partials<B>);
  }();
  return ops;
}

}  // namespace

const DistOps& truncated_ops(DistKind kind) {
  switch (kind) {
#define ALEA_TRUNCATED_CASE(Base, bname) \
  case DistKind::Truncated##Base:        \
    return truncated_record<Base>();
    ALEA_TRUNCATABLE(ALEA_TRUNCATED_CASE)
#undef ALEA_TRUNCATED_CASE
    default:
      throw std::logic_error("truncated_ops: " + std::string(dist_info(kind).name) + " is no truncated kind");
  }
}
}  // namespace detail

std::optional<DistKind> truncated_kind(DistKind base) {
  switch (base) {
#define ALEA_TRUNCATED_CASE(Base, bname) \
  case DistKind::Base:                   \
    return DistKind::Truncated##Base;
    ALEA_TRUNCATABLE(ALEA_TRUNCATED_CASE)
#undef ALEA_TRUNCATED_CASE
    default:
      return std::nullopt;
  }
}

std::optional<DistKind> truncation_base(DistKind truncated) {
  switch (truncated) {
#define ALEA_TRUNCATED_CASE(Base, bname) \
  case DistKind::Truncated##Base:        \
    return DistKind::Base;
    ALEA_TRUNCATABLE(ALEA_TRUNCATED_CASE)
#undef ALEA_TRUNCATED_CASE
    default:
      return std::nullopt;
  }
}

}  // namespace alea::dist
