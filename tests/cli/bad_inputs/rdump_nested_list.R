list(N = 3,
     y = list(1, 2))
