"""How long a person waits from typing `netzkompetenz check` to the first question.

Runs the console script in a pseudo-terminal (pexpect) with a fresh data folder, so the
first screen is the language question, and stops the clock when it is on the screen.

    python bench/bench_check.py [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

SCRIPT = str(Path(sys.executable).with_name("netzkompetenz"))
FIRST_SCREEN = "Sprache / Language"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process so far (Linux /proc): what the start
    costs, whatever else the machine is doing."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def once(
    home: str,
    options: list[str] | None = None,
    first: str | None = None,
    base: dict[str, str] | None = None,
) -> tuple[float, float]:
    """Wall and CPU time of `check` with `options` until `first` is on the screen (default:
    the language question); `base`: the environment (default: this process's)."""
    env = {
        **(os.environ if base is None else base),
        "HOME": home,
        "XDG_DATA_HOME": home,
        "LANG": "de_DE.UTF-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
    }
    start = time.perf_counter()
    child = pexpect.spawn(
        SCRIPT, ["check", *(options or [])], env=env, dimensions=(24, 80), encoding="utf-8"
    )
    child.expect(first or FIRST_SCREEN, timeout=20)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds(child.pid) if Path("/proc").is_dir() else float("nan")
    child.sendcontrol("c")
    child.expect(pexpect.EOF, timeout=20)
    child.close()
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="nk-check-") as home:
        once(home)  # warm the file cache
        runs = [once(home) for _ in range(args.runs)]
    times = [wall for wall, _ in runs]
    print(
        f"`check` start to first prompt (pty): {statistics.median(times) * 1000:.0f} ms "
        f"(median of {args.runs}: {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms), "
        f"CPU {statistics.median(c for _, c in runs) * 1000:.0f} ms; "
        f"load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
