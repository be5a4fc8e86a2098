// Unconstraining transforms and their Jacobians (see transform.hpp for the maths).
#include "alea/infer/transform.hpp"

#include <cmath>
#include <limits>

#include <Eigen/Cholesky>
#include <Eigen/Core>

namespace alea::infer {
namespace {

// The side K of a K x K matrix of n elements.
Eigen::Index side(std::size_t n) {
  return static_cast<Eigen::Index>(std::llround(std::sqrt(static_cast<double>(n))));
}

// The Cholesky factor L from u: its lower triangle column by column, the diagonal as
// exp(u).
Eigen::MatrixXd cholesky_factor(std::span<const double> u, Eigen::Index K) {
  Eigen::MatrixXd L = Eigen::MatrixXd::Zero(K, K);
  std::size_t k = 0;
  for (Eigen::Index j = 0; j < K; ++j)
    for (Eigen::Index i = j; i < K; ++i, ++k) L(i, j) = i == j ? std::exp(u[k]) : u[k];
  return L;
}

double logistic(double u) {
  return u >= 0 ? 1 / (1 + std::exp(-u)) : std::exp(u) / (1 + std::exp(u));
}
double log_logistic(double u) {
  return u >= 0 ? -std::log1p(std::exp(-u)) : u - std::log1p(std::exp(u));
}

// Stick-breaking offsets: z_k = logistic(u_k - log(K - k)) makes u = 0 the uniform simplex.
double offset(std::size_t K, std::size_t k) {
  return std::log(static_cast<double>(K - 1 - k));
}

// An interval whose end is a parameter may have that end infinite (a truncation
// T(0,) has hi = +inf): the element then takes the one-sided transform, or none.
ArrayView one(ArrayView a, std::size_t i) { return {a.n == 1 ? a.data : a.data + i, 1}; }
TransformKind element_kind(double lo, double hi) {
  return transform_for(dist::Support{lo, hi});
}

}  // namespace

bool can_noncentre(DistKind d, TransformKind k) {
  return (d == DistKind::Normal && k == TransformKind::Identity) || (d == DistKind::LogNormal && k == TransformKind::Lower);
}

TransformKind noncentred_transform(DistKind d) {
  return d == DistKind::LogNormal ? TransformKind::LogLocationScale : TransformKind::LocationScale;
}

TransformKind transform_for(const dist::Support& s) {
  const bool lo = std::isfinite(s.lo), hi = std::isfinite(s.hi);
  if (lo && hi) return TransformKind::Interval;
  if (lo) return TransformKind::Lower;
  if (hi) return TransformKind::Upper;
  return TransformKind::Identity;
}

std::size_t unconstrained_size(TransformKind k, std::size_t n) {
  if (k == TransformKind::CholeskySPD) {
    const auto K = static_cast<std::size_t>(side(n));
    return K * (K + 1) / 2;
  }
  return k == TransformKind::Simplex ? n - 1 : n;
}

double constrain(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> u,
                 std::span<double> x) {
  double logj = 0;
  switch (k) {
    case TransformKind::Identity:
      for (std::size_t i = 0; i < u.size(); ++i) x[i] = u[i];
      return 0;
    case TransformKind::Lower:
      for (std::size_t i = 0; i < u.size(); ++i) x[i] = lo[i] + std::exp(u[i]), logj += u[i];
      return logj;
    case TransformKind::Upper:
      for (std::size_t i = 0; i < u.size(); ++i) x[i] = hi[i] - std::exp(u[i]), logj += u[i];
      return logj;
    case TransformKind::Interval:
      for (std::size_t i = 0; i < u.size(); ++i) {
        if (TransformKind e = element_kind(lo[i], hi[i]); e != TransformKind::Interval) {
          logj += constrain(e, one(lo, i), one(hi, i), u.subspan(i, 1), x.subspan(i, 1));
          continue;
        }
        const double w = hi[i] - lo[i], s = logistic(u[i]);
        x[i] = lo[i] + w * s;
        logj += std::log(w) + log_logistic(u[i]) + log_logistic(-u[i]);
      }
      return logj;
    case TransformKind::LocationScale:
      for (std::size_t i = 0; i < u.size(); ++i) x[i] = lo[i] + hi[i] * u[i], logj += std::log(hi[i]);
      return logj;
    case TransformKind::LogLocationScale:
      for (std::size_t i = 0; i < u.size(); ++i) {
        const double e = lo[i] + hi[i] * u[i];
        x[i] = std::exp(e), logj += std::log(hi[i]) + e;
      }
      return logj;
    case TransformKind::Simplex: {
      const std::size_t K = x.size();
      double r = 1;  // the stick left
      for (std::size_t j = 0; j + 1 < K; ++j) {
        const double v = u[j] - offset(K, j), z = logistic(v);
        x[j] = r * z;
        logj += log_logistic(v) + log_logistic(-v) + std::log(r);
        r -= x[j];
      }
      x[K - 1] = r;
      return logj;
    }
    case TransformKind::CholeskySPD: {
      const Eigen::Index K = side(x.size());
      const Eigen::MatrixXd L = cholesky_factor(u, K);
      Eigen::Map<Eigen::MatrixXd>(x.data(), K, K).noalias() = L * L.transpose();
      logj = static_cast<double>(K) * std::log(2.0);
      for (Eigen::Index i = 0; i < K; ++i) logj += static_cast<double>(K - i + 1) * std::log(L(i, i));
      return logj;
    }
  }
  return logj;
}

void constrain_backward(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> u,
                        std::span<const double> x, std::span<const double> gx, std::span<double> gu,
                        double* glo, double* ghi) {
  switch (k) {
    case TransformKind::Identity:
      for (std::size_t i = 0; i < u.size(); ++i) gu[i] += gx[i];
      return;
    case TransformKind::Lower:
      for (std::size_t i = 0; i < u.size(); ++i) {
        gu[i] += gx[i] * (x[i] - lo[i]) + 1;
        if (glo) glo[lo.n == 1 ? 0 : i] += gx[i];
      }
      return;
    case TransformKind::Upper:
      for (std::size_t i = 0; i < u.size(); ++i) {
        gu[i] += -gx[i] * (hi[i] - x[i]) + 1;
        if (ghi) ghi[hi.n == 1 ? 0 : i] += gx[i];
      }
      return;
    case TransformKind::Interval:
      for (std::size_t i = 0; i < u.size(); ++i) {
        if (TransformKind e = element_kind(lo[i], hi[i]); e != TransformKind::Interval) {
          double* gl = glo ? glo + (lo.n == 1 ? 0 : i) : nullptr;
          double* gh = ghi ? ghi + (hi.n == 1 ? 0 : i) : nullptr;
          constrain_backward(e, one(lo, i), one(hi, i), u.subspan(i, 1), x.subspan(i, 1), gx.subspan(i, 1),
                             gu.subspan(i, 1), gl, gh);
          continue;
        }
        const double w = hi[i] - lo[i], s = logistic(u[i]);
        gu[i] += gx[i] * w * s * (1 - s) + 1 - 2 * s;
        // x = lo (1 - s) + hi s; log J has log(hi - lo).
        if (glo) glo[lo.n == 1 ? 0 : i] += gx[i] * (1 - s) - 1 / w;
        if (ghi) ghi[hi.n == 1 ? 0 : i] += gx[i] * s + 1 / w;
      }
      return;
    case TransformKind::LocationScale:
      for (std::size_t i = 0; i < u.size(); ++i) {
        gu[i] += gx[i] * hi[i];
        if (glo) glo[lo.n == 1 ? 0 : i] += gx[i];
        if (ghi) ghi[hi.n == 1 ? 0 : i] += gx[i] * u[i] + 1 / hi[i];
      }
      return;
    case TransformKind::LogLocationScale:
      // x = exp(e), e = m + s u; log J = log s + e.
      for (std::size_t i = 0; i < u.size(); ++i) {
        const double ge = gx[i] * x[i] + 1;  // d(L + log J)/de
        gu[i] += ge * hi[i];
        if (glo) glo[lo.n == 1 ? 0 : i] += ge;
        if (ghi) ghi[hi.n == 1 ? 0 : i] += ge * u[i] + 1 / hi[i];
      }
      return;
    case TransformKind::Simplex: {
      const std::size_t K = x.size();
      // Stick left before element j: r_0 = 1, r_{j+1} = r_j (1 - z_j); x_{K-1} = r_{K-1}.
      double r_next_adj = gx[K - 1];
      double r = x[K - 1];  // r_{K-1}
      for (std::size_t jj = K - 1; jj-- > 0;) {
        const double v = u[jj] - offset(K, jj), z = logistic(v);
        const double r_j = r / (1 - z);  // r_{j+1} = r_j (1 - z_j)
        const double gz = gx[jj] * r_j - r_next_adj * r_j;
        gu[jj] += gz * z * (1 - z) + 1 - 2 * z;
        r_next_adj = gx[jj] * z + r_next_adj * (1 - z) + 1 / r_j;
        r = r_j;
      }
      return;
    }
    case TransformKind::CholeskySPD: {
      // x = L L' as a function of every element of x: dL = (G + G') L on the lower triangle.
      const Eigen::Index K = side(x.size());
      const Eigen::MatrixXd L = cholesky_factor(u, K);
      const Eigen::Map<const Eigen::MatrixXd> G(gx.data(), K, K);
      const Eigen::MatrixXd dL = (G + G.transpose()) * L;
      std::size_t at = 0;
      for (Eigen::Index j = 0; j < K; ++j)
        for (Eigen::Index i = j; i < K; ++i, ++at)
          gu[at] += i == j ? dL(i, i) * L(i, i) + static_cast<double>(K - i + 1) : dL(i, j);
      return;
    }
  }
}

void unconstrain(TransformKind k, ArrayView lo, ArrayView hi, std::span<const double> x,
                 std::span<double> u) {
  switch (k) {
    case TransformKind::Identity:
      for (std::size_t i = 0; i < x.size(); ++i) u[i] = x[i];
      return;
    case TransformKind::Lower:
      for (std::size_t i = 0; i < x.size(); ++i) u[i] = std::log(x[i] - lo[i]);
      return;
    case TransformKind::Upper:
      for (std::size_t i = 0; i < x.size(); ++i) u[i] = std::log(hi[i] - x[i]);
      return;
    case TransformKind::Interval:
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (TransformKind e = element_kind(lo[i], hi[i]); e != TransformKind::Interval) {
          unconstrain(e, one(lo, i), one(hi, i), x.subspan(i, 1), u.subspan(i, 1));
          continue;
        }
        const double s = (x[i] - lo[i]) / (hi[i] - lo[i]);
        u[i] = std::log(s) - std::log1p(-s);
      }
      return;
    case TransformKind::LocationScale:
      for (std::size_t i = 0; i < x.size(); ++i) u[i] = (x[i] - lo[i]) / hi[i];
      return;
    case TransformKind::LogLocationScale:
      for (std::size_t i = 0; i < x.size(); ++i) u[i] = (std::log(x[i]) - lo[i]) / hi[i];
      return;
    case TransformKind::Simplex: {
      const std::size_t K = x.size();
      double r = 1;
      for (std::size_t j = 0; j + 1 < K; ++j) {
        const double z = x[j] / r;
        u[j] = std::log(z) - std::log1p(-z) + offset(K, j);
        r -= x[j];
      }
      return;
    }
    case TransformKind::CholeskySPD: {
      // NaN unless x is a symmetric positive definite matrix.
      const Eigen::Index K = side(x.size());
      const Eigen::Map<const Eigen::MatrixXd> X(x.data(), K, K);
      const Eigen::LLT<Eigen::MatrixXd> llt(X);
      const bool symmetric = X.allFinite() && X.isApprox(X.transpose(), 1e-10);
      const bool ok = symmetric && llt.info() == Eigen::Success;
      const Eigen::MatrixXd L = llt.matrixL();
      std::size_t at = 0;
      for (Eigen::Index j = 0; j < K; ++j)
        for (Eigen::Index i = j; i < K; ++i, ++at)
          u[at] = !ok ? std::numeric_limits<double>::quiet_NaN() : i == j ? std::log(L(i, i)) : L(i, j);
      return;
    }
  }
}

// x = (1 - l) m + l c + t u with k = s^2 I, l = k / (1 + k), t = s / sqrt(1 + k):
// the normal case's conditional mean and sd of x given m and s, u standard normal.
namespace {
struct Conditional {
  double lambda, t, k;
};
Conditional conditional(double s, double info) {
  if (info == 0) return {0.0, s, 0.0};  // exactly the non-centred form
  const double k = s * s * info;
  // k = inf (s beyond 1e154 / sqrt(I), or infinite): the limits l = 1, t = 1 / sqrt(I).
  if (std::isinf(k)) return {1.0, 1 / std::sqrt(info), k};
  return {k / (1 + k), s / std::sqrt(1 + k), k};
}
}  // namespace

double constrain_partial(ArrayView m, ArrayView s, PartialForm f, std::span<const double> u, std::span<double> x) {
  double logj = 0;
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double mi = m[i], si = s[i];
    const Conditional c = conditional(si, f.info[i]);
    x[i] = mi + c.lambda * (f.centre[i] - mi) + c.t * u[i];
    logj += std::log(c.t);
  }
  return logj;
}

// dx/du = t, dx/dm = 1 - l = 1 / (1 + k), dx/ds = (c - m) dl/ds + u dt/ds with
// dl/ds = 2 s I / (1 + k)^2 and dt/ds = (1 + k)^(-3/2); d log J / ds = 1 / (s (1 + k)).
void constrain_partial_backward(ArrayView m, ArrayView s, PartialForm f, std::span<const double> u,
                                std::span<const double> /*x*/, std::span<const double> gx, std::span<double> gu, double* gm,
                                double* gs) {
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double mi = m[i], si = s[i];
    const Conditional c = conditional(si, f.info[i]);
    const double q = 1 / (1 + c.k);
    gu[i] += gx[i] * c.t;
    if (gm) gm[m.n == 1 ? 0 : i] += gx[i] * q;
    if (gs) {
      const double dl = 2 * si * f.info[i] * q * q, dt = q * std::sqrt(q);
      gs[s.n == 1 ? 0 : i] += gx[i] * ((f.centre[i] - mi) * dl + u[i] * dt) + q / si;
    }
  }
}

void unconstrain_partial(ArrayView m, ArrayView s, PartialForm f, std::span<const double> x, std::span<double> u) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Conditional c = conditional(s[i], f.info[i]);
    u[i] = (x[i] - m[i] - c.lambda * (f.centre[i] - m[i])) / c.t;
  }
}

}  // namespace alea::infer
