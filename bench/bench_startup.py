"""Start-up benchmark: how fast the command line answers.

Run:  python bench/bench_startup.py [--runs 20]
Prints the median wall time of each command in milliseconds; copy the table into
docs/performance.md together with the date and the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
# The console script pip installs next to the interpreter (what a user types).
SCRIPT = str(Path(PY).with_name("netzkompetenz"))

CASES = {
    "python -c pass": [PY, "-c", "pass"],
    "import typer, rich, questionary, yaml, jinja2": [
        PY,
        "-c",
        "import typer, rich, questionary, yaml, jinja2",
    ],
    "netzkompetenz --help": [SCRIPT, "--help"],
    "python -m netzkompetenz --help": [PY, "-m", "netzkompetenz", "--help"],
    "netzkompetenz list": [SCRIPT, "list"],
    "netzkompetenz validate (bundled files)": [SCRIPT, "validate", "questionnaires", "profiles"],
}


def median_ms(command: list[str], runs: int) -> float:
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)  # warm the caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    results = {name: median_ms(cmd, args.runs) for name, cmd in CASES.items()}
    print("| command | median ms |\n|---|---:|")
    for name, ms in results.items():
        print(f"| `{name}` | {ms:.0f} |")
    ratio = (
        results["netzkompetenz --help"] / results["import typer, rich, questionary, yaml, jinja2"]
    )
    print(
        f"\n--help takes {ratio:.0%} of the time of importing the fixed stack (aim: at most 50 %)."
    )


if __name__ == "__main__":
    main()
