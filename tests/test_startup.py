"""The command line stays light: heavy libraries are imported inside the commands.

(Speed itself is measured in bench/bench_startup.py, not here.)"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("questionary", "prompt_toolkit", "jinja2", "openpyxl", "pydantic", "rich", "yaml")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_importing_the_cli_pulls_in_no_heavy_library():
    loaded = _modules_after("import netzkompetenz.cli")
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_help_lists_every_command():
    result = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for command in (
        "list",
        "validate",
        "check",
        "score",
        "report",
        "batch",
        "compare",
        "plan",
        "export",
    ):
        assert f"  {command} " in result.stdout
