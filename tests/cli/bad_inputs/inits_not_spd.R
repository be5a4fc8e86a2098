Omega <- structure(c(1, 2, 2, 1), .Dim = c(2, 2))
