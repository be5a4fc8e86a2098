// Categorical distribution on 1..K (1-based, as BUGS's dcat) with probabilities p.
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Categorical {
  static constexpr DistKind kind = DistKind::Categorical;
  static constexpr std::string_view name = "categorical";
  Eigen::VectorXd p;  // p[k - 1] = P(X = k); non-negative, finite, summing to 1 within 1e-8
};

std::string check(const Categorical& d);
// Log probability mass; -inf for x not one of 1..K.
double logpdf(const Categorical& d, double x);
double draw(const Categorical& d, Rng& rng);
double mean(const Categorical& d);
double variance(const Categorical& d);
Support support(const Categorical& d);

}  // namespace alea::dist
