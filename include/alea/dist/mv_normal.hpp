// Multivariate normal distribution by mean vector mu and covariance matrix Sigma.
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct MvNormal {
  static constexpr DistKind kind = DistKind::MvNormal;
  static constexpr std::string_view name = "mv_normal";
  Eigen::VectorXd mu;     // mean, K finite entries
  Eigen::MatrixXd Sigma;  // covariance, K x K, symmetric positive definite
};

// Also checks that the shapes fit, since the struct does not enforce them.
std::string check(const MvNormal& d);
double logpdf(const MvNormal& d, const Eigen::VectorXd& x);
// mu + L z with L the Cholesky factor of Sigma (computed per call).
Eigen::VectorXd draw(const MvNormal& d, Rng& rng);
Eigen::VectorXd mean(const MvNormal& d);
Eigen::VectorXd variance(const MvNormal& d);  // the diagonal of Sigma
Support support(const MvNormal& d);

}  // namespace alea::dist
