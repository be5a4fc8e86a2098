R23 <- structure(c(1, 0, 0, 1, 0, 0), .Dim = c(2, 3))
Rind <- structure(c(1, 2, 2, 1), .Dim = c(2, 2))
R <- structure(c(1, 0, 0, 1), .Dim = c(2, 2))
y <- c(0.5, -0.2)
