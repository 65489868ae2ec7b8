"""The layers of the package (docs/architecture.md), checked on the source itself.

core      pure domain: models, scoring, cohort statistics, check flow, compare and plan logic.
          No command line, prompts, terminal output, templates, texts, file formats, no I/O.
io        files and formats: YAML, answers files, survey exports, outputs.
views     presentation: terminal views, page view-models, templates, texts, prompts.
commands  one module per command: options in, core and io called, views printed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "netzkompetenz"

# Which of our own packages each layer may import (errors and i18n are shared leaves).
ALLOWED_OWN = {
    "core": {"core", "errors"},
    "io": {"core", "io", "errors", "i18n"},
    "views": {"core", "io", "views", "errors", "i18n"},
    "commands": {"core", "io", "views", "commands", "errors", "i18n"},
}
# Third-party and standard-library modules a layer must not import.
FORBIDDEN = {
    "core": {
        "typer",
        "click",
        "rich",
        "questionary",
        "prompt_toolkit",
        "jinja2",
        "yaml",
        "openpyxl",
        "csv",
        "os",
        "shutil",
        "tempfile",
        "io",
        "sys",
        "subprocess",
        "sqlite3",
        "zipfile",
        "socket",
        "urllib",
        "http",
        "filelock",
        "platformdirs",
    },
    "io": {"typer", "click", "rich", "questionary", "prompt_toolkit"},
    "views": {"typer", "click"},
    "commands": set(),
}
# Calls that do I/O; the core makes none of them.
IO_CALLS = {
    "open",
    "print",
    "input",
    "read_text",
    "write_text",
    "read_bytes",
    "write_bytes",
    "mkdir",
    "unlink",
    "rename",
    "iterdir",
    "glob",
    "rglob",
    "exists",
    "is_file",
    "is_dir",
    "stat",
}


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "netzkompetenz":
                found += [(node.lineno, f"netzkompetenz.{a.name}") for a in node.names]
    return found


def _own(module: str) -> str | None:
    """'netzkompetenz.views.texts' -> 'views.texts' (matched by prefix below)."""
    if not module.startswith("netzkompetenz."):
        return None
    return module.removeprefix("netzkompetenz.")


@pytest.mark.parametrize("layer", sorted(ALLOWED_OWN))
def test_layer_imports_only_what_it_may(layer):
    wrong = []
    for path in _modules(layer):
        for line, module in _imports(path):
            own = _own(module)
            if own is not None:
                if not any(own == a or own.startswith(a + ".") for a in ALLOWED_OWN[layer]):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
            elif module.split(".")[0] in FORBIDDEN[layer]:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_core_does_no_io():
    calls = []
    for path in _modules("core"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = (
                    node.func.attr
                    if isinstance(node.func, ast.Attribute)
                    else getattr(node.func, "id", None)
                )
                if name in IO_CALLS:
                    calls.append(f"{path.relative_to(PACKAGE)}:{node.lineno} calls {name}()")
    assert not calls, "\n".join(calls)


def test_the_contract_catches_a_violation(tmp_path, monkeypatch):
    """The checks above can fail: a core module that prints and imports rich is caught."""
    bad = tmp_path / "core"
    bad.mkdir()
    (bad / "bad.py").write_text(
        "import rich\nfrom netzkompetenz.views import texts\nprint('x')\n", encoding="utf-8"
    )
    monkeypatch.setattr(__import__(__name__), "PACKAGE", tmp_path)
    with pytest.raises(AssertionError, match="imports rich"):
        test_layer_imports_only_what_it_may("core")
    with pytest.raises(AssertionError, match="calls print"):
        test_core_does_no_io()


def test_every_module_is_in_a_layer():
    """Only the entry points and the shared leaves live outside the four layers."""
    top = {p.name for p in PACKAGE.glob("*.py")}
    entry = {"__init__.py", "__main__.py", "launch.py", "cli.py"}
    assert top <= entry | {"errors.py", "i18n.py"}, top
