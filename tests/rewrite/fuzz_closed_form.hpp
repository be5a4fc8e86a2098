// The fuzzer's test of a closed-form law: where the simplified model gives a visible
// variable a law with constant parameters, the naive model's draws of it are tested
// against that exact law (one-sample Kolmogorov-Smirnov against the CDF obtained by
// integrating the law's density numerically, or by summing its mass function), and
// the density's total mass over the support is checked to be 1.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "alea/dist/support.hpp"
#include "alea/graph/dist_kind.hpp"
#include "alea/graph/value.hpp"
#include "alea/model/model.hpp"

namespace alea::test::fuzz {

// The law of one scalar column: a distribution with constant parameters.
struct ClosedFormLaw {
  DistKind kind = DistKind::Normal;
  std::vector<Value> params;
  dist::Support support;

  double logpdf(double x) const;  // the density (or mass) from alea's dist layer
  bool operator==(const ClosedFormLaw& o) const { return kind == o.kind && params == o.params; }
};

// One law per scalar column of variable `name` of `m` (in column order) when its node
// is a primitive draw whose parameters are constant expressions (no draw among their
// ancestors) of a family with scalar events; empty otherwise (the variable is a
// function of draws, depends on another random variable, or is multivariate).
std::vector<ClosedFormLaw> closed_form_laws(const Model& m, const std::string& name);

struct OneSampleResult {
  bool tested = false;      // false: a discrete support too wide to enumerate
  double statistic = 0;     // sup |F_n - F|
  double p_value = 1;       // asymptotic Kolmogorov distribution (conservative for a discrete F)
  double mass = 1;          // the density integrated over the support, or the mass function summed
  std::size_t off_support = 0;  // draws that are not integers where the law is discrete
};

// Tests `draws` against `law`. For a continuous law F is the density integrated:
// 7-point Gauss-Legendre between consecutive sorted draws (exact for polynomials of
// degree 13; the gaps are narrow where the density is large, and the total-mass
// check bounds the error), tanh-sinh or exp-sinh in the two tails. For a discrete
// law F is the mass function summed over the integers.
OneSampleResult ks_one_sample(const ClosedFormLaw& law, std::vector<double> draws);

}  // namespace alea::test::fuzz
