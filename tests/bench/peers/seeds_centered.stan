// Seeds, centered: as seeds.bug, b ~ normal(0, sigma) with sigma = 1 / sqrt(tau).
data {
  int<lower=0> N;
  int<lower=0> r[N];
  int<lower=0> n[N];
  vector[N] x1;
  vector[N] x2;
}
parameters {
  real alpha0;
  real alpha1;
  real alpha2;
  real alpha12;
  real<lower=0> tau;
  vector[N] b;
}
transformed parameters {
  real<lower=0> sigma = inv_sqrt(tau);
}
model {
  alpha0 ~ normal(0, 1000);
  alpha1 ~ normal(0, 1000);
  alpha2 ~ normal(0, 1000);
  alpha12 ~ normal(0, 1000);
  tau ~ gamma(0.001, 0.001);
  b ~ normal(0, sigma);
  r ~ binomial_logit(n, alpha0 + alpha1 * x1 + alpha2 * x2 + alpha12 * x1 .* x2 + b);
}
