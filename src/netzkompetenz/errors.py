"""One error hierarchy; `cli.main` maps it to exit codes in one place."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any


class ExitCode(IntEnum):
    """What the exit status tells a script (README.md, "Exit codes")."""

    OK = 0
    PROBLEMS = 1  # finished, but with rejected rows or findings
    BAD_INPUT = 2  # bad input or usage: nothing was done
    CANNOT_WRITE = 3  # the outputs could not be written (disk, permissions)
    INTERNAL = 70  # a bug (sysexits' EX_SOFTWARE)
    INTERRUPTED = 130  # stopped by the user (what was answered is saved)


def N_(message: str) -> str:
    """Marks an English message for the translation catalog without translating it (for
    code that must not import i18n, such as the core); see docs/translating.md."""
    return message


@dataclass(frozen=True)
class Message:
    """A user-visible text made where the language is not known (the core): the English
    message id, marked with N_, and the values of its {placeholders}. str() translates it
    into the language of the run and fills it in; a value may be a Message itself."""

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()

    def __str__(self) -> str:
        from netzkompetenz.i18n import translate  # only when shown: errors stays a leaf

        return translate(self.msgid, dict(self.params))

    def __contains__(self, text: str) -> bool:  # "did you mean" in message
        return text in str(self)


def msg(msgid: str, **params: Any) -> Message:
    """msg(N_("duplicate item id '{id}'"), id=item.id)"""
    return Message(msgid, tuple(params.items()))


@dataclass(frozen=True)
class Problem:
    """One finding in an input file, with its position (1-based) where known. The message
    is translated when shown (a Message), or was translated when it was made (a str)."""

    source: str
    message: str | Message
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

    def __str__(self) -> str:  # in the language of the run when it is shown
        return self.render()

    def render(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def single(
        cls,
        source: str | Path,
        message: str | Message,
        line: int | None = None,
        column: int | None = None,
    ) -> InputError:
        return cls([Problem(str(source), message, line, column)])


class UsageError(NetzkompetenzError):
    """A command was called in a way it cannot work (e.g. no terminal for `check`)."""


class OutputError(NetzkompetenzError):
    """An output could not be written (disk full, no permission, a folder in the way)."""

    exit_code = ExitCode.CANNOT_WRITE


class Interrupted(NetzkompetenzError):
    """The user stopped an interactive run; what was given is saved."""

    exit_code = ExitCode.INTERRUPTED
