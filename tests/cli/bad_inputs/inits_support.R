list(mu = 1, tau = -0.5)
