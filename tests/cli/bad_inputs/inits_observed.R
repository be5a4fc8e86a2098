y <- c(1, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA)
