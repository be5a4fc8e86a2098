// Parameter checks shared by the distributions. Each returns an empty string when
// the value is fine, otherwise a sentence naming the parameter, the value and what
// was expected, e.g. "scale parameter sigma is -1, but must be positive and finite".
#pragma once
#include <string>
#include <string_view>

namespace alea::dist {

std::string check_finite(std::string_view what, double x);
std::string check_positive_finite(std::string_view what, double x);
std::string check_nonnegative_finite(std::string_view what, double x);
std::string check_probability(std::string_view what, double x);               // in [0, 1]
std::string check_nonnegative_integer(std::string_view what, double x);
std::string check_less(std::string_view lo_name, double lo, std::string_view hi_name, double hi);

// Throws std::domain_error("<dist>: <why>") when `why` is not empty.
void throw_if_invalid(std::string_view dist_name, const std::string& why);

// Validated construction: `validated(Normal{0, -1})` throws std::domain_error
// "normal: scale parameter sigma is -1, but must be positive and finite".
template <class D>
D validated(D d) {
  throw_if_invalid(D::name, check(d));
  return d;
}

}  // namespace alea::dist
