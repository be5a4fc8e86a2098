N <- as.integer(c(3, 1e10))
