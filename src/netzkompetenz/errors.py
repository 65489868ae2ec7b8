"""One error hierarchy; `cli.main` maps it to exit codes in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What the exit status tells a script (README.md, "Exit codes")."""

    OK = 0
    PROBLEMS = 1  # finished, but with rejected rows or findings
    BAD_INPUT = 2  # bad input or usage: nothing was done
    CANNOT_WRITE = 3  # the outputs could not be written (disk, permissions)
    INTERNAL = 70  # a bug (sysexits' EX_SOFTWARE)
    INTERRUPTED = 130  # stopped by the user (what was answered is saved)


@dataclass(frozen=True)
class Problem:
    """One finding in an input file, with its position (1-based) where known."""

    source: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class NetzkompetenzError(Exception):
    """Base of every error that is the user's input, not a bug."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


@dataclass
class InputError(NetzkompetenzError):
    """One or more problems with input files; all are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def render(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(cls, source: str | Path, message: str, line: int | None = None,
               column: int | None = None) -> InputError:
        return cls([Problem(str(source), message, line, column)])


class UsageError(NetzkompetenzError):
    """A command was called in a way it cannot work (e.g. no terminal for `check`)."""


class OutputError(NetzkompetenzError):
    """An output could not be written (disk full, no permission, a folder in the way)."""

    exit_code = ExitCode.CANNOT_WRITE


class Interrupted(NetzkompetenzError):
    """The user stopped an interactive run; what was given is saved."""

    exit_code = ExitCode.INTERRUPTED
