// Multinomial distribution: counts of n independent draws over K categories with
// probabilities p; a value is an integer vector of K counts summing to n.
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Multinomial {
  static constexpr DistKind kind = DistKind::Multinomial;
  static constexpr std::string_view name = "multinomial";
  double n = 1.0;     // number of draws, a non-negative integer
  Eigen::VectorXd p;  // category probabilities; non-negative, finite, summing to 1 within 1e-8
};

std::string check(const Multinomial& d);
// Log probability mass; -inf unless x has K non-negative integer counts summing to n.
double logpdf(const Multinomial& d, const Eigen::VectorXd& x);
Eigen::VectorXd draw(const Multinomial& d, Rng& rng);
Eigen::VectorXd mean(const Multinomial& d);
Eigen::VectorXd variance(const Multinomial& d);  // of each count
Support support(const Multinomial& d);            // of each count

}  // namespace alea::dist
