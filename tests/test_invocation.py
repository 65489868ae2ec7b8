"""Hints are commands that work as printed: how the program was started decides the words
(`netzkompetenz`, `.venv/bin/netzkompetenz`, `python -m netzkompetenz`), and paths are quoted
for the person's shell (POSIX sh; PowerShell on Windows)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from netzkompetenz.io import invocation


def test_python_dash_m_keeps_the_interpreter_and_its_options():
    # a path is made absolute: the hint is typed in a new terminal, in another folder
    assert invocation.program(
        ["/x/netzkompetenz/__main__.py", "check"],
        [".venv/bin/python", "-m", "netzkompetenz", "check"],
    ) == [str(Path.cwd() / ".venv/bin/python"), "-m", "netzkompetenz"]
    assert invocation.program(
        ["/x/__main__.py"], ["python3", "-X", "utf8", "-m", "netzkompetenz"]
    ) == ["python3", "-X", "utf8", "-m", "netzkompetenz"]


def test_a_script_in_a_venv_is_named_by_its_absolute_path(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.chdir(tmp_path)
    assert invocation.program([".venv/bin/netzkompetenz", "check"], ["python"]) == [
        str(tmp_path / ".venv/bin/netzkompetenz")
    ]


def test_a_relative_path_in_a_hint_becomes_absolute(monkeypatch, tmp_path):
    monkeypatch.setattr(invocation, "program", lambda: ["netzkompetenz"])
    monkeypatch.chdir(tmp_path)
    assert invocation.command("report", Path("a.json"), windows=False) == (
        f"netzkompetenz report {tmp_path / 'a.json'}"
    )


def test_a_script_on_the_path_is_named_by_its_name(monkeypatch, tmp_path):
    script = tmp_path / "netzkompetenz"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    assert invocation.program([str(script)], ["python"]) == ["netzkompetenz"]


def test_in_process_it_is_the_installed_name():
    assert invocation.program(["/usr/lib/python3/pytest"], ["python", "-m", "pytest"]) == [
        "netzkompetenz"
    ]


def test_paths_are_quoted_for_the_shell(monkeypatch):
    monkeypatch.setattr(invocation, "program", lambda: [".venv/bin/netzkompetenz"])
    assert (
        invocation.command("check", "--answers", Path("/home/a b/x.json"), windows=False)
        == ".venv/bin/netzkompetenz check --answers '/home/a b/x.json'"
    )
    monkeypatch.setattr(invocation, "program", lambda: [r".venv\Scripts\netzkompetenz"])
    assert (
        invocation.command("check", "--answers", r"C:\Users\Anna Müller\x.json", windows=True)
        == r".venv\Scripts\netzkompetenz check --answers 'C:\Users\Anna Müller\x.json'"
    )
    monkeypatch.setattr(invocation, "program", lambda: [r"C:\Program Files\nk\netzkompetenz.exe"])
    # PowerShell runs a quoted program only with the call operator
    assert (
        invocation.command("list", "--mine", windows=True)
        == r"& 'C:\Program Files\nk\netzkompetenz.exe' list --mine"
    )
    assert invocation.quote("it's", windows=True) == "'it''s'"
