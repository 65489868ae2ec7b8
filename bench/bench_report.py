"""`report` of one person to HTML: how long `netzkompetenz report ANSWERS -o FILE.html` takes.

Writes a seeded, complete answers file for each bundled profile (its questionnaire, every
item answered on the scale, a few "cannot judge"), then runs the console script --runs
times and prints the median wall time (start-up included) and CPU time.

    python bench/bench_report.py [--runs 20] [--format html|md]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog

SCRIPT = str(Path(sys.executable).with_name("netzkompetenz"))


def answers_file(folder: Path, profile_id: str, seed: int = 16) -> Path:
    rng = random.Random(seed)
    catalog = Catalog.load([])
    profile = catalog.profile(profile_id)
    questionnaire = catalog.questionnaire_of(profile)
    answers = new_answers(
        questionnaire,
        profile.id,
        Respondent(name="Erika Mustermann", organisation="Stadt Musterstadt", tandem="musterstadt"),
        "de",
    )
    values = [p.value for p in questionnaire.scale.points]
    answers.values = {
        item.id: ("cannot_judge" if rng.random() < 0.05 else rng.choice(values))
        for item in questionnaire.items
    }
    answers.status = "complete"
    answers.started = answers.updated = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    path = folder / f"{profile_id}.json"
    write_answers(path, answers)
    return path


def once(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--format", default="html", choices=["html", "md"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nk-report-") as tmp:
        folder = Path(tmp)
        for profile_id in ("coordinator", "leader"):
            path = answers_file(folder, profile_id)
            command = [
                SCRIPT,
                "report",
                str(path),
                "-o",
                str(folder / f"out.{args.format}"),
                "--force",
            ]
            once(command)  # warm the file cache
            runs = [once(command) for _ in range(args.runs)]
            times = [wall for wall, _ in runs]
            print(
                f"`report` of one person ({profile_id}) to {args.format}: "
                f"{statistics.median(times) * 1000:.0f} ms (median of {args.runs}: "
                f"{min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms), CPU "
                f"{statistics.median(c for _, c in runs) * 1000:.0f} ms; load "
                f"{os.getloadavg()[0]:.2f}"
            )


if __name__ == "__main__":
    main()
