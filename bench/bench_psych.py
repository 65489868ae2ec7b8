"""The race with R: psych::scoreItems(impute = "none") against `netzkompetenz batch` on
the same export (issue 16).

Writes a 25-item, 5-scale questionnaire on a 6-point scale (the shape of psych's bfi data,
reverse-keyed items included) into a data folder, a seeded export of --rows rows with
gaps (blank cells), and an R script that reads the export, scores it with
`scoreItems(keys, items, impute = "none", min = 1, max = 6, totals = FALSE)` and writes
the scale means. Times Rscript and our batch (`--outputs csv`, and every output without
person reports), each the whole command with its start-up, and prints the medians and
the ratios ours / R. Before timing, the means of both are compared (max difference
below 5e-5: scores.csv holds 4 decimals), so that the race is fair.

    python bench/bench_psych.py [--rows 112000] [--runs 3]

Needs Rscript and the psych package (Debian: apt-get install r-base-core r-cran-psych).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALES = {
    "A": "-1 2 3 4 5",
    "C": "1 2 3 -4 -5",
    "E": "-1 -2 3 4 5",
    "N": "1 2 3 4 5",
    "O": "1 -2 3 4 -5",
}  # bfi's keys: "-" = reverse-keyed
ITEMS = [f"{s}{n.lstrip('-')}" for s, keys in SCALES.items() for n in keys.split()]

QUESTIONNAIRE = """kind: questionnaire
id: bfi
version: "1.0"
languages: [de, en]
title: {de: Fünf Skalen, en: Five scales}
scale:
  points:
%s
  cannot_judge: {de: kann ich nicht einschätzen, en: cannot judge}
min_coverage: 0.01
dimensions:
%s
items:
%s
"""
PROFILE = """kind: profile
id: bfi-coordinator
role: coordinator
questionnaire: bfi
title: {de: Fünf Skalen, en: Five scales}
description: {de: Zum Vergleich mit R., en: For the race with R.}
targets: {%s}
levels:
  - {id: all, from: 0, to: 100, label: {de: Alle, en: All}, description: {de: Alle., en: All.}}
"""
R_SCRIPT = """suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
raw <- read.csv(args[1], sep = ";", fileEncoding = "UTF-8-BOM")
keys <- list(%s)
scored <- scoreItems(keys, raw[, %s], impute = "none", min = 1, max = 6, totals = FALSE)
write.csv(data.frame(id = raw$id, scored$scores), args[2], row.names = FALSE)
"""


def write_data(folder: Path) -> None:
    (folder / "questionnaires").mkdir(parents=True)
    (folder / "profiles").mkdir()
    points = "\n".join(
        f"    - {{value: {v}, label: {{de: Stufe {v}, en: Step {v}}}}}" for v in range(1, 7)
    )
    dims = "\n".join(
        f"  - {{id: {s}, title: {{de: {s}, en: {s}}}, description: {{de: {s}., en: {s}.}}}}"
        for s in SCALES
    )
    items = "\n".join(
        f"  - {{id: {s}{n.lstrip('-')}, dimension: {s}, kind: knowledge, "
        f"{'reverse: true, ' if n.startswith('-') else ''}"
        f"text: {{de: {s}{n.lstrip('-')}., en: {s}{n.lstrip('-')}.}}}}"
        for s, keys in SCALES.items()
        for n in keys.split()
    )
    (folder / "questionnaires" / "bfi.yaml").write_text(
        QUESTIONNAIRE % (points, dims, items), encoding="utf-8"
    )
    (folder / "profiles" / "bfi.yaml").write_text(
        PROFILE % ", ".join(f"{s}: 60" for s in SCALES), encoding="utf-8"
    )


def write_export(path: Path, rows: int, seed: int = 112) -> None:
    rng = random.Random(seed)
    cells = ["1", "2", "3", "4", "5", "6", ""]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["id", *ITEMS])
        for n in range(1, rows + 1):
            out.writerow([n, *rng.choices(cells, [14, 16, 18, 18, 16, 14, 4], k=len(ITEMS))])


def r_script(path: Path) -> None:
    keys = ", ".join(
        f"{s} = c({', '.join(repr(('-' if k.startswith('-') else '') + s + k.lstrip('-')) for k in keys.split())})"  # noqa: E501
        for s, keys in SCALES.items()
    )
    items = "c(" + ", ".join(f'"{i}"' for i in ITEMS) + ")"
    path.write_text(R_SCRIPT % (keys.replace("'", '"'), items), encoding="utf-8")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)}\n{proc.stdout}{proc.stderr}")
    return seconds


def same_means(ours: Path, theirs: Path) -> float:
    """The largest difference between our means and psych's (nan where both have none)."""
    with (
        ours.open(encoding="utf-8-sig", newline="") as a,
        theirs.open(encoding="utf-8", newline="") as b,
    ):
        mine, r = list(csv.DictReader(a)), list(csv.DictReader(b))
    assert len(mine) == len(r), (len(mine), len(r))
    worst = 0.0
    for x, y in zip(mine, r, strict=True):
        for s in SCALES:
            ours_, psych = x[f"{s}_mean"], y[s]
            if psych == "NA":
                assert ours_ == "", (x["row"], s)
                continue
            worst = max(worst, abs(float(ours_) - float(psych)))
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=112_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    rscript = shutil.which("Rscript")
    if (
        rscript is None
        or subprocess.run([rscript, "-e", "library(psych)"], capture_output=True).returncode != 0
    ):
        sys.exit("needs Rscript and the psych package (apt-get install r-base-core r-cran-psych)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="nk-psych-"))
    shutil.rmtree(work / "data", ignore_errors=True)
    write_data(work / "data")
    export = work / "export.csv"
    write_export(export, args.rows)
    r_script(work / "score.R")
    r_command = [rscript, str(work / "score.R"), str(export), str(work / "psych.csv")]
    ours = [
        sys.executable,
        "-m",
        "netzkompetenz",
        "--data",
        str(work / "data"),
        "batch",
        str(export),
        "--questionnaire",
        "bfi",
        "-o",
        str(work / "out"),
        "--reports",
        "none",
    ]
    timed(r_command)
    timed(ours + ["--outputs", "csv"])
    worst = same_means(work / "out" / "scores.csv", work / "psych.csv")
    assert worst < 5e-5, worst
    r_times, csv_times, all_times = [], [], []
    for _ in range(args.runs):  # interleaved: the machine's load falls on all three alike
        r_times.append(timed(r_command))
        csv_times.append(timed(ours + ["--outputs", "csv"]))
        all_times.append(timed(ours))
    r, only, every = map(statistics.median, (r_times, csv_times, all_times))
    print(
        f"{args.rows:,} rows x {len(ITEMS)} items with gaps; the same means (largest "
        f"difference {worst:.1e}); medians of {args.runs}, load {os.getloadavg()[0]:.1f}"
    )
    print(f"| R psych::scoreItems (Rscript, read.csv to write.csv) | {r:.2f} s |")
    print(f"| netzkompetenz batch --outputs csv | {only:.2f} s | {only / r:.2f} x R |")
    print(
        f"| netzkompetenz batch, every output, --reports none | {every:.2f} s | "
        f"{every / r:.2f} x R |"
    )


if __name__ == "__main__":
    main()
