"""The command line stays light: heavy libraries are imported inside the commands.

(Speed itself is measured in bench/bench_startup.py, not here.)"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("questionary", "prompt_toolkit", "jinja2", "openpyxl", "pydantic", "rich", "yaml")


def _modules_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
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


def test_a_persons_report_imports_only_what_it_needs(tmp_path):
    """`report` of one person (docs/performance.md, issue 23): Typer's pydantic adapters are
    not built (cli/coercion.py), and neither the readers of survey exports nor the modules of
    agreed priorities and ratings are imported."""
    from test_content_cache import bundled_answers

    answers = bundled_answers(tmp_path, "coordinator")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import atexit, sys\n"
            "atexit.register(lambda: print('\\n'.join(sorted(sys.modules))))\n"
            "from netzkompetenz.launch import main\n"
            f"sys.argv = ['netzkompetenz', 'report', {str(answers)!r}, "
            f"'-o', {str(tmp_path / 'out.html')!r}]\n"
            "main()",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "out.html").is_file()
    loaded = set(out.stdout.split())
    unwanted = {
        "openpyxl",
        "python_calamine",
        "typer._adapters",
        "xml.sax",
        "netzkompetenz.io.tabular",
        "netzkompetenz.io.agreed",
        "netzkompetenz.core.ratings",
        "netzkompetenz.core.plan",
    }
    assert not loaded & unwanted, sorted(loaded & unwanted)


def test_the_check_and_the_kept_catalogue_load_neither_numpy_nor_yaml(tmp_path):
    """`check --role … --lang … --answers …` to its first question: the check's modules
    import no numpy (it scores at the end), and the bundled catalogue kept read in the cache
    folder comes back without the YAML reader (io/content_cache.py)."""
    code = (
        "import netzkompetenz.commands.check\n"
        "from netzkompetenz.io.catalog import Catalog\n"
        "Catalog.load([])\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    first = _modules_after(code, env)  # reads the files and keeps them
    assert "numpy" not in first
    assert "yaml" in first
    again = _modules_after(code, env)
    assert not again & {"numpy", "yaml"}, sorted(again & {"numpy", "yaml"})
