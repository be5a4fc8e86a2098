// E-class analyses: what is known of every value in a class. Constant value (for
// folding), site set (the primitive draws the class depends on, for independence),
// shape and type, a sign/support range (for guards such as x > 0), and the affine
// Gaussian form of a scalar.
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "alea/graph/shape.hpp"
#include "alea/graph/value.hpp"
#include "alea/rewrite/small_ids.hpp"

namespace alea::rewrite {

using SiteSet = SmallIds;  // sorted, unique

// Every element of the class lies in [lo, hi] (closed unless open_* says so), and
// is an integer when `integer`.
struct Range {
  double lo = -std::numeric_limits<double>::infinity();
  double hi = std::numeric_limits<double>::infinity();
  bool lo_open = true, hi_open = true;
  bool integer = false;

  bool positive() const { return lo > 0 || (lo == 0 && lo_open); }
  bool nonnegative() const { return lo >= 0; }
  bool nonzero() const { return positive() || hi < 0 || (hi == 0 && hi_open); }
  bool in_unit_open() const { return (lo > 0 || (lo == 0 && lo_open)) && (hi < 1 || (hi == 1 && hi_open)); }
  static Range point(double x) { return {x, x, false, false, false}; }
  static Range all() { return {}; }
  friend bool operator==(const Range&, const Range&) = default;
};

// Intersection: both facts hold of a merged class.
Range intersect(const Range& a, const Range& b);

// A scalar that is, pointwise, offset + sum_k a_k z_k: an affine map of independent
// normal elements z_k (atoms: an element of an original normal draw with constant
// parameters, independent of every other element) with constant coefficients. Sums
// and scalings fold into it during rebuild as constants do, so a chain of n additions
// has its distribution, normal(mean, sqrt(variance)), without n rule applications;
// and two classes with the same offset and terms are the same value (rebuild merges
// them: (x + y) - y is x). Identity is not independence: an atom met twice (x + 2x)
// adds its coefficients (3: variance 9 s^2), which needs the terms; beyond kTerms
// atoms only operands on disjoint atoms fold.
struct GaussianForm {
  static constexpr std::size_t kTerms = 32;
  struct Term {
    std::uint64_t atom;  // site << 32 | element
    double coefficient, mean, sd;  // a_k, and z_k ~ normal(mean, sd)
  };
  double offset = 0, mean = 0, variance = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> atoms;  // sorted, disjoint, not adjacent: [first, last)
  std::vector<Term> terms;  // by atom, while there are at most kTerms atoms; else empty
  // A conditional form: the value is also shifted by sum_j c_j R_j, classes R_j that
  // have no form of their own (exp(x), a gamma draw, a normal with a random mean) and
  // whose sites meet no atom's (Rest::sites: their union). Given them, the value is
  // normal(mean + sum_j c_j R_j, sqrt(variance)): one conditional replacement for
  // a + exp(b) + c + ..., where shifting one normal at a time by the rest would make
  // one for every subset of the atoms.
  struct Rest {
    std::vector<std::pair<std::uint32_t, double>> terms;  // (class, c_j), by class
    SiteSet sites;
  };
  std::shared_ptr<const Rest> rest;  // null: unconditional (a pointer: most forms have none)
  bool explicit_terms() const { return !terms.empty() || atoms.empty(); }
  bool conditional() const { return rest != nullptr; }
  std::size_t rest_size() const { return rest ? rest->terms.size() : 0; }
};

// The form of a single atom, a + b f, f + g; nothing where the operands share atoms
// beyond kTerms.
GaussianForm gaussian_atom(std::uint32_t site, std::uint32_t element, double mean, double sd);
GaussianForm gaussian_affine(const GaussianForm& f, double a, double b);
std::optional<GaussianForm> gaussian_sum(const GaussianForm& f, const GaussianForm& g);
// f + c R for a class R with no form, of sites `sites`; nothing where they meet f's atoms.
std::optional<GaussianForm> gaussian_shift(const GaussianForm& f, std::uint32_t r, const SiteSet& sites, double c);

// A class's constant value, with std::optional's interface, held by a shared pointer:
// a loaded constant shares the e-graph's pool entry, and a class without a constant
// (nearly all of a large model's) costs a pointer, not an empty Value.
class ConstantValue {
 public:
  ConstantValue() = default;
  explicit ConstantValue(std::shared_ptr<const Value> v) : v_(std::move(v)) {}
  ConstantValue& operator=(Value v) {
    v_ = std::make_shared<const Value>(std::move(v));
    return *this;
  }
  bool has_value() const { return v_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  const Value& operator*() const { return *v_; }
  const Value* operator->() const { return v_.get(); }

 private:
  std::shared_ptr<const Value> v_;
};

struct ClassData {
  ConstantValue constant;
  SiteSet sites;
  Shape shape;
  ScalarType type = ScalarType::Real;
  Range range;
  std::shared_ptr<const GaussianForm> gaussian;  // null: not known to be affine Gaussian
};

SiteSet site_union(const SiteSet& a, const SiteSet& b);
SiteSet site_intersection(const SiteSet& a, const SiteSet& b);
bool disjoint(const SiteSet& a, const SiteSet& b);

}  // namespace alea::rewrite
