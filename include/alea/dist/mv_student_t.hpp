// Multivariate Student t distribution by degrees of freedom nu, location mu and scale
// matrix Sigma: x = mu + z / sqrt(w / nu) with z ~ mv_normal(0, Sigma), w ~ chi_squared(nu).
// It is the marginal of y ~ mv_normal(mu, s2 Sigma0) with s2 ~ inv_gamma(a, b): nu = 2a,
// Sigma = (b / a) Sigma0. Its covariance is nu / (nu - 2) Sigma (nu > 2), not Sigma.
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct MvStudentT {
  static constexpr DistKind kind = DistKind::MvStudentT;
  static constexpr std::string_view name = "mv_student_t";
  double nu;              // degrees of freedom, positive
  Eigen::VectorXd mu;     // location, K finite entries
  Eigen::MatrixXd Sigma;  // scale matrix, K x K, symmetric positive definite
};

// Also checks that the shapes fit, since the struct does not enforce them.
std::string check(const MvStudentT& d);
// lgamma((nu + K)/2) - lgamma(nu/2) - K/2 log(nu pi) - 1/2 log det Sigma
//   - (nu + K)/2 log(1 + (x - mu)' Sigma^-1 (x - mu) / nu)
double logpdf(const MvStudentT& d, const Eigen::VectorXd& x);
Eigen::VectorXd draw(const MvStudentT& d, Rng& rng);
Eigen::VectorXd mean(const MvStudentT& d);      // mu for nu > 1, NaN otherwise
Eigen::VectorXd variance(const MvStudentT& d);  // nu / (nu - 2) diag(Sigma); inf for 1 < nu <= 2, NaN below
Support support(const MvStudentT& d);

}  // namespace alea::dist
