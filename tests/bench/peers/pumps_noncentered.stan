// Pumps with the rate scale taken out: theta = raw / beta, raw ~ gamma(alpha, 1),
// the same model as pumps.bug (beta is a rate, so a scale family in 1 / beta).
data {
  int<lower=0> N;
  vector<lower=0>[N] t;
  int<lower=0> x[N];
}
parameters {
  real<lower=0> alpha;
  real<lower=0> beta;
  vector<lower=0>[N] raw;
}
transformed parameters {
  vector[N] theta = raw / beta;
}
model {
  alpha ~ exponential(1);
  beta ~ gamma(0.1, 1);
  raw ~ gamma(alpha, 1);
  x ~ poisson(theta .* t);
}
