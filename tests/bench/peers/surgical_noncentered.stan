// Surgical, non-centered: b = mu + sigma * z with z ~ normal(0, 1).
data {
  int<lower=0> N;
  int<lower=0> n[N];
  int<lower=0> r[N];
}
parameters {
  real mu;
  real<lower=0> tau;
  vector[N] z;
}
transformed parameters {
  real<lower=0> sigma = inv_sqrt(tau);
  real pop_mean = inv_logit(mu);
  vector[N] b = mu + sigma * z;
}
model {
  mu ~ normal(0, 1000);
  tau ~ gamma(0.001, 0.001);
  z ~ normal(0, 1);
  r ~ binomial_logit(n, b);
}
