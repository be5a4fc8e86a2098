m <- c(0, 0)
P <- structure(c(1, 0, 0, 1), .Dim = c(2, 2))
Y <- structure(c(1, 2, NA, 4), .Dim = c(2, 2))
