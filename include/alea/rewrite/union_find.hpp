// Union-find over e-class ids, with path halving.
#pragma once
#include <cstdint>
#include <vector>

namespace alea::rewrite {

using ClassId = std::uint32_t;

class UnionFind {
 public:
  void reserve(std::size_t n) { parent_.reserve(n); }
  ClassId make_set() {
    parent_.push_back(static_cast<ClassId>(parent_.size()));
    return parent_.back();
  }
  ClassId find(ClassId x) const {
    while (parent_[x] != x) x = parent_[x];
    return x;
  }
  ClassId find_mut(ClassId x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  // Makes `root` the representative of `other`'s set; both must be roots.
  void link(ClassId root, ClassId other) { parent_[other] = root; }
  std::size_t size() const { return parent_.size(); }

 private:
  std::vector<ClassId> parent_;
};

}  // namespace alea::rewrite
