// The e-graph over alea's graph IR: e-nodes are ops over e-classes, hash-consed,
// with a union-find and deferred rebuilding of congruence (as in egg), an index
// from op to e-classes for matching, and the analyses of analysis.hpp.
//
// Draws are sites. An original draw of the model keeps its site id; a
// distributional replacement (a closure or conjugacy rule's right side) gets a
// fresh site that *covers* the sites it stands for, and its class's site set is
// that cover, never a new independent site (docs/design.md, Semantics).
#pragma once
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "alea/graph/dist_kind.hpp"
#include "alea/graph/op.hpp"
#include "alea/rewrite/analysis.hpp"
#include "alea/rewrite/union_find.hpp"

namespace alea::rewrite {

struct ENode {
  Op op = Op::Constant;
  DistKind dist = DistKind::Normal;  // Op::Draw; Op::Composite: its component distribution
  std::uint32_t payload = 0;         // Constant: index in the constant pool; Draw, Composite: site id
  SmallIds children;
  std::uint16_t composite = 0;       // Op::Composite: its id (graph/composite.hpp)

  friend bool operator==(const ENode&, const ENode&) = default;
};

struct ENodeHash {
  std::size_t operator()(const ENode& n) const;
};

struct EClass {
  std::vector<ENode> nodes;
  std::vector<std::pair<ENode, ClassId>> parents;
  ClassData data;
};

struct SiteInfo {
  SiteSet cover;          // the original sites this draw stands for ({itself} for an original draw)
  Shape shape;
  bool replacement = false;
};

class EGraph {
 public:
  // Room for about `nodes` e-nodes before the vectors and tables grow (their doubling
  // would otherwise hold up to twice a large model's memory).
  void reserve(std::size_t nodes);
  ClassId add(ENode n);
  ClassId add_constant(const Value& v);
  // An original draw with the given site id (ids of the model's sites; they must
  // be added before any replacement).
  ClassId add_site_draw(DistKind dist, std::vector<ClassId> params, Shape shape, std::uint32_t site);
  // An original closed composite (graph/composite.hpp) with the given site id: a
  // site like a draw, matched whole by the composite's rules.
  ClassId add_site_composite(std::uint16_t composite, DistKind dist, std::vector<ClassId> params, Shape shape,
                             std::uint32_t site);
  // A distributional replacement for the term of class `stands_for`, covering the
  // sites `cover`. Two replacements are the same node only when they stand for the
  // same term: -x and x + 0 with x ~ normal(0, 1) have the same distribution and
  // cover, yet are different random variables and must never be merged. With a
  // composite id, the replacement is that closed composite (a right side that builds
  // one: dist is then its component distribution).
  ClassId add_replacement_draw(DistKind dist, std::vector<ClassId> params, Shape shape, SiteSet cover,
                               ClassId stands_for, std::uint16_t composite = 0);
  // A fresh random variable that a distributional right side builds below its root
  // (a draw, or a closed composite when `composite` is not 0): a new site covering
  // only itself, so it is independent of every other site. It is the same node again
  // only for the same right side's same position (`slot`) at the same term.
  ClassId add_fresh_site(DistKind dist, std::uint16_t composite, std::vector<ClassId> params, Shape shape,
                         ClassId stands_for, std::uint32_t slot);
  // A class holding this many replacements of one distribution (or composite) takes
  // another only when it covers more sites than each of them (0: no limit);
  // add_replacement_draw otherwise returns the class itself, unchanged. See
  // Limits::replacements_per_class.
  void set_replacement_cap(std::size_t cap) { replacement_cap_ = cap; }

  // Asserts that a and b are equal; takes effect for matching after rebuild().
  // Throws std::logic_error when their shapes differ (a rule bug).
  bool merge(ClassId a, ClassId b);
  void rebuild();

  ClassId find(ClassId id) const { return uf_.find(id); }
  const EClass& eclass(ClassId id) const { return classes_.at(find(id)); }
  const ClassData& data(ClassId id) const { return eclass(id).data; }
  const Value& constant(std::uint32_t index) const { return *constants_.at(index); }
  const SiteInfo& site(std::uint32_t id) const { return sites_.at(id); }
  std::size_t site_count() const { return sites_.size(); }

  // Canonical ids of the live classes.
  std::vector<ClassId> class_ids() const;
  // Classes holding a node of this op (valid after rebuild()).
  const std::vector<ClassId>& classes_with(Op op) const { return by_op_[static_cast<std::size_t>(op)]; }
  std::size_t node_count() const { return node_count_; }
  std::size_t class_count() const { return live_classes_; }
  ENode canonical(ENode n) const;

  // Frees what only adding and merging need (the hash-cons table, parent lists, the
  // match index): for an e-graph that is only extracted from from now on. Adding to
  // it afterwards is an error.
  void freeze();

  // Hash-cons and congruence are consistent and every class's analysis is what its
  // nodes imply. Throws std::logic_error naming the first violation.
  void check_invariants() const;

 private:
  ClassId add_site(DistKind dist, std::uint16_t composite, std::vector<ClassId> params, Shape shape, SiteSet cover,
                   ClassId stands_for, std::uint32_t slot);
  ClassData make(const ENode& n) const;
  void rekey_replacements();
  // The affine Gaussian form of a scalar node (analysis.hpp), or null.
  std::shared_ptr<const GaussianForm> gaussian_form(const ENode& n) const;
  // An original normal draw with constant parameters in class c: its site and parameters.
  struct NormalDraw {
    std::uint32_t site;
    const Value* mean;
    const Value* sd;
  };
  std::optional<NormalDraw> normal_draw(ClassId c) const;
  // Merges `incoming` into `into`; true when `into` changed.
  bool merge_data(ClassData& into, const ClassData& incoming) const;
  void modify(ClassId id);
  void repair(ClassId id);
  void rebuild_index();
  // Merges the classes whose affine Gaussian forms have the same offset and terms
  // (the same value, pointwise), and a form without terms with its constant; true
  // when anything merged.
  bool merge_equal_forms();

  UnionFind uf_;
  std::vector<EClass> classes_;
  std::unordered_map<ENode, ClassId, ENodeHash> memo_;
  std::vector<std::shared_ptr<const Value>> constants_;  // shared with the classes' data
  // A strict weak order on (type, values) that keeps NaN apart from every number (with
  // `<`, NaN is equivalent to everything: a NaN constant was found as the constant 1).
  struct ConstantKeyLess {
    bool operator()(const std::pair<ScalarType, std::vector<double>>& a,
                    const std::pair<ScalarType, std::vector<double>>& b) const;
  };
  std::map<std::pair<ScalarType, std::vector<double>>, std::map<std::vector<std::int64_t>, std::uint32_t>,
           ConstantKeyLess>
      constant_index_;
  // Scalars, most of a large model's constants (a loop's indices), by type and value
  // bits (-0 as 0, every NaN as one): a node of a few words each, where the general
  // index above costs several allocations.
  std::array<std::unordered_map<std::uint64_t, std::uint32_t>, 2> scalar_constants_;
  std::vector<SiteInfo> sites_;
  // Replacements and fresh sites by (distribution, composite, parameters, cover,
  // the term they stand for, slot): 0 for a replacement, its position for a fresh site.
  std::map<std::tuple<DistKind, std::uint16_t, std::vector<ClassId>, SiteSet, ClassId, std::uint32_t>, std::uint32_t>
      replacements_;
  std::vector<ClassId> pending_, analysis_pending_;
  std::array<std::vector<ClassId>, kOpCount> by_op_;
  std::size_t node_count_ = 0, live_classes_ = 0;
  bool frozen_ = false;
  std::size_t replacement_cap_ = 0;
};

}  // namespace alea::rewrite
