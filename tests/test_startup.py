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


def test_the_console_script_loads_neither_typer_nor_pydantic_before_the_first_question():
    """launch.main asks a bare check's language before the command line exists."""
    loaded = _modules_after(
        "import netzkompetenz.launch, netzkompetenz.views.prompts, netzkompetenz.io.userfiles"
    )
    assert not loaded & {"typer", "pydantic", "numpy", "yaml", "jinja2", "rich"}, sorted(loaded)


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
