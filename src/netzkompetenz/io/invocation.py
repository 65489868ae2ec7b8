"""How the person started this program, so that every hint (resume, report, next steps) is
a command that works when typed again as printed: `netzkompetenz …` when it is on the PATH,
`.venv/bin/netzkompetenz …` or `python -m netzkompetenz …` when started like that.
Paths are quoted for the person's shell: POSIX sh, or PowerShell on Windows."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

NAME = "netzkompetenz"
# Characters PowerShell takes literally in a bare word.
_POWERSHELL_PLAIN = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    r"-_./\:=+,"
)


def _windows() -> bool:
    return os.name == "nt"


def quote(word: str, windows: bool | None = None) -> str:
    """One word as the shell reads it back: shlex quoting, or PowerShell's single quotes."""
    if windows if windows is not None else _windows():
        if word and set(word) <= _POWERSHELL_PLAIN:
            return word
        return "'" + word.replace("'", "''") + "'"
    return shlex.quote(word)


def program(argv: list[str] | None = None, orig_argv: list[str] | None = None) -> list[str]:
    """The words that start this program the way it was started this time."""
    argv = sys.argv if argv is None else argv
    orig = getattr(sys, "orig_argv", []) if orig_argv is None else orig_argv
    # python -m netzkompetenz: the interpreter as it was typed, with its options
    n = 1
    while n < len(orig) and orig[n].startswith("-"):
        if orig[n] == "-m":
            if n + 1 < len(orig) and orig[n + 1].split(".")[0] == NAME:
                return [*orig[:n], "-m", NAME]
            break
        n += 2 if orig[n] in ("-X", "-W") else 1  # options that take a value
    first = argv[0] if argv else ""
    path = Path(first)
    if path.name.lower() in (NAME, f"{NAME}.exe", f"{NAME}-script.py"):
        on_path = shutil.which(NAME)
        if on_path and _same_file(on_path, first):
            return [NAME]
        return [first]
    return [NAME]  # embedded (tests in process): the name the README installs


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve().with_suffix("") == Path(b).resolve().with_suffix("")
    except OSError:
        return False


def command(*args: str | Path, windows: bool | None = None) -> str:
    """A command line that starts this program again with `args`, ready to copy."""
    words = [*program(), *(str(a) for a in args)]
    windows = _windows() if windows is None else windows
    line = " ".join(quote(w, windows) for w in words)
    # PowerShell runs a quoted program path only with the call operator
    return f"& {line}" if windows and line.startswith("'") else line
