// Dirichlet distribution on the simplex of K probabilities, by concentrations alpha.
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Dirichlet {
  static constexpr DistKind kind = DistKind::Dirichlet;
  static constexpr std::string_view name = "dirichlet";
  Eigen::VectorXd alpha;  // concentrations, each > 0 and finite; K >= 1
};

std::string check(const Dirichlet& d);
// Log density (against Lebesgue measure on the first K - 1 coordinates); -inf unless x
// is in [0, 1]^K and sums to 1 within 1e-8. +inf at a 0 coordinate whose alpha is < 1,
// where the density is unbounded.
double logpdf(const Dirichlet& d, const Eigen::VectorXd& x);
// Normalized gamma variates, formed in logs so that tiny alphas do not give 0/0.
Eigen::VectorXd draw(const Dirichlet& d, Rng& rng);
Eigen::VectorXd mean(const Dirichlet& d);
Eigen::VectorXd variance(const Dirichlet& d);  // of each component
Support support(const Dirichlet& d);            // of each component

}  // namespace alea::dist
