#include "inversion.hpp"

#include <unuran.h>

#include <array>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>

namespace alea::detail {

// What the setup's callbacks read. Outside the anonymous namespace: it is a member of
// ResidualInversion::Generator, whose linkage is external.
struct InversionTarget {
  infer::LogDensityFunction* f;
  double top;  // log density at the mode
  std::array<double, 1> u{}, grad{};
};

namespace {

// UNU.RAN reports errors through a global handler (stderr by default): the last
// message of this thread is kept for `why` instead.
thread_local std::string last_unuran_error;

void keep_error(const char* objid, const char* /*file*/, int /*line*/, const char* errortype, int errcode,
                const char* reason) {
  last_unuran_error = std::string(objid ? objid : "unuran") + " " + (errortype ? errortype : "") + ": " +
                      unur_get_strerror(errcode) + (reason && *reason ? std::string(" (") + reason + ")" : "");
}

void quiet_unuran() {
  static std::once_flag once;
  std::call_once(once, [] { unur_set_error_handler(&keep_error); });
}

// The callbacks run inside UNU.RAN's C code: no exception may leave them (a point the
// density cannot be evaluated at has density 0).
double log_pdf(double x, const UNUR_DISTR* d) noexcept {
  auto* t = static_cast<InversionTarget*>(const_cast<void*>(unur_distr_get_extobj(d)));
  t->u[0] = x;
  try {
    const double lp = t->f->value(t->u) - t->top;
    return std::isnan(lp) ? -std::numeric_limits<double>::infinity() : lp;
  } catch (const std::exception&) {
    return -std::numeric_limits<double>::infinity();
  }
}

double dlog_pdf(double x, const UNUR_DISTR* d) noexcept {
  auto* t = static_cast<InversionTarget*>(const_cast<void*>(unur_distr_get_extobj(d)));
  t->u[0] = x;
  try {
    t->f->value_and_gradient(t->u, t->grad);
    return t->grad[0];
  } catch (const std::exception&) {
    return 0.0;
  }
}

// The mode of a one-dimensional log density from its gradient: a bracket [a, b] with
// the gradient > 0 at a and < 0 at b, found by doubling steps from a finite start, then
// bisection. nullopt when the gradient keeps its sign (no mode: an improper or
// monotone density on the real line).
std::optional<double> find_mode(infer::LogDensityFunction& f) {
  std::array<double, 1> u{}, g{};
  const auto slope = [&](double x) {
    u[0] = x;
    const double lp = f.value_and_gradient(u, g);
    return std::isfinite(lp) && std::isfinite(g[0]) ? std::optional<double>(g[0]) : std::nullopt;
  };
  double start = 0;
  std::optional<double> s0;
  for (double x : {0.0, 1.0, -1.0, 2.0, -2.0, 5.0, -5.0, 10.0, -10.0})
    if ((s0 = slope(x))) {
      start = x;
      break;
    }
  if (!s0) return std::nullopt;
  if (*s0 == 0) return start;
  const double dir = *s0 > 0 ? 1 : -1;
  double inner = start, outer = start, step = 0.5;
  for (int k = 0;; ++k) {
    if (k == 60) return std::nullopt;
    outer = inner + dir * step;
    const auto s = slope(outer);
    if (!s) {  // past the density's end: come back halfway
      step /= 2;
      if (step < 1e-12) return std::nullopt;
      continue;
    }
    if (*s * dir <= 0) break;
    inner = outer;
    step *= 2;
  }
  double a = std::min(inner, outer), b = std::max(inner, outer);
  for (int k = 0; k < 200 && b - a > 1e-12 * std::max(1.0, std::abs(a)); ++k) {
    const double m = 0.5 * (a + b);
    const auto s = slope(m);
    if (!s) return std::nullopt;
    (*s > 0 ? a : b) = m;
  }
  return 0.5 * (a + b);
}

}  // namespace

struct ResidualInversion::Generator {
  InversionTarget target;  // what the setup's callbacks read (sampling reads PINV's tables only)
  UNUR_GEN* gen = nullptr;
  ~Generator() {
    if (gen) unur_free(gen);
  }
};

ResidualInversion::ResidualInversion(std::unique_ptr<Generator> g, double mode) : gen_(std::move(g)), mode_(mode) {}
ResidualInversion::ResidualInversion(ResidualInversion&&) noexcept = default;
ResidualInversion& ResidualInversion::operator=(ResidualInversion&&) noexcept = default;
ResidualInversion::~ResidualInversion() = default;

std::optional<ResidualInversion> ResidualInversion::build(infer::LogDensityFunction& f, std::string& why) {
  if (f.dimension() != 1) {
    why = "not one coordinate";
    return std::nullopt;
  }
  const auto mode = find_mode(f);
  if (!mode) {
    why = "its density has no mode on the unconstrained scale";
    return std::nullopt;
  }
  quiet_unuran();
  auto g = std::make_unique<Generator>();
  InversionTarget& t = g->target;
  t.f = &f;
  t.u[0] = *mode;
  t.top = f.value(t.u);
  if (!std::isfinite(t.top)) {
    why = "its density is not finite at its mode";
    return std::nullopt;
  }
  UNUR_DISTR* distr = unur_distr_cont_new();
  unur_distr_cont_set_logpdf(distr, &log_pdf);
  unur_distr_cont_set_dlogpdf(distr, &dlog_pdf);
  unur_distr_set_extobj(distr, &t);
  unur_distr_cont_set_center(distr, *mode);
  UNUR_PAR* par = unur_pinv_new(distr);
  unur_pinv_set_u_resolution(par, kUResolution);
  last_unuran_error.clear();
  UNUR_GEN* gen = unur_init(par);  // frees par
  unur_distr_free(distr);         // the generator keeps its own copy
  if (!gen) {
    why = "numerical inversion failed" + (last_unuran_error.empty() ? "" : ": " + last_unuran_error);
    return std::nullopt;
  }
  g->gen = gen;
  t.f = nullptr;
  return ResidualInversion(std::move(g), *mode);
}

double ResidualInversion::quantile(double u) const { return unur_quantile(gen_->gen, u); }

}  // namespace alea::detail
