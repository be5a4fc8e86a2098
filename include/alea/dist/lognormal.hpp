// Log-normal distribution: log(X) ~ normal(mu, sigma).
#pragma once
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct LogNormal {
  static constexpr DistKind kind = DistKind::LogNormal;
  static constexpr std::string_view name = "lognormal";
  static constexpr std::size_t nparams = 2;
  // Its support as a function of its parameters (support.hpp): the one statement of it.
  static constexpr SupportSpec support_spec = kPositiveReals;
  double mu = 0.0;     // mean of log(X)
  double sigma = 1.0;  // standard deviation of log(X), > 0
};

std::string check(const LogNormal& d);
double logpdf(const LogNormal& d, double x);
double draw(const LogNormal& d, Rng& rng);
double mean(const LogNormal& d);
double variance(const LogNormal& d);

}  // namespace alea::dist
