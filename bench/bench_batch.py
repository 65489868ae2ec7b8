"""Benchmark of `netzkompetenz batch`: 100,000 respondents x 50 items (issue 6).

Generates a seeded random survey export (LimeSurvey style: `;`, BOM, system columns,
answer codes A1..A5, some blanks and "cannot judge") for the 50-item test questionnaire in
tests/fixtures/exports/wide, runs the real command line with --reports none, and prints
wall time and peak memory (max RSS of the child process) as a line for
docs/performance.md.

    /work/venv/bin/python bench/bench_batch.py [--rows 100000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import resource
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
    parser.add_argument("--keep", type=Path, help="keep export and outputs here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "export.csv"
    if not export.exists() or sum(1 for _ in export.open("rb")) != args.rows + 1:
        generate(export, args.rows)
    command = [sys.executable, "-m", "netzkompetenz", "--data", str(DATA), "batch",
               str(export), "--questionnaire", "wide", "-o", str(work / "out"),
               "--reports", "none"]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):
            sys.exit(done.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    median = sorted(times)[1]
    print(done.stdout.strip())
    print(f"| {date.today().isoformat()} | {platform.machine()}, {len_cpus()} cores, "
          f"Python {platform.python_version()} | {args.rows:,} x {len(ITEMS)} items, "
          f"--reports none | {median:.2f} s (median of 3, whole command) | "
          f"{peak_mb:.0f} MB peak RSS |")


def len_cpus() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
