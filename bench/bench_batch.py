"""Benchmark of `netzkompetenz batch`: 100,000 respondents x 50 items (issue 6).

Generates a seeded random survey export (LimeSurvey style: `;`, BOM, system columns,
answer codes A1..A5, some blanks and "cannot judge") for the 50-item test questionnaire in
tests/fixtures/exports/wide, runs the real command line with --reports none for each
choice of --outputs (default: scores.csv alone, the issue's aim, and every output, the
default of the command), and prints the median wall time of --runs runs and the peak
memory (max RSS of the child process) as lines for docs/performance.md.

    python bench/bench_batch.py [--rows 100000] [--runs 5] [--keep DIR]
        [--outputs csv --outputs csv,xlsx,jsonl,cohort]
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "fixtures" / "exports" / "wide"
ITEMS = [f"I{i:02d}" for i in range(1, 51)]
CELLS = ["A1", "A2", "A3", "A4", "A5", "", "kann ich nicht einschätzen"]
WEIGHTS = [10, 18, 25, 25, 14, 5, 3]


def generate(path: Path, rows: int, seed: int = 6) -> None:
    rng = random.Random(seed)
    orgs = [f"Kommune {n}" for n in range(60)]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle, delimiter=";")
        out.writerow(["id", "submitdate", "lastpage", "startlanguage", "token", "Name",
                      "Kommune"] + ITEMS)
        for n in range(1, rows + 1):
            out.writerow([n, "2024-05-02 10:11:12", 3, "de", f"tok{n}", f"Person {n}",
                          rng.choice(orgs)] + rng.choices(CELLS, WEIGHTS, k=len(ITEMS)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--outputs", action="append",
                        help="an --outputs value of the command (repeatable)")
    parser.add_argument("--keep", type=Path, help="keep export and outputs here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "export.csv"
    if not export.exists() or sum(1 for _ in export.open("rb")) != args.rows + 1:
        generate(export, args.rows)
    for outputs in args.outputs or ["csv", "csv,xlsx,jsonl,cohort"]:
        command = [sys.executable, "-m", "netzkompetenz", "--data", str(DATA), "batch",
                   str(export), "--questionnaire", "wide", "-o", str(work / "out"),
                   "--reports", "none", "--outputs", outputs]
        times, peaks = [], []
        for _ in range(args.runs):
            seconds, peak = run(command, work / "log.txt")
            times.append(seconds)
            peaks.append(peak)
        print(f"| {date.today().isoformat()} | {platform.machine()}, {os.cpu_count()} cores, "
              f"Python {platform.python_version()} | {args.rows:,} x {len(ITEMS)} items, "
              f"--reports none --outputs {outputs} | {statistics.median(times):.2f} s "
              f"(median of {args.runs}: {min(times):.2f}–{max(times):.2f}) | "
              f"{max(peaks):.0f} MB peak RSS |")


def run(command: list[str], log: Path) -> tuple[float, float]:
    """Wall time of the whole command (start-up included) and its peak RSS in MB."""
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(log.read_text())
    return seconds, usage.ru_maxrss / 1024


if __name__ == "__main__":
    main()
