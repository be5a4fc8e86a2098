list(N = 3)
