// Shapes and scalar types of values in the model graph: scalars, vectors and
// (column-major) matrices, and the broadcasting rule shared by every elementwise op.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace alea {

enum class ScalarType : std::uint8_t { Real, Integer };

// Dimensions of a value: {} is a scalar, {n} a vector, {rows, cols} a column-major matrix.
struct Shape {
  std::vector<std::int64_t> dims;

  Shape() = default;
  Shape(std::initializer_list<std::int64_t> d) : dims(d) {}
  explicit Shape(std::vector<std::int64_t> d) : dims(std::move(d)) {}

  static Shape scalar() { return {}; }
  static Shape vector(std::int64_t n) { return Shape{n}; }
  static Shape matrix(std::int64_t rows, std::int64_t cols) { return Shape{rows, cols}; }

  std::size_t rank() const { return dims.size(); }
  bool is_scalar() const { return dims.empty(); }
  std::int64_t size() const;  // number of elements (1 for a scalar)
  friend bool operator==(const Shape&, const Shape&) = default;
};

// "scalar", "vector[3]", "matrix[2,3]"
std::string to_string(const Shape& s);
std::string to_string(ScalarType t);

// "[3]" or "[2,1]": the 1-based index of the element at column-major position `flat`.
std::string element_suffix(const Shape& s, std::size_t flat);

// Elementwise broadcasting: equal shapes, or one operand a scalar. Throws
// std::invalid_argument naming both shapes and `what` otherwise.
Shape broadcast(const Shape& a, const Shape& b, const std::string& what);

}  // namespace alea
