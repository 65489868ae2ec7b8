"""Benchmark of `netzkompetenz batch`: 100,000 respondents x 50 items (issue 6).

Generates a seeded random survey export (LimeSurvey style: `;`, BOM, system columns,
answer codes A1..A5, some blanks and "cannot judge") for the 50-item test questionnaire in
tests/fixtures/exports/wide, runs the real command line with --reports none for each
choice of --outputs (default: scores.csv alone, the issue's aim, and every output, the
default of the command), and prints the median wall time of --runs runs and the peak
memory (max RSS of the child process) as lines for docs/performance.md. With --reports
html (or md) each run also writes a person report per row: the line then gives the reports
per second, counted on the time the reports add to a run with --reports none.

    python bench/bench_batch.py [--rows 100000] [--runs 5] [--keep DIR]
        [--outputs csv --outputs csv,xlsx,jsonl,cohort] [--reports html --reports md]
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
import threading
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
        out.writerow(
            ["id", "submitdate", "lastpage", "startlanguage", "token", "Name", "Kommune"] + ITEMS
        )
        for n in range(1, rows + 1):
            out.writerow(
                [n, "2024-05-02 10:11:12", 3, "de", f"tok{n}", f"Person {n}", rng.choice(orgs)]
                + rng.choices(CELLS, WEIGHTS, k=len(ITEMS))
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--outputs", action="append", help="an --outputs value of the command (repeatable)"
    )
    parser.add_argument(
        "--reports", action="append", help="a --reports value (html, md); repeatable; default none"
    )
    parser.add_argument("--keep", type=Path, help="keep export and outputs here")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    export = work / "export.csv"
    if not export.exists() or sum(1 for _ in export.open("rb")) != args.rows + 1:
        generate(export, args.rows)
    for outputs in args.outputs or ["csv", "csv,xlsx,jsonl,cohort"]:
        without = None
        for reports in ["none", *(args.reports or [])]:
            command = [
                sys.executable,
                "-m",
                "netzkompetenz",
                "--data",
                str(DATA),
                "batch",
                str(export),
                "--questionnaire",
                "wide",
                "-o",
                str(work / "out"),
                "--reports",
                reports,
                "--outputs",
                outputs,
            ]
            times, peaks, cpus = [], [], []
            for _ in range(args.runs):
                seconds, peak, cpu = run(command, work / "log.txt")
                times.append(seconds)
                peaks.append(peak)
                cpus.append(cpu)
            median = statistics.median(times)
            rate = ""
            if without is None:
                without = median
            else:
                rate = f"; {args.rows / max(median - without, 1e-9):,.0f} reports/s"
            print(
                f"| {date.today().isoformat()} | {platform.machine()}, {os.cpu_count()} "
                f"cores, Python {platform.python_version()}, load "
                f"{os.getloadavg()[0]:.1f} | {args.rows:,} x {len(ITEMS)} items, "
                f"--reports {reports} --outputs {outputs} | {median:.2f} s "
                f"(median of {args.runs}: {min(times):.2f}–{max(times):.2f}{rate}; CPU "
                f"{statistics.median(cpus):.2f} s) | "
                f"{max(peaks):.0f} MB peak RSS |"
            )


def run(command: list[str], log: Path) -> tuple[float, float, float]:
    """Wall time of the whole command (start-up included), its peak memory in MB and its
    CPU time (user + system, helper processes included: on a machine shared with other
    work it varies less than the wall time). Peak memory: the largest sum of the resident
    sizes of the process and its helper processes, sampled every 20 ms, or the kernel's
    peak of the largest single one (ru_maxrss) if that is more."""
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        sampled = [0]
        done = threading.Event()
        sampler = threading.Thread(target=_sample, args=(child.pid, sampled, done))
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(log.read_text())
    peak = max(usage.ru_maxrss * 1024, sampled[0]) / 1024 / 1024
    return seconds, peak, usage.ru_utime + usage.ru_stime


def _sample(pid: int, peak: list[int], done: threading.Event) -> None:
    page = os.sysconf("SC_PAGE_SIZE")
    while not done.wait(0.02):
        total = 0
        for p in [pid, *_descendants(pid)]:
            try:
                total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * page
            except (OSError, IndexError, ValueError):
                pass
        peak[0] = max(peak[0], total)


def _descendants(pid: int) -> list[int]:
    try:
        found = [
            int(c)
            for t in Path(f"/proc/{pid}/task").iterdir()
            for c in (t / "children").read_text().split()
        ]
    except OSError:
        return []
    return found + [d for c in found for d in _descendants(c)]


if __name__ == "__main__":
    main()
