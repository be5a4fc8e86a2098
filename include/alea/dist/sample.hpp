// Sampling without replacement, JAGS's dsample(p, k): a 0/1 vector x of length N with
// k ones, the items drawn. Its mass, as JAGS's, is that of k independent Bernoulli
// draws conditioned on their sum (conditional Poisson sampling): p(x) = prod p_i^x_i /
// e_k(p), e_k the elementary symmetric polynomial of degree k in the weights p.
// (JAGS draws sequentially, each item with probability proportional to its weight,
// which is another law; alea draws from the mass it evaluates.)
#pragma once
#include <string>
#include <string_view>

#include <Eigen/Core>

#include "alea/dist/rng.hpp"
#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"

namespace alea::dist {

struct Sample {
  static constexpr DistKind kind = DistKind::Sample;
  static constexpr std::string_view name = "sample_without_replacement";
  Eigen::VectorXd p;  // weights, positive and finite (need not sum to 1)
  double k = 1;       // items drawn, an integer in 0..N
};

std::string check(const Sample& d);
double logpdf(const Sample& d, const Eigen::VectorXd& x);
Eigen::VectorXd draw(const Sample& d, Rng& rng);
Eigen::VectorXd mean(const Sample& d);      // inclusion probabilities
Eigen::VectorXd variance(const Sample& d);  // of each indicator
Support support(const Sample& d);

}  // namespace alea::dist
