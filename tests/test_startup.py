"""The command line stays light: heavy libraries are imported inside the commands.

(Speed itself is measured in bench/bench_startup.py, not here.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

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


def _report_run(tmp_path, answers, env: dict[str, str]) -> dict[str, object]:
    """`report` of one person through the console script's entry point; what the process
    held at its end: its modules, the commands Typer had registered, the collector's state
    and the BLAS threads asked for."""
    import json

    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import atexit, gc, json, os, sys\n"
            "paused = []  # collections while the console script had paused the collector\n"
            "def seen(*_):\n"
            "    if getattr(sys.modules.get('netzkompetenz.io.startup'), '_paused', None):\n"
            "        paused.append(len(sys.modules))\n"
            "gc.callbacks.append(seen)\n"
            "def state():\n"
            "    from netzkompetenz.cli import app\n"
            "    print(json.dumps({'modules': sorted(sys.modules),\n"
            "        'commands': [c.name for c in app.registered_commands],\n"
            "        'collecting': gc.isenabled(), 'frozen': gc.get_freeze_count(),\n"
            "        'while_paused': paused,\n"
            "        'blas': os.environ.get('OPENBLAS_NUM_THREADS'),\n"
            "        'plugins': os.environ.get('PYDANTIC_DISABLE_PLUGINS')}))\n"
            "atexit.register(state)\n"
            "from netzkompetenz.launch import main\n"
            f"sys.argv = ['netzkompetenz', 'report', {str(answers)!r}, "
            f"'-o', {str(tmp_path / 'out.html')!r}, '--force']\n"
            "main()",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )
    assert out.returncode == 0, out.stderr
    found: dict[str, object] = json.loads(out.stdout.splitlines()[-1])  # after "written"
    return found


def test_a_persons_report_starts_lean(tmp_path):
    """docs/performance.md, fifth pass: with the bundled content kept in the cache folder,
    `report` loads neither the content's reader and checks (io/loader, core/model_checks)
    nor the other commands' options; numpy's BLAS runs one thread; the collector, paused
    while the program starts, runs again afterwards, with what the start made frozen."""
    from test_content_cache import bundled_answers

    answers = bundled_answers(tmp_path, "coordinator")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = _report_run(tmp_path, answers, env)  # reads the files and keeps them
    assert "netzkompetenz.io.loader" in first["modules"]
    again = _report_run(tmp_path, answers, env)
    unwanted = {"netzkompetenz.io.loader", "netzkompetenz.core.model_checks"}
    assert not unwanted & set(again["modules"]), sorted(unwanted & set(again["modules"]))
    assert "numpy" in again["modules"]  # the one scorer, on one row
    assert again["commands"] == ["report"]
    assert again["collecting"] is True
    assert again["while_paused"] == []  # none until the catalogue was loaded
    assert again["frozen"] > 10_000, again["frozen"]
    assert again["blas"] == "1"
    assert again["plugins"] == "__all__"  # pydantic searches no entry points for plugins


def test_a_users_blas_threads_are_kept(tmp_path):
    from test_content_cache import bundled_answers

    answers = bundled_answers(tmp_path, "leader")
    assert _report_run(tmp_path, answers, {"OPENBLAS_NUM_THREADS": "2"})["blas"] == "2"


def test_the_whole_help_and_a_mistyped_command_still_know_every_command():
    """Only the command named is built (cli.main): not when the program's help comes
    first, nor for a name that is no command (Typer suggests the near ones)."""
    shown = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "--lang", "en", "--help", "report"],
        capture_output=True,
        text=True,
    )
    assert shown.returncode == 0, shown.stderr
    for command in ("list", "check", "report", "batch", "export"):
        assert f"  {command} " in shown.stdout
    typo = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "--lang", "en", "reprot"],
        capture_output=True,
        text=True,
    )
    assert typo.returncode == 2
    assert "'report'" in typo.stderr, typo.stderr


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["report", "a.json", "--lang", "en"], ("report", "en")),
        (["--data", "mine", "--lang=EN", "batch", "x.csv"], ("batch", "en")),
        (["--lang", "xx", "check", "--lang", "de"], ("check", "de")),
        (["--help", "report"], (None, None)),
        (["--data", "report", "list"], ("list", None)),  # a folder named like a command
        (["--lang"], (None, None)),
    ],
)
def test_the_command_line_is_read_ahead_once(argv, expected):
    """The command named and the run's language, read before Typer parses (cli.app)."""
    from netzkompetenz.cli.app import read_ahead

    assert read_ahead(argv) == expected


def test_a_language_given_after_the_command_makes_the_help():
    shown = subprocess.run(
        [sys.executable, "-m", "netzkompetenz", "report", "--help", "--lang=en"],
        capture_output=True,
        text=True,
        env={**os.environ, "LANG": "de_DE.UTF-8", "LC_ALL": "", "LANGUAGE": ""},
    )
    assert shown.returncode == 0, shown.stderr
    assert "Usage" in shown.stdout and "Aufruf" not in shown.stdout, shown.stdout[:300]
