list(mu = 0, tau = 1)
