"""How the person started this program, so that every hint (resume, report, next steps) is
a command that works when typed again as printed, in a new terminal and in any folder:
`netzkompetenz …` when it is on the PATH, else the absolute path of the program that was
started by a path (`/home/…/.venv/bin/netzkompetenz …`, `/home/…/.venv/bin/python -m
netzkompetenz …`); every path in a hint is absolute too. Paths are quoted for the person's
shell: POSIX sh, or PowerShell on Windows."""

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
                return [_anywhere(orig[0]), *orig[1:n], "-m", NAME]
            break
        n += 2 if orig[n] in ("-X", "-W") else 1  # options that take a value
    first = argv[0] if argv else ""
    path = Path(first)
    if path.name.lower() in (NAME, f"{NAME}.exe", f"{NAME}-script.py"):
        on_path = shutil.which(NAME)
        if on_path and _same_file(on_path, first):
            return [NAME]
        return [_anywhere(first)]
    return [NAME]  # embedded (tests in process): the name the README installs


def _anywhere(program: str) -> str:
    """A program started by a relative path (`.venv/bin/netzkompetenz`) is found again from
    another folder only by its absolute path; a bare name is looked up on the PATH."""
    if os.sep not in program and not (os.altsep and os.altsep in program):
        return program
    return str(Path(program).absolute())


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve().with_suffix("") == Path(b).resolve().with_suffix("")
    except OSError:
        return False


_carried: tuple[str, ...] = ()


def carry(data: list[Path]) -> None:
    """The options of this run that every printed command must repeat: `--data` folders
    (typed again without them, a command would score against the bundled content)."""
    global _carried
    _carried = tuple(w for folder in data for w in ("--data", str(folder.absolute())))


def command(*args: str | Path, windows: bool | None = None) -> str:
    """A command line that starts this program again with `args` (and this run's `--data`
    folders), ready to copy; a Path argument is made absolute, so that the line works from
    any folder."""
    words = [
        *program(),
        *_carried,
        *(str(a.absolute() if isinstance(a, Path) else a) for a in args),
    ]
    windows = _windows() if windows is None else windows
    line = " ".join(quote(w, windows) for w in words)
    # PowerShell runs a quoted program path only with the call operator
    return f"& {line}" if windows and line.startswith("'") else line


def opener(path: Path, windows: bool | None = None) -> str:
    """The command that opens a file with the program the system has for it (a report in
    the browser), for the person's shell."""
    windows = _windows() if windows is None else windows
    if windows:
        program = "Start-Process"  # PowerShell's way to open a file as a double-click does
    else:
        program = "open" if sys.platform == "darwin" else "xdg-open"
    return f"{program} {quote(str(path.absolute()), windows)}"
