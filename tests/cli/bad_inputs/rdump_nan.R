y <- c(1, NaN, 3)
