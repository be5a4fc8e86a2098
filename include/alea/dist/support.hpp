// The support of a distribution: an interval of the reals or of the integers, and
// the same as a function of the parameters (SupportSpec), stated once per distribution.
#pragma once
#include <limits>

namespace alea::dist {

struct Support {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool integer = false;  // only integers in [lo, hi]

  bool contains(double x) const;
};

inline constexpr double kInf = std::numeric_limits<double>::infinity();
inline constexpr double kNegInf = -std::numeric_limits<double>::infinity();
inline constexpr double kMinNormal = std::numeric_limits<double>::min();  // the smallest normal double

// One end of a support: the constant `value`, or (param >= 0) the value of that
// parameter (uniform's lo, pareto's xm, binomial's n); `value` is then a bound that
// holds for every valid parameter (pareto's xm > 0).
struct SupportBound {
  double value = 0;
  int param = -1;
};

// The support as a function of the parameters. Every layer reads it from here: the
// distribution resolves it for given parameters, the range analysis for ranges of
// them, the sampler takes its unconstraining transform from it, and the BUGS builder
// checks data against it.
struct SupportSpec {
  SupportBound lo{kNegInf}, hi{kInf};
  bool integer = false;
  bool simplex = false;  // a vector whose elements, each in [lo, hi], sum to one
  bool spd = false;      // a symmetric positive definite matrix (lo, hi: of its elements)

  constexpr bool depends_on_params() const { return lo.param >= 0 || hi.param >= 0; }
  // The support for these parameter values; param_at(k) is parameter k's value.
  template <class ParamAt>
  Support resolve(ParamAt param_at) const {
    return {lo.param >= 0 ? param_at(lo.param) : lo.value, hi.param >= 0 ? param_at(hi.param) : hi.value,
            integer};
  }
};

// The supports that scalar distributions share.
inline constexpr SupportSpec kRealLine{};
inline constexpr SupportSpec kPositiveReals{{0}, {kInf}};
inline constexpr SupportSpec kUnitInterval{{0}, {1}};
inline constexpr SupportSpec kCounts{{0}, {kInf}, true};

}  // namespace alea::dist
