lambda <- 3
