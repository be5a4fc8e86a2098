x <- structure(1:4,
  .Dim = as.integer(c(2, 2))
