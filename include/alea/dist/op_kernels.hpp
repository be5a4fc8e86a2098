// The elementwise ops of the model graph: each op's function and its derivative in
// one place, read by the evaluator on values (dist/ops.cpp) and by the compiled
// gradient (infer/gradient_ops.cpp). Also the linear-algebra and ordering kernels on
// flat column-major arrays that both share.
#pragma once
#include <cmath>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "alea/dist/digamma.hpp"
#include "alea/dist/link_functions.hpp"
#include "alea/graph/op.hpp"

namespace alea::dist {

// A product with an exact zero factor is 0, even when the other factor is infinite
// or NaN (JAGS's rule, so that x * log(x) is 0 at x = 0; docs/bugs-language.md,
// "Arithmetic at the boundary"). IEEE would give NaN.
inline double times(double a, double b) {
  return a == 0 || b == 0 ? 0.0 : a * b;
}

namespace kernel_detail {
inline double logistic(double x) {
  // Stable on both tails: exp never overflows.
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}
// The partials of a piecewise-constant function (comparisons, logic): zero.
inline void flat(double, double, double, double& da, double& db) {
  da = db = 0;
}
}  // namespace kernel_detail

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
      return use(kernel_detail::logistic, [](double, double y) { return y * (1 - y); });
    case Op::Logit:
      return use([](double x) { return std::log(x) - std::log1p(-x); },
                 [](double x, double) { return 1 / (x * (1 - x)); });
    case Op::Step:
      return use([](double x) { return x >= 0 ? 1.0 : 0.0; }, [](double, double) { return 0.0; });
    case Op::Phi:
      return use(jags::phi, [](double x, double) { return jags::normal_density(x); });
    case Op::Probit:
      return use(jags::probit, [](double, double y) { return 1 / jags::normal_density(y); });
    case Op::CLogLog:
      return use(jags::cloglog, [](double x, double) { return jags::cloglog_derivative(x); });
    case Op::ICLogLog:
      return use(jags::icloglog, [](double x, double) { return jags::icloglog_derivative(x); });
    case Op::LogGamma:
      return use([](double x) { return std::lgamma(x); },
                 [](double x, double) { return digamma(x); });
    case Op::LogFact:
      return use([](double x) { return std::lgamma(x + 1); },
                 [](double x, double) { return digamma(x + 1); });
    case Op::Sin:
      return use([](double x) { return std::sin(x); }, [](double x, double) { return std::cos(x); });
    case Op::Cos:
      return use([](double x) { return std::cos(x); }, [](double x, double) { return -std::sin(x); });
    case Op::Round:
      return use([](double x) { return std::round(x); }, [](double, double) { return 0.0; });
    case Op::Trunc:
      return use([](double x) { return std::trunc(x); }, [](double, double) { return 0.0; });
    case Op::Tan:
      return use([](double x) { return std::tan(x); }, [](double, double y) { return 1 + y * y; });
    case Op::ArcSin:
      return use([](double x) { return std::asin(x); },
                 [](double x, double) { return 1 / std::sqrt(1 - x * x); });
    case Op::ArcCos:
      return use([](double x) { return std::acos(x); },
                 [](double x, double) { return -1 / std::sqrt(1 - x * x); });
    case Op::ArcTan:
      return use([](double x) { return std::atan(x); }, [](double x, double) { return 1 / (1 + x * x); });
    case Op::Sinh:
      return use([](double x) { return std::sinh(x); }, [](double x, double) { return std::cosh(x); });
    case Op::Cosh:
      return use([](double x) { return std::cosh(x); }, [](double x, double) { return std::sinh(x); });
    case Op::Tanh:
      return use([](double x) { return std::tanh(x); }, [](double, double y) { return 1 - y * y; });
    case Op::ArcSinh:
      return use([](double x) { return std::asinh(x); },
                 [](double x, double) { return 1 / std::sqrt(x * x + 1); });
    case Op::ArcCosh:
      return use([](double x) { return std::acosh(x); },
                 [](double x, double) { return 1 / std::sqrt((x - 1) * (x + 1)); });
    case Op::ArcTanh:
      return use([](double x) { return std::atanh(x); }, [](double x, double) { return 1 / (1 - x * x); });
    case Op::Not:
      return use([](double x) { return x == 0 ? 1.0 : 0.0; }, [](double, double) { return 0.0; });
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
      return use(times, [](double a, double b, double, double& da, double& db) { da = b, db = a; });
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
      return use([](double a, double b) { return a == b ? 1.0 : 0.0; }, kernel_detail::flat);
    case Op::NotEqual:
      return use([](double a, double b) { return a != b ? 1.0 : 0.0; }, kernel_detail::flat);
    case Op::Less:
      return use([](double a, double b) { return a < b ? 1.0 : 0.0; }, kernel_detail::flat);
    case Op::LessEqual:
      return use([](double a, double b) { return a <= b ? 1.0 : 0.0; }, kernel_detail::flat);
    case Op::And:
      return use([](double a, double b) { return a != 0 && b != 0 ? 1.0 : 0.0; }, kernel_detail::flat);
    case Op::Or:
      return use([](double a, double b) { return a != 0 || b != 0 ? 1.0 : 0.0; }, kernel_detail::flat);
    default:
      throw std::logic_error("not a binary op");
  }
}

// Reductions over all elements (Sum, Mean, Prod, Sd, MaxOf, MinOf; Dot is apart).
double reduce(Op op, std::span<const double> x);

// C[rows x cols] = A[rows x inner] B[inner x cols], all column-major.
void matmul(std::span<const double> a, std::span<const double> b, std::size_t rows, std::size_t inner,
            std::span<double> c);
// out[cols x rows] = a[rows x cols]^T.
void transpose(std::span<const double> a, std::size_t rows, std::span<double> out);
// out = a^-1 for a square a[n x n]; NaN everywhere when a is singular.
void inverse(std::span<const double> a, std::span<double> out);
// out = exp(a), the matrix exponential of a square a.
void matrix_exp(std::span<const double> a, std::span<double> out);
// The adjoint of the matrix exponential at a: gin += L(a^T, g), the Frechet derivative
// of exp at a^T in the direction g (the upper right block of exp([a^T g; 0 a^T])).
void matrix_exp_backward(std::span<const double> a, std::span<const double> g, std::span<double> gin);
// log det(a) of a square matrix; NaN when the determinant is not positive.
double logdet(std::span<const double> a);
// R's order(x) as 0-based positions: x[p[0]] <= x[p[1]] <= ...; ties keep their order.
std::vector<std::size_t> order(std::span<const double> x);
// JAGS's interp.lin(e, x, y); `segment` (may be null) gets the index k of the segment (e is
// between x[k] and x[k + 1]), or -1 outside [x[0], x[n-1]] where the value is flat.
double interp_lin(double e, std::span<const double> x, std::span<const double> y,
                  std::ptrdiff_t* segment = nullptr);

}  // namespace alea::dist
