list(sigma = 2)
