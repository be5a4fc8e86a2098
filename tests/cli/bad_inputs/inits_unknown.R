list(mu = 0,
     nu = 1)
