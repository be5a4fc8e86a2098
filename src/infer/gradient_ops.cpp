// Values and partial derivatives of the deterministic ops on flat arrays. Min, Max,
// Abs take the subgradient of the branch chosen; Step, Equals, Round and Trunc have
// derivative 0.
#include "gradient_ops.hpp"

#include <boost/math/special_functions/digamma.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

#include "alea/dist/link_functions.hpp"
#include "alea/graph/value.hpp"

namespace alea::infer::detail {
namespace {

double logistic(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

std::size_t checked_index(double i, std::size_t n) {
  if (!(i >= 0 && i < static_cast<double>(n) && i == std::floor(i)))
    throw std::out_of_range("index " + format_number(i + 1) + " is out of range 1.." + std::to_string(n));
  return static_cast<std::size_t>(i);
}

// Calls use(value, partial) with the op's function and its derivative (given x and
// y = f(x)), so that the switch is taken once per node, not once per element.
template <class Use>
void with_unary(Op op, Use&& use) {
  switch (op) {
    case Op::Neg:
      return use([](double x) { return -x; }, [](double, double) { return -1.0; });
    case Op::Exp:
      return use([](double x) { return std::exp(x); }, [](double, double y) { return y; });
    case Op::Log:
      return use([](double x) { return std::log(x); }, [](double x, double) { return 1 / x; });
    case Op::Log1p:
      return use([](double x) { return std::log1p(x); }, [](double x, double) { return 1 / (1 + x); });
    case Op::Expm1:
      return use([](double x) { return std::expm1(x); }, [](double, double y) { return y + 1; });
    case Op::Sqrt:
      return use([](double x) { return std::sqrt(x); }, [](double, double y) { return 0.5 / y; });
    case Op::Square:
      return use([](double x) { return x * x; }, [](double x, double) { return 2 * x; });
    case Op::Abs:
      return use([](double x) { return std::abs(x); },
                 [](double x, double) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); });
    case Op::Logistic:
      return use(logistic, [](double, double y) { return y * (1 - y); });
    case Op::Logit:
      return use([](double x) { return std::log(x) - std::log1p(-x); },
                 [](double x, double) { return 1 / (x * (1 - x)); });
    case Op::Step:
      return use([](double x) { return x >= 0 ? 1.0 : 0.0; }, [](double, double) { return 0.0; });
    case Op::Phi:
      return use(dist::jags::phi, [](double x, double) { return dist::jags::normal_density(x); });
    case Op::Probit:
      return use(dist::jags::probit, [](double, double y) { return 1 / dist::jags::normal_density(y); });
    case Op::CLogLog:
      return use(dist::jags::cloglog, [](double x, double) { return dist::jags::cloglog_derivative(x); });
    case Op::ICLogLog:
      return use(dist::jags::icloglog, [](double x, double) { return dist::jags::icloglog_derivative(x); });
    case Op::LogGamma:
      return use([](double x) { return std::lgamma(x); }, [](double x, double) { return boost::math::digamma(x); });
    case Op::LogFact:
      return use([](double x) { return std::lgamma(x + 1); },
                 [](double x, double) { return boost::math::digamma(x + 1); });
    case Op::Sin:
      return use([](double x) { return std::sin(x); }, [](double x, double) { return std::cos(x); });
    case Op::Cos:
      return use([](double x) { return std::cos(x); }, [](double x, double) { return -std::sin(x); });
    case Op::Round:
      return use([](double x) { return std::round(x); }, [](double, double) { return 0.0; });
    case Op::Trunc:
      return use([](double x) { return std::trunc(x); }, [](double, double) { return 0.0; });
    default:
      throw std::logic_error("not a unary op");
  }
}

// Calls use(value, partials) with the op's function of (a, b) and a function
// setting (d/da, d/db) given a, b and y = f(a, b).
template <class Use>
void with_binary(Op op, Use&& use) {
  switch (op) {
    case Op::Add:
      return use([](double a, double b) { return a + b; },
                 [](double, double, double, double& da, double& db) { da = 1, db = 1; });
    case Op::Sub:
      return use([](double a, double b) { return a - b; },
                 [](double, double, double, double& da, double& db) { da = 1, db = -1; });
    case Op::Mul:
      return use([](double a, double b) { return a * b; },
                 [](double a, double b, double, double& da, double& db) { da = b, db = a; });
    case Op::Div:
      return use([](double a, double b) { return a / b; },
                 [](double, double b, double y, double& da, double& db) { da = 1 / b, db = -y / b; });
    case Op::Pow:
      return use([](double a, double b) { return std::pow(a, b); },
                 [](double a, double b, double y, double& da, double& db) {
                   da = b == 0 ? 0.0 : b * std::pow(a, b - 1);
                   db = a > 0 ? y * std::log(a) : 0.0;
                 });
    case Op::Min:
      return use([](double a, double b) { return std::fmin(a, b); },
                 [](double a, double b, double, double& da, double& db) { da = a <= b, db = a > b; });
    case Op::Max:
      return use([](double a, double b) { return std::fmax(a, b); },
                 [](double a, double b, double, double& da, double& db) { da = a >= b, db = a < b; });
    case Op::Equals:
      return use([](double a, double b) { return a == b ? 1.0 : 0.0; },
                 [](double, double, double, double& da, double& db) { da = db = 0; });
    default:
      throw std::logic_error("not a binary op");
  }
}

}  // namespace

void op_forward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<double> out) {
  switch (op_info(op).cls) {
    case OpClass::Unary:
      with_unary(op, [&](auto f, auto) {
        for (std::size_t i = 0; i < out.size(); ++i) out[i] = f(in[0].data[i]);
      });
      return;
    case OpClass::Binary:
      with_binary(op, [&](auto f, auto) {
        const ArrayView a = in[0], b = in[1];
        const std::size_t n = out.size();
        if (a.n == n && b.n == n) {
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a.data[i], b.data[i]);
        } else if (a.n == 1) {
          const double a0 = a.data[0];
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a0, b.data[i]);
        } else {
          const double b0 = b.data[0];
          for (std::size_t i = 0; i < n; ++i) out[i] = f(a.data[i], b0);
        }
      });
      return;
    case OpClass::Reduction: {
      double acc = 0;
      if (op == Op::Dot) {
        for (std::size_t i = 0; i < in[0].n; ++i) acc += in[0].data[i] * in[1].data[i];
      } else {
        for (std::size_t i = 0; i < in[0].n; ++i) acc += in[0].data[i];
        if (op == Op::Mean) acc /= static_cast<double>(in[0].n);
      }
      out[0] = acc;
      return;
    }
    case OpClass::Structure:
      if (op == Op::Stack) {  // inputs of one size, concatenated
        std::size_t k = 0;
        for (const ArrayView& v : in)
          for (std::size_t i = 0; i < v.n; ++i) out[k++] = v.data[i];
      } else if (op == Op::Index && in.size() == 2) {
        for (std::size_t k = 0; k < in[1].n; ++k) out[k] = in[0].data[checked_index(in[1].data[k], in[0].n)];
      } else if (op == Op::Index) {
        if (in.size() > 3)
          throw std::invalid_argument("a random index into an array of rank 3 or more is not supported yet");
        const std::size_t cols = in[0].n / rows;
        std::size_t k = 0;
        for (std::size_t jj = 0; jj < in[2].n; ++jj)
          for (std::size_t ii = 0; ii < in[1].n; ++ii)
            out[k++] =
                in[0].data[checked_index(in[1].data[ii], rows) + rows * checked_index(in[2].data[jj], cols)];
      } else {  // MatVec, column-major
        const std::size_t cols = in[1].n;
        for (std::size_t i = 0; i < rows; ++i) out[i] = 0;
        for (std::size_t j = 0; j < cols; ++j)
          for (std::size_t i = 0; i < rows; ++i) out[i] += in[0].data[i + rows * j] * in[1].data[j];
      }
      return;
    case OpClass::Leaf:
      throw std::logic_error("op_forward: leaf op");
  }
}

void op_backward(Op op, std::span<const ArrayView> in, std::size_t rows, std::span<const double> out,
                 std::span<const double> gout, std::span<double* const> gin) {
  switch (op_info(op).cls) {
    case OpClass::Unary:
      if (!gin[0]) return;
      with_unary(op, [&](auto, auto d) {
        for (std::size_t i = 0; i < out.size(); ++i) gin[0][i] += gout[i] * d(in[0].data[i], out[i]);
      });
      return;
    case OpClass::Binary:
      with_binary(op, [&](auto, auto d) {
        // A broadcast scalar input gets the sum of its partials, added once.
        const ArrayView a = in[0], b = in[1];
        double* ga = gin[0];
        double* gb = gin[1];
        const bool a_scalar = a.n == 1, b_scalar = b.n == 1;
        double sum_a = 0, sum_b = 0;
        for (std::size_t i = 0; i < out.size(); ++i) {
          double da = 0, db = 0;
          d(a_scalar ? a.data[0] : a.data[i], b_scalar ? b.data[0] : b.data[i], out[i], da, db);
          if (a_scalar) sum_a += gout[i] * da;
          else if (ga) ga[i] += gout[i] * da;
          if (b_scalar) sum_b += gout[i] * db;
          else if (gb) gb[i] += gout[i] * db;
        }
        if (ga && a_scalar) ga[0] += sum_a;
        if (gb && b_scalar) gb[0] += sum_b;
      });
      return;
    case OpClass::Reduction:
      if (op == Op::Dot) {
        for (std::size_t i = 0; i < in[0].n; ++i) {
          if (gin[0]) gin[0][i] += gout[0] * in[1].data[i];
          if (gin[1]) gin[1][i] += gout[0] * in[0].data[i];
        }
      } else if (gin[0]) {
        const double scale = op == Op::Mean ? 1 / static_cast<double>(in[0].n) : 1.0;
        for (std::size_t i = 0; i < in[0].n; ++i) gin[0][i] += gout[0] * scale;
      }
      return;
    case OpClass::Structure:
      if (op == Op::Stack) {
        std::size_t k = 0;
        for (std::size_t j = 0; j < in.size(); ++j) {
          if (gin[j])
            for (std::size_t i = 0; i < in[j].n; ++i) gin[j][i] += gout[k + i];
          k += in[j].n;
        }
      } else if (op == Op::Index && in.size() == 2) {
        if (gin[0])
          for (std::size_t k = 0; k < in[1].n; ++k)
            gin[0][static_cast<std::size_t>(in[1].data[k])] += gout[k];
      } else if (op == Op::Index) {
        if (!gin[0]) return;
        std::size_t k = 0;
        for (std::size_t jj = 0; jj < in[2].n; ++jj)
          for (std::size_t ii = 0; ii < in[1].n; ++ii)
            gin[0][static_cast<std::size_t>(in[1].data[ii]) +
                   rows * static_cast<std::size_t>(in[2].data[jj])] += gout[k++];
      } else {  // MatVec
        const std::size_t cols = in[1].n;
        for (std::size_t j = 0; j < cols; ++j)
          for (std::size_t i = 0; i < rows; ++i) {
            if (gin[0]) gin[0][i + rows * j] += gout[i] * in[1].data[j];
            if (gin[1]) gin[1][j] += gout[i] * in[0].data[i + rows * j];
          }
      }
      return;
    case OpClass::Leaf:
      throw std::logic_error("op_backward: leaf op");
  }
}

}  // namespace alea::infer::detail
