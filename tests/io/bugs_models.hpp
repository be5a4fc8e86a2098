// Real BUGS models used by the parser and robustness tests.
#pragma once

namespace alea::test {

inline constexpr const char* kEightSchools = R"(# Rubin's eight schools, non-centred
model {
  for (j in 1:J) {
    eta[j] ~ dnorm(0, 1)
    theta[j] <- mu + tau * eta[j]
    y[j] ~ dnorm(theta[j], pow(sigma[j], -2))
  }
  mu ~ dnorm(0, 1.0E-4)
  tau ~ dt(0, 0.04, 1) T(0,)
}
)";

inline constexpr const char* kRegression = R"(/* linear regression
   with a data block */
data {
  for (i in 1:N) { xc[i] <- x[i] - mean(x[]) }
}
model {
  for (i in 1:N) {
    mu[i] <- alpha + beta * xc[i];  y[i] ~ dnorm(mu[i], tau.y)
  }
  alpha ~ dnorm(0, .001); beta ~ dnorm(0, 1e-3)
  sigma_y ~ dunif(0, 100)
  tau.y <- 1 / sigma_y^2
}
)";

inline constexpr const char* kLogistic = R"(var p[N], x[N, K];
model {
  for (i in 1:N) {
    logit(p[i]) <- b0 + inprod(b[], x[i, ])
    r[i] ~ dbin(p[i], n[i])
  }
  for (k in 1:K) { b[k] ~ dnorm(0, 0.01) I(-10, 10) }
  b0 ~ dnorm(0, 0.01)
  for (i in 1:R)
    for (j in 1:C)
      M[i, j] <- x[i, j] * w[j] + -2^2
  z[1:N] ~ dmnorm(m[1:N], Omega[ , ])
  log(lambda) <- c0
}
)";

}  // namespace alea::test
