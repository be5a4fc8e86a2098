// Values: construction checks and R-syntax printing.
#include "alea/graph/value.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace alea {

Value::Value(std::vector<double> v, ScalarType t)
    : shape_(Shape::vector(static_cast<std::int64_t>(v.size()))), type_(t), data_(std::move(v)) {}

Value::Value(Shape shape, std::vector<double> data, ScalarType t)
    : shape_(std::move(shape)), type_(t), data_(std::move(data)) {
  if (static_cast<std::int64_t>(data_.size()) != shape_.size())
    throw std::invalid_argument("value of shape " + to_string(shape_) + " needs " +
                                std::to_string(shape_.size()) + " elements, got " +
                                std::to_string(data_.size()));
}

Value Value::integers(std::vector<double> v) { return Value(std::move(v), ScalarType::Integer); }

Value Value::filled(Shape shape, double x, ScalarType t) {
  auto n = static_cast<std::size_t>(shape.size());
  return Value(std::move(shape), std::vector<double>(n, x), t);
}

double Value::scalar() const {
  if (!is_scalar()) throw std::invalid_argument("expected a scalar, got a value of shape " + to_string(shape_));
  return data_[0];
}

std::string format_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Inf" : "-Inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

std::string to_string(const Value& v) {
  if (v.is_scalar()) return format_number(v[0]);
  std::string body = "c(";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) body += ", ";
    body += format_number(v[i]);
  }
  body += ")";
  if (v.shape().rank() == 1) return body;
  std::string dims = "c(";
  for (std::size_t i = 0; i < v.shape().rank(); ++i) {
    if (i) dims += ", ";
    dims += std::to_string(v.shape().dims[i]);
  }
  return "structure(" + body + ", .Dim = " + dims + "))";
}

}  // namespace alea
