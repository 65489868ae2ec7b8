# Reference scores for tests/test_scoring_psych.py, computed by R's psych package.
#
#   Rscript tests/r/psych_reference.R [items.csv] [output.csv]
#
# Scores the answer matrix tests/fixtures/psych/items.csv with
# psych::scoreItems(keys, items, impute = "none", min = 1, max = 5, totals = FALSE):
# the mean of the answered items per scale, reverse-keyed items counted as min + max - x.
# "cannot_judge" is read as missing (NA), like an unanswered item. The keys mirror
# tests/fixtures/psych/questionnaires/psych.yaml ("-" marks a reverse-keyed item).
# Debian: apt-get install r-base-core r-cran-psych

suppressPackageStartupMessages(library(psych))

args <- commandArgs(trailingOnly = TRUE)
input <- if (length(args) >= 1) args[1] else "tests/fixtures/psych/items.csv"
output <- if (length(args) >= 2) args[2] else "tests/fixtures/psych_reference.csv"

raw <- read.csv(input, na.strings = c("NA", "cannot_judge"), stringsAsFactors = FALSE)
items <- raw[, setdiff(names(raw), "id")]

keys <- list(
  D1 = c("I1", "-I2", "I3", "I4"),
  D2 = c("I5", "-I6", "-I7"),
  D3 = c("I8", "I9", "-I10")
)

scored <- scoreItems(keys, items, impute = "none", min = 1, max = 5, totals = FALSE)
result <- data.frame(id = raw$id, round(scored$scores, 10))
write.csv(result, output, row.names = FALSE, na = "NA", quote = FALSE)
cat(sprintf("psych %s: %d rows written to %s\n", packageVersion("psych"), nrow(result), output))
