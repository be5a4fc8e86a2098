// Student's t distribution with nu degrees of freedom, shifted by mu and scaled by sigma.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct StudentT {
  static constexpr DistKind kind = DistKind::StudentT;
  static constexpr std::string_view name = "student_t";
  static constexpr std::size_t nparams = 3;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kRealLine;
  double nu = 1.0;     // degrees of freedom, > 0 (need not be an integer)
  double mu = 0.0;     // location (the median)
  double sigma = 1.0;  // scale, > 0 (not the standard deviation)
};

std::string check(const StudentT& d);
double logpdf(const StudentT& d, double x);
double draw(const StudentT& d, Rng& rng);
// The mean does not exist for nu <= 1 (NaN); the variance is +inf for 1 < nu <= 2 and
// does not exist for nu <= 1 (NaN).
double mean(const StudentT& d);
double variance(const StudentT& d);

}  // namespace alea::dist
