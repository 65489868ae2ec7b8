"""Where one person waits, as ratios to the eager import of the fixed stack (issue 23).

Each round runs, one after the other: `python -c "import typer, rich, questionary, yaml,
jinja2"` (the fixed stack), `report` of one person to HTML, `check --role coordinator --lang
de --answers FILE` to its first question and the bare `check` to its first question (both
in a pseudo-terminal). Each command's median over the rounds, of the wall time and of the
CPU time (user + system; steadier when the machine is shared), is divided by the stack's
median of the same run, so that a slow day on the machine does not move the ratios.

With `--before SRC` every round also runs the same commands with the package from another
checkout's `src` folder first on PYTHONPATH (e.g. `mkdir ../before && git archive COMMIT |
tar -x -C ../before`), so that before and after are measured interleaved, under the same load.

    python bench/bench_wait.py [--runs 15] [--before ../before/src]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_check import once as check_once
from bench_report import answers_file

PY = sys.executable
SCRIPT = str(Path(PY).with_name("netzkompetenz"))
STACK = "import typer, rich, questionary, yaml, jinja2"


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU time (user + system) of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def cases(folder: Path) -> dict[str, Callable[[dict[str, str]], tuple[float, float]]]:
    report = answers_file(folder, "coordinator")
    out = str(folder / "out.html")
    home = str(folder / "home")
    answers = str(folder / "home" / "check.json")

    def check_with_options(env: dict[str, str]) -> tuple[float, float]:
        Path(answers).unlink(missing_ok=True)
        options = ["--role", "coordinator", "--lang", "de", "--answers", answers]
        return check_once(home, options, "Name oder Pseudonym", env)

    return {
        "stack": lambda env: timed([PY, "-c", STACK], env),
        "report": lambda env: timed([SCRIPT, "report", str(report), "-o", out, "--force"], env),
        "check with options": check_with_options,
        "bare check": lambda env: check_once(home, [], None, env),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, help="src folder of the earlier checkout")
    args = parser.parse_args()
    envs = {"after": dict(os.environ)}
    if args.before:
        envs = {"before": {**os.environ, "PYTHONPATH": str(args.before)}, **envs}
    with tempfile.TemporaryDirectory(prefix="nk-wait-") as tmp:
        todo = cases(Path(tmp))
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for round_ in range(args.runs + 1):  # the first round warms the file cache
            for which, env in envs.items():
                for name, run in todo.items():
                    measured = run(env)
                    if round_:
                        times.setdefault((which, name), []).append(measured)
    print(f"median of {args.runs} rounds; load {os.getloadavg()[0]:.2f}")
    print("              wall: ms, x the stack      CPU: ms, x the stack")
    for which in envs:
        stack = [statistics.median(t[k] for t in times[(which, "stack")]) for k in (0, 1)]
        for name in todo:
            wall, cpu = (statistics.median(t[k] for t in times[(which, name)]) for k in (0, 1))
            print(
                f"{which:6} {name:19} {wall * 1000:5.0f} {wall / stack[0]:5.2f}     "
                f"{cpu * 1000:5.0f} {cpu / stack[1]:5.2f}"
            )


if __name__ == "__main__":
    main()
