// The table of distribution names and parameters.
#include "alea/graph/dist_kind.hpp"

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

namespace alea {
namespace {

using enum Arity;
constexpr std::array<std::string_view, 1> kP1{"p"};
constexpr std::array<std::string_view, 1> kSigma{"sigma"};
constexpr std::array<std::string_view, 2> kMuSigma{"mu", "sigma"};
constexpr std::array<std::string_view, 3> kStudent{"nu", "mu", "sigma"};
constexpr std::array<std::string_view, 2> kLoHi{"lo", "hi"};
constexpr std::array<std::string_view, 1> kRate{"rate"};
constexpr std::array<std::string_view, 2> kShapeRate{"shape", "rate"};
constexpr std::array<std::string_view, 2> kShapeScale{"shape", "scale"};
constexpr std::array<std::string_view, 1> kNu{"nu"};
constexpr std::array<std::string_view, 2> kAB{"a", "b"};
constexpr std::array<std::string_view, 2> kMuB{"mu", "b"};
constexpr std::array<std::string_view, 2> kMuS{"mu", "s"};
constexpr std::array<std::string_view, 2> kWeibull{"k", "lambda"};
constexpr std::array<std::string_view, 2> kPareto{"xm", "alpha"};
constexpr std::array<std::string_view, 2> kNP{"n", "p"};
constexpr std::array<std::string_view, 1> kLambda{"lambda"};
constexpr std::array<std::string_view, 2> kRP{"r", "p"};
constexpr std::array<std::string_view, 2> kMvNormal{"mu", "Sigma"};
constexpr std::array<std::string_view, 3> kMvStudent{"nu", "mu", "Sigma"};
constexpr std::array<std::string_view, 1> kAlpha{"alpha"};
constexpr std::array<std::string_view, 2> kNAlpha{"n", "alpha"};
constexpr std::array<std::string_view, 3> kNAB{"n", "a", "b"};
constexpr std::array<std::string_view, 3> kPoisGam{"a", "b", "e"};
constexpr std::array<std::string_view, 3> kRAB{"r", "a", "b"};
constexpr std::array<std::string_view, 3> kKAB{"k", "a", "b"};
constexpr std::array<std::string_view, 5> kNormMean{"c", "d", "m", "s", "sigma"};
constexpr std::array<std::string_view, 3> kMAB{"m", "a", "b"};
constexpr std::array<std::string_view, 7> kNormGamma{"c", "d", "m", "s", "sigma", "a", "b"};
constexpr std::array<std::string_view, 3> kWMuSigma{"w", "mu", "sigma"};
constexpr std::array<std::string_view, 2> kTC{"t", "c"};
constexpr std::array<std::string_view, 4> kHyper{"n1", "n2", "m1", "psi"};
constexpr std::array<std::string_view, 2> kPK{"p", "k"};
constexpr std::array<std::string_view, 1> kSum{"s"};
constexpr std::array<std::string_view, 2> kTD{"t", "d"};
constexpr std::array<std::string_view, 2> kNuSigma{"nu", "Sigma"};
constexpr std::array<std::string_view, 2> kNuDelta{"nu", "delta"};
constexpr std::array<std::string_view, 2> kNM{"n", "m"};
constexpr std::array<std::string_view, 3> kGenGamma{"r", "lambda", "b"};

constexpr std::array<Arity, 1> kS1{Scalar};
constexpr std::array<Arity, 2> kS2{Scalar, Scalar};
constexpr std::array<Arity, 3> kS3{Scalar, Scalar, Scalar};
constexpr std::array<Arity, 4> kS4{Scalar, Scalar, Scalar, Scalar};
constexpr std::array<Arity, 1> kV1{Vector};
constexpr std::array<Arity, 2> kSV{Scalar, Vector};
constexpr std::array<Arity, 2> kVS{Vector, Scalar};
constexpr std::array<Arity, 3> kV3{Vector, Vector, Vector};
constexpr std::array<Arity, 2> kVM{Vector, Matrix};
constexpr std::array<Arity, 3> kSVM{Scalar, Vector, Matrix};
constexpr std::array<Arity, 2> kSM{Scalar, Matrix};
// joint marginals: per-observation parameters are vectors (or scalars broadcast)
constexpr std::array<Arity, 3> kVSS{Vector, Scalar, Scalar};
constexpr std::array<Arity, 3> kSSV{Scalar, Scalar, Vector};
constexpr std::array<Arity, 5> kNormMeanAr{Vector, Vector, Scalar, Scalar, Vector};
constexpr std::array<Arity, 7> kNormGammaAr{Vector, Vector, Scalar, Scalar, Vector, Scalar, Scalar};

constexpr ScalarType R = ScalarType::Real;
constexpr ScalarType I = ScalarType::Integer;

// The kinds other than the truncated ones, in any order (rows() places them by kind).
const DistInfo kTable[] = {
    {DistKind::Normal, "normal", kMuSigma, kS2, Scalar, R},
    {DistKind::HalfNormal, "half_normal", kSigma, kS1, Scalar, R},
    {DistKind::LogNormal, "lognormal", kMuSigma, kS2, Scalar, R},
    {DistKind::StudentT, "student_t", kStudent, kS3, Scalar, R},
    {DistKind::Cauchy, "cauchy", kMuSigma, kS2, Scalar, R},
    {DistKind::HalfCauchy, "half_cauchy", kSigma, kS1, Scalar, R},
    {DistKind::Uniform, "uniform", kLoHi, kS2, Scalar, R},
    {DistKind::Exponential, "exponential", kRate, kS1, Scalar, R},
    {DistKind::Gamma, "gamma", kShapeRate, kS2, Scalar, R},
    {DistKind::InverseGamma, "inv_gamma", kShapeScale, kS2, Scalar, R},
    {DistKind::ChiSquared, "chi_squared", kNu, kS1, Scalar, R},
    {DistKind::Beta, "beta", kAB, kS2, Scalar, R},
    {DistKind::Laplace, "laplace", kMuB, kS2, Scalar, R},
    {DistKind::Logistic, "logistic", kMuS, kS2, Scalar, R},
    {DistKind::Weibull, "weibull", kWeibull, kS2, Scalar, R},
    {DistKind::Pareto, "pareto", kPareto, kS2, Scalar, R},
    {DistKind::Bernoulli, "bernoulli", kP1, kS1, Scalar, I},
    {DistKind::Binomial, "binomial", kNP, kS2, Scalar, I},
    {DistKind::Poisson, "poisson", kLambda, kS1, Scalar, I},
    {DistKind::Geometric, "geometric", kP1, kS1, Scalar, I},
    {DistKind::NegativeBinomial, "neg_binomial", kRP, kS2, Scalar, I},
    {DistKind::Categorical, "categorical", kP1, kV1, Scalar, I},
    {DistKind::DiscreteUniform, "discrete_uniform", kLoHi, kS2, Scalar, I},
    {DistKind::MvNormal, "mv_normal", kMvNormal, kVM, Vector, R},
    {DistKind::Dirichlet, "dirichlet", kAlpha, kV1, Vector, R},
    {DistKind::Multinomial, "multinomial", kNP, kSV, Vector, I},
    {DistKind::MvStudentT, "mv_student_t", kMvStudent, kSVM, Vector, R},
    {DistKind::BetaBinomial, "beta_binomial", kNAB, kS3, Scalar, I},
    {DistKind::PoissonGammaJoint, "poisson_gamma_joint", kPoisGam, kSSV, Vector, I},
    {DistKind::BinomialBetaJoint, "binomial_beta_joint", kNAB, kVSS, Vector, I},
    {DistKind::NegBinomialBetaJoint, "neg_binomial_beta_joint", kRAB, kVSS, Vector, I},
    {DistKind::GammaRateJoint, "gamma_rate_joint", kKAB, kVSS, Vector, R},
    {DistKind::NormalMeanJoint, "normal_mean_joint", kNormMean, kNormMeanAr, Vector, R},
    {DistKind::NormalPrecisionJoint, "normal_precision_joint", kMAB, kVSS, Vector, R},
    {DistKind::NormalGammaJoint, "normal_gamma_joint", kNormGamma, kNormGammaAr, Vector, R},
    {DistKind::DirichletMultinomial, "dirichlet_multinomial", kNAlpha, kSV, Vector, I},
    {DistKind::CategoricalDirichletJoint, "categorical_dirichlet_joint", kAlpha, kV1, Vector, I},
    {DistKind::NormalMixture, "normal_mixture", kWMuSigma, kV3, Scalar, R},
    {DistKind::Interval, "interval", kTC, kSV, Scalar, I},
    {DistKind::Hypergeometric, "hypergeometric", kHyper, kS4, Scalar, I},
    {DistKind::Sample, "sample_without_replacement", kPK, kVS, Vector, I},
    {DistKind::Sum, "sum_constraint", kSum, kS1, Scalar, R},
    {DistKind::Round, "round_constraint", kTD, kS2, Scalar, R},
    {DistKind::Wishart, "wishart", kNuSigma, kSM, Matrix, R},
    {DistKind::NoncentralChiSquared, "noncentral_chi_squared", kNuDelta, kS2, Scalar, R},
    {DistKind::FisherF, "fisher_f", kNM, kS2, Scalar, R},
    {DistKind::GenGamma, "gen_gamma", kGenGamma, kS3, Scalar, R},
};

// The truncated kinds (ALEA_TRUNCATABLE): each row made from its base's, its
// parameters the base's then lo and hi, so that no row restates them.
struct TruncatedRow {
  DistKind kind, base;
  std::string_view name;
};
constexpr TruncatedRow kTruncated[] = {
#define ALEA_TRUNCATED_ROW(Base, name) {DistKind::Truncated##Base, DistKind::Base, "truncated_" #name},
    ALEA_TRUNCATABLE(ALEA_TRUNCATED_ROW)
#undef ALEA_TRUNCATED_ROW
};

struct Rows {
  std::array<DistInfo, kDistKindCount> info{};
  std::array<bool, kDistKindCount> filled{};
  // Storage of the truncated kinds' parameter names and arities (never resized after
  // the rows point into them).
  std::array<std::vector<std::string_view>, std::size(kTruncated)> names;
  std::array<std::vector<Arity>, std::size(kTruncated)> arity;
};

const Rows& rows() {
  static const Rows r = [] {
    Rows out;
    auto put = [&](const DistInfo& d) {
      const auto k = static_cast<std::size_t>(d.kind);
      if (out.filled[k]) throw std::logic_error("dist_kind.cpp: two rows for " + std::string(d.name));
      out.info[k] = d;
      out.filled[k] = true;
    };
    for (const DistInfo& d : kTable) put(d);
    for (std::size_t t = 0; t < std::size(kTruncated); ++t) {
      const DistInfo& base = out.info[static_cast<std::size_t>(kTruncated[t].base)];
      out.names[t].assign(base.params.begin(), base.params.end());
      out.names[t].insert(out.names[t].end(), {"lo", "hi"});
      out.arity[t].assign(base.param_arity.begin(), base.param_arity.end());
      out.arity[t].insert(out.arity[t].end(), {Scalar, Scalar});
      put({kTruncated[t].kind, kTruncated[t].name, out.names[t], out.arity[t], Scalar, base.value_type});
    }
    for (std::size_t k = 0; k < out.filled.size(); ++k)
      if (!out.filled[k]) throw std::logic_error("dist_kind.cpp: no row for kind " + std::to_string(k));
    return out;
  }();
  return r;
}

}  // namespace

const DistInfo& dist_info(DistKind k) { return rows().info[static_cast<std::size_t>(k)]; }

std::optional<DistKind> dist_by_name(std::string_view name) {
  for (const DistInfo& d : rows().info)
    if (d.name == name) return d.kind;
  return std::nullopt;
}

}  // namespace alea
