# Helper of run.sh (see README.md). Two commands:
#   Rscript peers.R stan PROGRAM.stan DATA.R CACHE_DIR OUT_PREFIX WARMUP DRAWS SEED
#     compiles PROGRAM (cached in CACHE_DIR) and samples one chain; writes OUT_PREFIX.csv
#     (the parameters and n_leapfrog__, divergent__ of the draws after warmup) and
#     OUT_PREFIX.time (compile_s, cached, warmup_s, sampling_s).
#   Rscript peers.R report MODEL SEED KEYS ALEA_CSV ALEA_SECONDS JAGS_PREFIX JAGS_SECONDS HAND_CSV HAND_SECONDS STAN_PREFIX...
#     prints the table of one model's run at one seed (an argument "-" stands for a peer
#     that did not run) and adds its lines to $ALEA_PEERS_RUNS.
#   Rscript peers.R medians RUNS_FILE
#     prints the summary over seeds (medians) of the runs in RUNS_FILE.

args <- commandArgs(trailingOnly = TRUE)

read_rdump <- function(file) {
  env <- new.env()
  sys.source(file, envir = env)
  as.list(env)
}

run_stan <- function(program, data_file, cache_dir, out, warmup, draws, seed) {
  suppressPackageStartupMessages(library(rstan))
  # Debian's rstan finds Boost and Eigen in /usr/include, not in the BH package.
  rstan_options(boost_lib = "/usr/include")
  rstan_options(auto_write = TRUE)
  dir.create(cache_dir, showWarnings = FALSE, recursive = TRUE)
  # auto_write caches the compiled model next to the program, so the program is
  # copied into the cache (only when it changed, so its time stamp stays older).
  copy <- file.path(cache_dir, basename(program))
  if (!file.exists(copy) || !identical(readLines(copy), readLines(program)))
    file.copy(program, copy, overwrite = TRUE)
  # The time of the compilation that made the cached model, kept beside it.
  compile_file <- sub("\\.stan$", ".compile_seconds", copy)
  cached <- file.exists(sub("\\.stan$", ".rds", copy)) && file.exists(compile_file)
  t0 <- proc.time()[["elapsed"]]
  model <- stan_model(file = copy)
  compile <- proc.time()[["elapsed"]] - t0
  if (cached) compile <- scan(compile_file, quiet = TRUE)
  else writeLines(sprintf("%.3f", compile), compile_file)
  fit <- sampling(model, data = read_rdump(data_file), chains = 1, warmup = warmup,
                  iter = warmup + draws, seed = seed, refresh = 0)
  elapsed <- get_elapsed_time(fit)
  draws_matrix <- as.matrix(fit)
  sampler <- get_sampler_params(fit, inc_warmup = FALSE)[[1]]
  table <- cbind(draws_matrix, n_leapfrog__ = sampler[, "n_leapfrog__"],
                 divergent__ = sampler[, "divergent__"])
  write.csv(table, paste0(out, ".csv"), row.names = FALSE)
  writeLines(sprintf("%.3f %d %.3f %.3f", compile, as.integer(cached),
                     elapsed[1, "warmup"], elapsed[1, "sample"]), paste0(out, ".time"))
}

# Draws as a data frame with names as Stan's and JAGS's (theta[1]); alea and CmdStan
# write theta.1.
read_alea <- function(file) {
  d <- read.csv(file, comment.char = "#", check.names = FALSE)
  indexed <- grepl("^.+\\.[0-9]+(\\.[0-9]+)*$", names(d))
  base <- sub("^(.+?)\\.[0-9]+(\\.[0-9]+)*$", "\\1", names(d)[indexed], perl = TRUE)
  index <- gsub("\\.", ",", substring(names(d)[indexed], nchar(base) + 2))
  names(d)[indexed] <- paste0(base, "[", index, "]")
  d
}

read_jags <- function(prefix) {
  index <- read.table(paste0(prefix, "index.txt"), col.names = c("name", "from", "to"),
                      stringsAsFactors = FALSE)
  chain <- read.table(paste0(prefix, "chain1.txt"))[[2]]
  out <- list()
  for (k in seq_len(nrow(index))) out[[index$name[k]]] <- chain[index$from[k]:index$to[k]]
  as.data.frame(out, check.names = FALSE)
}

# NULL, with a message, when a key parameter is missing from the draws.
summarize_peer <- function(...) {
  tryCatch(summarize_draws(...), error = function(e) {
    message(conditionMessage(e))
    NULL
  })
}

summarize_draws <- function(label, draws, keys, seconds, compile = NA, cached = FALSE) {
  stats <- lapply(keys, function(k) {
    x <- draws[[k]]
    if (is.null(x)) stop(sprintf("%s: no column %s in its draws; %s left out", label, k, label))
    c(ess = posterior::ess_bulk(x), mean = mean(x), sd = sd(x),
      mcse = posterior::mcse_mean(x))
  })
  stats <- do.call(rbind, stats)
  rownames(stats) <- keys
  leapfrog <- if (!is.null(draws$n_leapfrog__)) sum(draws$n_leapfrog__) else NA
  divergent <- if (!is.null(draws$divergent__)) sum(draws$divergent__) else NA
  list(label = label, stats = stats, seconds = seconds, compile = compile, cached = cached,
       leapfrog = leapfrog, divergent = divergent, draws = nrow(draws),
       slowest = keys[which.min(stats[, "ess"])])
}

fmt <- function(x, digits = 3) {
  if (is.na(x)) return("-")
  if (abs(x) >= 1e6 || (abs(x) < 1e-3 && x != 0)) return(formatC(x, digits = digits, format = "g"))
  if (abs(x) >= 10^(digits - 1)) return(sprintf("%.0f", x))
  formatC(signif(x, digits), digits = digits, format = "fg")
}

ratio <- function(a, b) if (is.null(a) || is.null(b)) "-" else sprintf("%.2fx", a / b)

# Means within 4 combined MCSE, sds within 10%.
agree <- function(a, b, k) {
  sa <- a$stats[k, ]
  sb <- b$stats[k, ]
  bad <- character(0)
  z <- abs(sa[["mean"]] - sb[["mean"]]) / sqrt(sa[["mcse"]]^2 + sb[["mcse"]]^2)
  if (z > 4) bad <- c(bad, sprintf("mean %.1f MCSE apart", z))
  rel <- abs(sa[["sd"]] - sb[["sd"]]) / sb[["sd"]]
  if (rel > 0.10) bad <- c(bad, sprintf("sd %.0f%% apart", 100 * rel))
  if (length(bad) == 0) "ok" else paste(bad, collapse = ", ")
}

report <- function(model, seed, keys, alea_csv, alea_seconds, jags_prefix, jags_seconds, hand_csv, hand_seconds,
                   stan_prefixes) {
  keys <- strsplit(keys, ",")[[1]]
  peers <- list()
  alea <- NULL
  if (alea_csv != "-") {
    alea <- summarize_peer("alea", read_alea(alea_csv), keys, as.numeric(alea_seconds))
    if (!is.null(alea)) peers <- c(peers, list(alea))
  }
  stans <- list()
  for (p in stan_prefixes) {
    if (p == "-") next
    t <- scan(paste0(p, ".time"), quiet = TRUE)
    draws <- read.csv(paste0(p, ".csv"), check.names = FALSE)
    label <- sub(" plain$", "", sub("^stan-", "stan ", basename(p)))
    s <- summarize_peer(label, draws, keys, t[3] + t[4], compile = t[1], cached = t[2] == 1)
    if (!is.null(s)) stans <- c(stans, list(s))
  }
  stan <- NULL
  if (length(stans) > 0) {
    speed <- sapply(stans, function(s) min(s$stats[, "ess"]) / s$seconds)
    stan <- stans[[which.max(speed)]]
    peers <- c(peers, stans)
  }
  jags <- NULL
  if (jags_prefix != "-") {
    jags <- summarize_peer("jags", read_jags(jags_prefix), keys, as.numeric(jags_seconds))
    if (!is.null(jags)) peers <- c(peers, list(jags))
  }
  # The hand-written program (hand_normal.cpp): a baseline, not a peer of the ratios above.
  hand <- NULL
  if (hand_csv != "-") {
    hand <- summarize_peer("hand-written", read_alea(hand_csv), keys, as.numeric(hand_seconds))
    if (!is.null(hand)) peers <- c(peers, list(hand))
  }

  cat(sprintf("\n== %s, seed %s (key parameters: %s)\n", model, seed, paste(keys, collapse = ", ")))
  cat(sprintf("%-18s %7s %9s %8s %10s %9s %10s %12s %9s\n", "peer", "draws", "seconds",
              "compile", "slowest", "ESS_bulk", "ESS/s", "ESS/gradient", "divergent"))
  for (p in peers) {
    ess <- min(p$stats[, "ess"])
    # alea writes the sampler columns with n_leapfrog__ = 0 when it draws exactly.
    per_grad <- if (!is.na(p$leapfrog) && p$leapfrog > 0) fmt(ess / p$leapfrog)
                else if (p$label == "alea") "exact" else "-"
    compile <- if (is.na(p$compile)) "-"
               else sprintf(if (p$cached) "%.0f*" else "%.0f", p$compile)
    cat(sprintf("%-18s %7d %9.2f %8s %10s %9.0f %10s %12s %9s\n", p$label, p$draws, p$seconds,
                compile, p$slowest, ess, fmt(ess / p$seconds), per_grad,
                if (is.na(p$divergent)) "-" else sprintf("%d", as.integer(p$divergent))))
  }
  speed <- function(p) if (is.null(p)) NULL else min(p$stats[, "ess"]) / p$seconds
  cat(sprintf("slowest key parameter, ESS_bulk/s: alea/%s %s, alea/jags %s\n",
              if (is.null(stan)) "stan" else stan$label, ratio(speed(alea), speed(stan)),
              ratio(speed(alea), speed(jags))))
  if (!is.null(hand))
    cat(sprintf("hand-written program, ESS_bulk/s: alea/hand-written %s, hand-written/jags %s\n",
                ratio(speed(alea), speed(hand)), ratio(speed(hand), speed(jags))))
  # One line per peer and run for the summary over seeds run.sh prints at the end
  # (medians): model, seed, peer, the slowest key parameter's ESS_bulk, seconds, leapfrog
  # steps, divergent transitions.
  runs_file <- Sys.getenv("ALEA_PEERS_RUNS")
  if (runs_file != "") {
    for (p in peers)
      cat(sprintf("%s\t%s\t%s\t%.6g\t%.6g\t%s\t%s\n", model, seed, p$label, min(p$stats[, "ess"]), p$seconds,
                  if (is.na(p$leapfrog)) "NA" else format(p$leapfrog),
                  if (is.na(p$divergent)) "NA" else format(p$divergent)),
          file = runs_file, append = TRUE)
  }
  cat(sprintf("%-10s %10s %10s %10s %10s %10s   %s\n", "parameter", "alea ESS/s", "stan ESS/s",
              "jags ESS/s", "alea/stan", "alea/jags", "posteriors (alea vs stan; alea vs jags)"))
  for (k in keys) {
    rate <- function(p) if (is.null(p)) NULL else p$stats[k, "ess"] / p$seconds
    shown <- function(p) if (is.null(p)) "-" else fmt(rate(p))
    cmp <- c(if (!is.null(alea) && !is.null(stan)) agree(alea, stan, k) else "-",
             if (!is.null(alea) && !is.null(jags)) agree(alea, jags, k) else "-")
    cat(sprintf("%-10s %10s %10s %10s %10s %10s   %s\n", k, shown(alea), shown(stan), shown(jags),
                ratio(rate(alea), rate(stan)), ratio(rate(alea), rate(jags)),
                paste(cmp, collapse = "; ")))
  }
  if (!is.null(hand) && !is.null(jags))  # a baseline that samples the wrong posterior would be no baseline
    cat(sprintf("hand-written program vs jags: %s\n",
                paste(sapply(keys, function(k) paste0(k, " ", agree(hand, jags, k))), collapse = "; ")))
  cat(sprintf("%-10s %s\n", "mean (sd)", ""))
  for (k in keys) {
    cell <- function(p) if (is.null(p)) "-"
                        else sprintf("%s (%s)", fmt(p$stats[k, "mean"], 4), fmt(p$stats[k, "sd"], 3))
    cat(sprintf("  %-8s alea %-22s stan %-22s jags %s\n", k, cell(alea), cell(stan), cell(jags)))
  }
}

# The summary over seeds: per model and peer, the median over runs of ESS_bulk/s and of
# ESS per gradient of the slowest key parameter, and the divergent transitions of every
# run; ratios of alea's median to the better Stan program's (by its median) and JAGS's.
medians <- function(runs_file) {
  r <- read.table(runs_file, sep = "\t", col.names = c("model", "seed", "peer", "ess", "seconds", "leapfrog", "divergent"),
                  stringsAsFactors = FALSE)
  r$speed <- r$ess / r$seconds
  cat(sprintf("%-14s %5s %10s %-17s %10s %10s %12s %12s %s\n", "model", "seeds", "alea/stan", "(stan program)",
              "alea/jags", "alea ESS/s", "alea ESS/grad", "stan ESS/grad", "divergent (alea; stan)"))
  for (m in unique(r$model)) {
    d <- r[r$model == m, ]
    med <- function(peer, col) { x <- d[d$peer == peer, col]; if (length(x) == 0) NA else median(x) }
    stans <- unique(d$peer[grepl("^stan", d$peer)])
    best <- if (length(stans) == 0) NA else stans[which.max(sapply(stans, function(p) med(p, "speed")))]
    per_grad <- function(peer) {
      x <- d[d$peer == peer, ]
      if (nrow(x) == 0 || all(is.na(x$leapfrog)) || all(x$leapfrog == 0, na.rm = TRUE)) return(if (peer == "alea") "exact" else "-")
      fmt(median(x$ess / x$leapfrog))
    }
    divs <- function(peer) { x <- d$divergent[d$peer == peer]; if (length(x) == 0) "-" else paste(x, collapse = ",") }
    rat <- function(a, b) if (is.na(a) || is.na(b)) "-" else sprintf("%.2fx", a / b)
    if (any(d$peer == "hand-written"))
      cat(sprintf("%-14s hand-written program: alea/hand-written %s, hand-written/jags %s (ESS_bulk/s, medians)\n", m,
                  rat(med("alea", "speed"), med("hand-written", "speed")),
                  rat(med("hand-written", "speed"), med("jags", "speed"))))
    cat(sprintf("%-14s %5d %10s %-17s %10s %10s %12s %12s %s; %s\n", m, length(unique(d$seed)),
                rat(med("alea", "speed"), if (is.na(best)) NA else med(best, "speed")),
                if (is.na(best)) "-" else if (best == "stan") "(one program)" else paste0("(", sub("stan ", "", best), ")"),
                rat(med("alea", "speed"), med("jags", "speed")), fmt(med("alea", "speed")), per_grad("alea"),
                if (is.na(best)) "-" else per_grad(best), divs("alea"), if (is.na(best)) "-" else divs(best)))
  }
}

if (length(args) >= 1 && args[1] == "stan") {
  run_stan(args[2], args[3], args[4], args[5], as.integer(args[6]), as.integer(args[7]),
           as.integer(args[8]))
} else if (length(args) >= 10 && args[1] == "report") {
  report(args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9], args[10], args[-(1:10)])
} else if (length(args) == 2 && args[1] == "medians") {
  medians(args[2])
} else {
  stop("usage: peers.R stan ... | peers.R report ... (see the header of peers.R)")
}
