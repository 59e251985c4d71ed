# Peer figures for docs/performance.md: data.table::fread and fixest::feols on the same 10,000,000-row
# panel the .NET figures use (written by `build/run-benchmarks.sh`, default /tmp/de-econ-large/panel10m.csv).
# Not run by CI and no test depends on it. Needs R with data.table and fixest (the published figures used
# fixest 0.12.2 built from source). Run:  Rscript build/peer-benchmarks.R [path/to/panel10m.csv]
args <- commandArgs(trailingOnly = TRUE)
csv <- if (length(args) >= 1) args[1] else "/tmp/de-econ-large/panel10m.csv"
suppressPackageStartupMessages({ library(data.table); library(fixest) })
setDTthreads(2); setFixest_nthreads(2)
med <- function(f, runs = 3) median(replicate(runs, system.time(f())[["elapsed"]]))
dt <- NULL
t_read <- med(function() dt <<- fread(csv))
fml <- as.formula(paste("y ~", paste0("x", 1:10, collapse = " + "), "| id + t"))
t_fit <- med(function() feols(fml, dt, cluster = ~id))
t_fit_1m <- med(function() feols(fml, dt[id <= 10000], cluster = ~id))
cat(sprintf("fread %.3f\nfeols_10m %.3f\nfeols_1m %.3f\n", t_read, t_fit, t_fit_1m))
# End to end as a user runs it: Rscript -e 'library(data.table); library(fixest); feols(..., fread(csv))'
e2e <- system.time(system2("Rscript", c("-e", shQuote(sprintf(
  "suppressPackageStartupMessages({library(data.table);library(fixest)}); setDTthreads(2); setFixest_nthreads(2); d<-fread('%s'); print(coeftable(feols(%s, d, cluster=~id)))",
  csv, deparse(fml)))), stdout = FALSE))[["elapsed"]]
cat(sprintf("rscript_end_to_end %.3f\n", e2e))
