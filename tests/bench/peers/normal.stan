// Normal observations, independent priors on mean and precision: as normal.bug.
data {
  int<lower=0> N;
  vector[N] y;
}
parameters {
  real mu;
  real<lower=0> tau;
}
model {
  mu ~ normal(0, 100);
  tau ~ gamma(0.01, 0.01);
  y ~ normal(mu, inv_sqrt(tau));
}
