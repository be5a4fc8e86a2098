x <- structure(1:4, .Dim = c(2L, 2L), units = "cm")
