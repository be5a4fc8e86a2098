list(mu = 20, tau = 0.01)
