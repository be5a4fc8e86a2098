// Shared parameter checks with messages that name the parameter and the value.
#include "alea/dist/check.hpp"

#include <cmath>
#include <stdexcept>

#include "alea/dist/support.hpp"
#include "alea/graph/value.hpp"

namespace alea::dist {
namespace {

std::string bad(std::string_view what, double x, std::string_view expected) {
  return std::string(what) + " is " + format_number(x) + ", but must be " + std::string(expected);
}

}  // namespace

std::string check_finite(std::string_view what, double x) {
  return std::isfinite(x) ? std::string() : bad(what, x, "finite");
}

std::string check_positive_finite(std::string_view what, double x) {
  return std::isfinite(x) && x > 0 ? std::string() : bad(what, x, "positive and finite");
}

std::string check_nonnegative_finite(std::string_view what, double x) {
  return std::isfinite(x) && x >= 0 ? std::string() : bad(what, x, "non-negative and finite");
}

std::string check_probability(std::string_view what, double x) {
  return x >= 0 && x <= 1 ? std::string() : bad(what, x, "in [0, 1]");
}

std::string check_nonnegative_integer(std::string_view what, double x) {
  return std::isfinite(x) && x >= 0 && x == std::floor(x) ? std::string()
                                                          : bad(what, x, "a non-negative integer");
}

std::string check_less(std::string_view lo_name, double lo, std::string_view hi_name, double hi) {
  if (!std::isfinite(lo)) return bad(lo_name, lo, "finite");
  if (!std::isfinite(hi)) return bad(hi_name, hi, "finite");
  if (lo < hi) return {};
  return std::string(lo_name) + " is " + format_number(lo) + " and " + std::string(hi_name) + " is " +
         format_number(hi) + ", but " + std::string(lo_name) + " must be less than " + std::string(hi_name);
}

void throw_if_invalid(std::string_view dist_name, const std::string& why) {
  if (!why.empty()) throw std::domain_error(std::string(dist_name) + ": " + why);
}

bool Support::contains(double x) const {
  if (std::isnan(x) || x < lo || x > hi) return false;
  return !integer || x == std::floor(x);
}

}  // namespace alea::dist
