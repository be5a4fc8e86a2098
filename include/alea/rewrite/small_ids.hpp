// A short sequence of 32-bit ids (an e-node's children, a class's site set), held
// inline up to kInline of them and on the heap beyond, with the part of std::vector's
// interface the e-graph uses. Nearly every e-node has one to three children and
// nearly every class depends on a handful of sites, and each e-node is stored several
// times (in its class, in each child's parent list, in the hash-cons table): as
// std::vector every copy held a heap block of its own, a large share of the memory
// of an e-graph loaded from a long model.
#pragma once
#include <algorithm>
#include <compare>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>


namespace alea::rewrite {

class SmallIds {
 public:
  using value_type = std::uint32_t;
  using iterator = std::uint32_t*;
  using const_iterator = const std::uint32_t*;
  static constexpr std::uint32_t kInline = 4;

  SmallIds() = default;
  SmallIds(std::initializer_list<std::uint32_t> ids) { assign(ids.begin(), ids.size()); }
  SmallIds(const std::vector<std::uint32_t>& ids) { assign(ids.data(), ids.size()); }  // NOLINT: implicit by design
  SmallIds(const SmallIds& o) { assign(o.data(), o.size_); }
  SmallIds(SmallIds&& o) noexcept : size_(o.size_), capacity_(o.capacity_) {
    std::memcpy(&u_, &o.u_, sizeof u_);
    o.size_ = 0;
    o.capacity_ = kInline;
  }
  SmallIds& operator=(const SmallIds& o) {
    if (this != &o) {
      size_ = 0;
      assign(o.data(), o.size_);
    }
    return *this;
  }
  SmallIds& operator=(SmallIds&& o) noexcept {
    if (this != &o) {
      release();
      size_ = o.size_;
      capacity_ = o.capacity_;
      std::memcpy(&u_, &o.u_, sizeof u_);
      o.size_ = 0;
      o.capacity_ = kInline;
    }
    return *this;
  }
  ~SmallIds() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::uint32_t* data() { return on_heap() ? u_.heap : u_.local; }
  const std::uint32_t* data() const { return on_heap() ? u_.heap : u_.local; }
  std::uint32_t* begin() { return data(); }
  std::uint32_t* end() { return data() + size_; }
  const std::uint32_t* begin() const { return data(); }
  const std::uint32_t* end() const { return data() + size_; }
  std::uint32_t& operator[](std::size_t i) { return data()[i]; }
  const std::uint32_t& operator[](std::size_t i) const { return data()[i]; }
  std::uint32_t& back() { return data()[size_ - 1]; }
  const std::uint32_t& back() const { return data()[size_ - 1]; }

  void reserve(std::size_t n) {
    if (n > capacity_) grow(static_cast<std::uint32_t>(n));
  }
  void push_back(std::uint32_t c) {
    if (size_ == capacity_) grow(capacity_ * 2);
    data()[size_++] = c;
  }
  void clear() { size_ = 0; }
  // Erases [first, last) (as std::vector::erase: after std::unique, the tail).
  void erase(const std::uint32_t* first, const std::uint32_t* last) {
    if (last == end()) size_ = static_cast<std::uint32_t>(first - begin());
    else {
      std::copy(last, static_cast<const std::uint32_t*>(end()), begin() + (first - begin()));
      size_ -= static_cast<std::uint32_t>(last - first);
    }
  }
  std::vector<std::uint32_t> to_vector() const { return {begin(), end()}; }

  friend bool operator==(const SmallIds& a, const SmallIds& b) {
    return a.size_ == b.size_ && std::equal(a.begin(), a.end(), b.begin());
  }
  friend std::strong_ordering operator<=>(const SmallIds& a, const SmallIds& b) {
    return std::lexicographical_compare_three_way(a.begin(), a.end(), b.begin(), b.end());
  }

 private:
  bool on_heap() const { return capacity_ > kInline; }
  void release() {
    if (on_heap()) delete[] u_.heap;
    capacity_ = kInline;
  }
  // Copies n ids into this (empty or of any size).
  void assign(const std::uint32_t* ids, std::size_t n) {
    if (n > capacity_) {
      release();
      u_.heap = new std::uint32_t[n];
      capacity_ = static_cast<std::uint32_t>(n);
    }
    size_ = static_cast<std::uint32_t>(n);
    if (n) std::memcpy(data(), ids, n * sizeof(std::uint32_t));
  }
  void grow(std::uint32_t capacity) {
    auto* heap = new std::uint32_t[capacity];
    if (size_) std::memcpy(heap, data(), size_ * sizeof(std::uint32_t));
    release();
    u_.heap = heap;
    capacity_ = capacity;
  }

  std::uint32_t size_ = 0, capacity_ = kInline;
  union Storage {
    std::uint32_t local[kInline];
    std::uint32_t* heap;
  } u_{};
};

}  // namespace alea::rewrite
