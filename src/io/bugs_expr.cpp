// BUGS functions and operators as graph ops, and the shared helpers of the builder.
#include <Eigen/Dense>
#include <map>

#include "bugs_build.hpp"

namespace alea::io::detail {
namespace {

const std::map<std::string, Op>& unary_functions() {
  static const std::map<std::string, Op> t = {
      {"exp", Op::Exp},     {"log", Op::Log},         {"log1p", Op::Log1p}, {"expm1", Op::Expm1},
      {"sqrt", Op::Sqrt},   {"abs", Op::Abs},         {"logit", Op::Logit}, {"ilogit", Op::Logistic},
      {"logistic", Op::Logistic}, {"step", Op::Step}, {"square", Op::Square}, {"sum", Op::Sum},
      {"mean", Op::Mean}, {"neg", Op::Neg}, {"phi", Op::Phi}, {"probit", Op::Probit},
      {"cloglog", Op::CLogLog}, {"icloglog", Op::ICLogLog}, {"loggam", Op::LogGamma}, {"logfact", Op::LogFact},
      {"sin", Op::Sin}, {"cos", Op::Cos}, {"round", Op::Round}, {"trunc", Op::Trunc}};
  return t;
}
const std::map<std::string, Op>& binary_functions() {
  static const std::map<std::string, Op> t = {{"pow", Op::Pow},       {"min", Op::Min}, {"max", Op::Max},
                                              {"equals", Op::Equals}, {"inprod", Op::Dot}, {"dot", Op::Dot}};
  return t;
}
// JAGS functions that alea cannot express yet: a clearer message than "unknown".
const std::vector<std::string> kUnsupported = {"sd", "prod", "logdet", "t", "sort", "rank", "order", "tan",
                                               "interp.lin", "ifelse", "inprod2", "mexp"};

}  // namespace

bool is_elementwise_function(const std::string& name) {
  auto u = unary_functions().find(name);
  if (u != unary_functions().end()) return u->second != Op::Sum && u->second != Op::Mean;
  auto b = binary_functions().find(name);
  return (b != binary_functions().end() && b->second != Op::Dot) || name == "inverse";
}

Expr call_function(Model& m, const bugs::Expr& call, const std::vector<Expr>& args) {
  auto arity = [&](std::size_t n) {
    if (args.size() != n)
      throw InputError(call.loc, call.name + " takes " + std::to_string(n) + (n == 1 ? " argument" : " arguments") +
                                     ", got " + std::to_string(args.size()));
  };
  try {
    if (auto u = unary_functions().find(call.name); u != unary_functions().end()) {
      arity(1);
      return apply(u->second, {args[0]});
    }
    if (auto b = binary_functions().find(call.name); b != binary_functions().end()) {
      arity(2);
      return apply(b->second, {args[0], args[1]});
    }
    if (call.name == "inverse") {
      arity(1);
      const Expr& x = args[0];
      if (x.shape().rank() < 2) return apply(Op::Div, {1.0, x});
      auto v = constant_of(m.graph(), x.id());
      const auto& d = x.shape().dims;
      if (!v || d[0] != d[1])
        throw InputError(call.loc, "inverse of a matrix needs a constant square matrix (got " +
                                       std::string(v ? "" : "a random ") + to_string(x.shape()) + ")");
      const Eigen::Index n = static_cast<Eigen::Index>(d[0]);
      Eigen::Map<const Eigen::MatrixXd> a(v->data().data(), n, n);
      Eigen::FullPivLU<Eigen::MatrixXd> lu(a);
      if (!lu.isInvertible()) throw InputError(call.loc, "inverse: the matrix is singular");
      Eigen::MatrixXd inv = lu.inverse();
      return m.constant(Value(x.shape(), std::vector<double>(inv.data(), inv.data() + inv.size()), ScalarType::Real));
    }
  } catch (const std::invalid_argument& e) {
    throw InputError(call.loc, e.what());
  }
  for (const std::string& u : kUnsupported)
    if (u == call.name) throw InputError(call.loc, "function '" + call.name + "' is not supported yet");
  std::vector<std::string> known;
  for (const auto& [k, v] : unary_functions()) known.push_back(k);
  for (const auto& [k, v] : binary_functions()) known.push_back(k);
  known.emplace_back("inverse");
  const std::string near = suggest(call.name, known);
  throw InputError(call.loc, "unknown function '" + call.name + "'" +
                                 (near.empty() ? "" : "; did you mean '" + near + "'?"));
}

Expr binary(const bugs::Expr& e, const Expr& a, const Expr& b) {
  try {
    switch (e.op) {
      case bugs::BinaryOp::Add: return a + b;
      case bugs::BinaryOp::Sub: return a - b;
      case bugs::BinaryOp::Mul: return a * b;
      case bugs::BinaryOp::Div: return a / b;
      case bugs::BinaryOp::Pow: {
        // x^2 is Square: the rewriter knows more about it than about a general power.
        const bugs::Expr& r = e.args[1];
        if (r.kind == bugs::Expr::Kind::Number && r.number == 2) return square(a);
        return apply(Op::Pow, {a, b});
      }
    }
  } catch (const std::invalid_argument& ex) {
    throw InputError(e.loc, ex.what());
  }
  return a;
}

}  // namespace alea::io::detail
