// Logistic distribution by location and scale.
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Logistic {
  static constexpr DistKind kind = DistKind::Logistic;
  static constexpr std::string_view name = "logistic";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kRealLine;
  double mu = 0.0;  // location (mean and median)
  double s = 1.0;   // scale, > 0; the variance is s^2 pi^2 / 3
};

std::string check(const Logistic& d);
double logpdf(const Logistic& d, double x);
double draw(const Logistic& d, Rng& rng);
double mean(const Logistic& d);
double variance(const Logistic& d);

}  // namespace alea::dist
