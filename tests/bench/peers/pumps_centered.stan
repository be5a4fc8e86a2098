// Pumps, as pumps.bug: theta ~ gamma(alpha, beta) (rate beta).
data {
  int<lower=0> N;
  vector<lower=0>[N] t;
  int<lower=0> x[N];
}
parameters {
  real<lower=0> alpha;
  real<lower=0> beta;
  vector<lower=0>[N] theta;
}
model {
  alpha ~ exponential(1);
  beta ~ gamma(0.1, 1);
  theta ~ gamma(alpha, beta);
  x ~ poisson(theta .* t);
}
