// JAGS's d-, p- and q-functions (its bugs module's DFunction, PFunction, QFunction):
// dNAME(x, args...) is the density (mass) of the distribution dNAME at x,
// pNAME(q, args...) its distribution function and qNAME(p, args...) its quantile
// function, for every distribution of scalars with a BUGS name (and a distribution
// function in its record for p and q). Built from the records, not listed by hand:
// the arguments are converted to alea's parameters by the record's BugsForm, as for a
// draw, and the op (Op::DistDensity, ...) evaluates from the record. dNAME on the
// right of `~` is the distribution; in an expression it is this function: the parser
// tells them apart by position.
#include <algorithm>

#include "alea/dist/dist_functions.hpp"
#include "alea/dist/record.hpp"
#include "alea/dist/registry.hpp"
#include "bugs_build.hpp"

namespace alea::io::detail {
namespace {

struct Parsed {
  Op op;
  DistKind kind;
};

Op op_of_prefix(char c) {
  return c == 'd' ? Op::DistDensity : c == 'p' ? Op::DistCdf : Op::DistQuantile;
}

bool scalar_kind(DistKind k) {
  const DistInfo& info = dist_info(k);
  return info.value_arity == Arity::Scalar &&
         std::all_of(info.param_arity.begin(), info.param_arity.end(), [](Arity a) { return a == Arity::Scalar; });
}

// The distribution that `name` (dNAME, pNAME or qNAME) is a function of, if any,
// whether or not its record can give that function.
std::optional<Parsed> parse_name(const std::string& name) {
  if (name.size() < 2 || (name[0] != 'd' && name[0] != 'p' && name[0] != 'q')) return std::nullopt;
  auto kind = find_jags("d" + name.substr(1));
  if (!kind || !scalar_kind(*kind)) return std::nullopt;
  return Parsed{op_of_prefix(name[0]), *kind};
}

}  // namespace

bool is_dist_function_name(const std::string& name) { return parse_name(name).has_value(); }

std::optional<Expr> call_dist_function(Model& m, const bugs::Expr& call, const std::vector<Expr>& args) {
  const auto parsed = parse_name(call.name);
  if (!parsed) return std::nullopt;
  const dist::BugsForm& form = dist::record(parsed->kind).bugs;
  const std::string dname(form.name);
  if (!dist::has_dist_function(parsed->op, parsed->kind))
    throw InputError(call.loc, call.name + ": alea has no distribution function for " + dname +
                                   " (p- and q-functions exist for the distributions that can be truncated)");
  const char* first = parsed->op == Op::DistDensity ? "x" : parsed->op == Op::DistCdf ? "q" : "p";
  if (args.size() != form.nargs + 1)
    throw InputError(call.loc, call.name + " takes " + std::to_string(form.nargs + 1) + " arguments (" + first +
                                   " and the " + std::to_string(form.nargs) + " parameters of " + dname + "), got " +
                                   std::to_string(args.size()));
  bugs::Expr params_call = call;
  params_call.args.erase(params_call.args.begin());
  const std::vector<Expr> params(args.begin() + 1, args.end());
  const DistCall d = convert_jags(m, parsed->kind, params_call, params, "");
  std::vector<Arg> in;
  in.emplace_back(Value::integer(static_cast<double>(static_cast<int>(parsed->kind))));
  in.emplace_back(args[0]);
  for (const Arg& a : d.params) in.push_back(a);
  // Constant parameters are checked now, so that the message names the bad value at
  // the call (at run time an invalid parameter gives NaN, as a rejected proposal).
  std::vector<Value> values;
  for (const Arg& a : d.params) {
    if (const Value* v = a.value()) values.push_back(*v);
    else if (auto c = constant_of(m.graph(), a.expr()->id())) values.push_back(*c);
    else break;
  }
  try {
    if (values.size() == d.params.size()) {
      Shape s;
      for (const Value& v : values) s = broadcast(s, v.shape(), call.name);
      dist::check_params(parsed->kind, values, s);
    }
    return apply(parsed->op, std::move(in));
  } catch (const std::domain_error& e) {
    throw InputError(call.loc, call.name + ": " + e.what());
  } catch (const std::invalid_argument& e) {
    throw InputError(call.loc, call.name + ": " + e.what());
  }
}

std::string dist_function_table() {
  std::string out = "| functions | arguments | result | gradient |\n|---|---|---|---|\n";
  for (int k = 0; k < kDistKindCount; ++k) {
    const auto kind = static_cast<DistKind>(k);
    const dist::BugsForm& form = dist::record(kind).bugs;
    if (form.name.empty() || !scalar_kind(kind) || !dist::has_dist_function(Op::DistDensity, kind)) continue;
    const std::string tail(form.name.substr(1));
    const bool cdf = dist::has_dist_function(Op::DistCdf, kind);
    const bool discrete = dist::record(kind).support_spec.integer;
    const std::string gradient =
        !discrete ? "yes" : cdf ? "by the parameters (d, p); zero (q)" : "by the parameters";
    out += "| `d" + tail + "`" + (cdf ? ", `p" + tail + "`, `q" + tail + "`" : std::string()) + " | x" +
           (cdf ? " (q, p)" : "") + ", then the parameters of `" + std::string(form.name) + "` | density" +
           (discrete ? " (mass)" : "") + (cdf ? ", distribution function, quantile" : "") + " | " + gradient + " |\n";
  }
  return out;
}

}  // namespace alea::io::detail
