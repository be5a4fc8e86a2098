// Shapes: printing and the broadcasting rule.
#include "alea/graph/shape.hpp"

#include <stdexcept>

namespace alea {

std::int64_t Shape::size() const {
  std::int64_t n = 1;
  for (auto d : dims) n *= d;
  return n;
}

std::string to_string(const Shape& s) {
  if (s.dims.empty()) return "scalar";
  std::string out = s.dims.size() == 1 ? "vector[" : s.dims.size() == 2 ? "matrix[" : "array[";
  for (std::size_t i = 0; i < s.dims.size(); ++i) {
    if (i) out += ",";
    out += std::to_string(s.dims[i]);
  }
  return out + "]";
}

std::string to_string(ScalarType t) { return t == ScalarType::Real ? "real" : "integer"; }

Shape broadcast(const Shape& a, const Shape& b, const std::string& what) {
  if (a == b || b.is_scalar()) return a;
  if (a.is_scalar()) return b;
  throw std::invalid_argument(what + ": shapes " + to_string(a) + " and " + to_string(b) +
                              " do not match (only a scalar broadcasts)");
}

std::string element_suffix(const Shape& s, std::size_t flat) {
  std::string out = "[";
  for (std::size_t p = 0; p < s.rank(); ++p) {
    const auto d = static_cast<std::size_t>(s.dims[p]);
    out += (p ? "," : "") + std::to_string(flat % d + 1);
    flat /= d;
  }
  return out + "]";
}

}  // namespace alea
