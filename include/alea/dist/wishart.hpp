// Wishart distribution on symmetric positive definite K x K matrices, by degrees of
// freedom nu and scale matrix Sigma (Stan's wishart(nu, Sigma)): the sum of nu outer
// products z z' with z ~ mv_normal(0, Sigma), mean nu Sigma. JAGS's dwish(R, k) on a
// precision matrix is wishart(k, inverse(R)): its mean is k R^-1.
#pragma once
#include <Eigen/Core>
#include <string>
#include <string_view>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Wishart {
  static constexpr DistKind kind = DistKind::Wishart;
  static constexpr std::string_view name = "wishart";
  double nu = 0;          // degrees of freedom, finite and at least K (as JAGS's dwish)
  Eigen::MatrixXd Sigma;  // scale, K x K, symmetric positive definite
};

std::string check(const Wishart& d);
// log p(W) = (nu - K - 1)/2 log|W| - tr(Sigma^-1 W)/2 - nu K/2 log 2 - nu/2 log|Sigma|
//            - log Gamma_K(nu/2), against Lebesgue measure on the K (K + 1) / 2 elements
// of W's lower triangle; -inf unless W is symmetric positive definite.
double logpdf(const Wishart& d, const Eigen::MatrixXd& W);
// Bartlett: with Sigma = L L' and A lower triangular, A_ii^2 ~ chi_squared(nu - i + 1)
// (i = 1..K), A_ij ~ normal(0, 1) below the diagonal, W = L A A' L'.
Eigen::MatrixXd draw(const Wishart& d, Rng& rng);
Eigen::MatrixXd mean(const Wishart& d);      // nu Sigma
Eigen::MatrixXd variance(const Wishart& d);  // of each element: nu (Sigma_ij^2 + Sigma_ii Sigma_jj)
Support support(const Wishart& d);           // of each element (the diagonal is positive)

}  // namespace alea::dist
