// A value in the model: a real or integer scalar, vector or matrix, stored
// column-major as doubles (integers are exact up to 2^53).
#pragma once
#include <initializer_list>
#include <string>
#include <vector>

#include "alea/graph/shape.hpp"

namespace alea {

class Value {
 public:
  Value() : Value(0.0) {}
  Value(double x) : type_(ScalarType::Real), data_{x} {}  // NOLINT: implicit by design
  Value(int x) : type_(ScalarType::Integer), data_{static_cast<double>(x)} {}  // NOLINT
  Value(std::vector<double> v, ScalarType t = ScalarType::Real);
  Value(std::initializer_list<double> v) : Value(std::vector<double>(v)) {}
  Value(Shape shape, std::vector<double> data, ScalarType t);

  static Value integer(double x) { return Value(Shape{}, {x}, ScalarType::Integer); }
  static Value integers(std::vector<double> v);
  static Value filled(Shape shape, double x, ScalarType t = ScalarType::Real);

  const Shape& shape() const { return shape_; }
  ScalarType type() const { return type_; }
  bool is_scalar() const { return shape_.is_scalar(); }
  std::size_t size() const { return data_.size(); }
  const std::vector<double>& data() const { return data_; }
  std::vector<double>& data() { return data_; }
  double operator[](std::size_t i) const { return data_[i]; }
  double& operator[](std::size_t i) { return data_[i]; }
  // Element i with scalar broadcasting: a scalar answers for every index.
  double at_broadcast(std::size_t i) const { return data_.size() == 1 ? data_[0] : data_[i]; }
  double scalar() const;  // throws std::invalid_argument unless a scalar

  friend bool operator==(const Value&, const Value&) = default;

 private:
  Shape shape_;
  ScalarType type_;
  std::vector<double> data_;
};

// "1.5", "c(1, 2, 3)", "structure(c(...), .Dim = c(2, 2))" (R syntax, round-trips doubles)
std::string to_string(const Value& v);
// Shortest decimal text that reads back to the same double.
std::string format_number(double x);

}  // namespace alea
