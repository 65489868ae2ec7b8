"""The one place that prints messages, warnings and notes of a run, and batch's progress
bar (not tables or reports: views/terminal.py). Library functions return warnings as data;
commands hand them here."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from netzkompetenz.i18n import _

if TYPE_CHECKING:
    from netzkompetenz.core.answers import ScoredAnswers

# Control characters other than line break and tab (ANSI escapes, backspace, carriage
# return, C1 controls): text from an input file that holds them could move the cursor,
# recolour or rewrite the terminal, or hide a line. They are shown as escapes.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(message: str) -> str:
    """`message` with every control character written as an escape (ESC as \\x1b)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def say(message: str) -> None:
    """A result line for the user (standard output)."""
    print(terminal_safe(message))


def console(highlight: bool = False) -> Any:
    """The rich console the terminal views (views/terminal.py, the ratings view) print on;
    made here, so that commands build none. `highlight`: rich colours numbers and the like."""
    from rich.console import Console

    return Console(highlight=highlight)


def show_markdown(text: str, stacked: bool = False) -> None:
    """A Markdown page read in the terminal (no -o): rich lays it out for the window's
    width, wrapping at words. `stacked`: each table row as a list of "column: value", so
    that no column is squeezed until its words are cut ("Netzwerkkoordin…")."""
    from rich.markdown import Markdown

    console().print(Markdown(stacked_tables(text) if stacked else text))


def stacked_tables(text: str) -> str:
    """Markdown with every table turned into one block per row: its first cell in bold, the
    other cells below it as "header: value" (empty cells left out)."""

    def cells(line: str) -> list[str]:
        # a | inside a cell is escaped (\|): not a border
        return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip()[1:-1])]

    out: list[str] = []
    lines = text.splitlines()
    n = 0
    while n < len(lines):
        is_table = n + 1 < len(lines) and lines[n].startswith("|")
        if not (is_table and set(lines[n + 1].strip()) <= set("|-: ")):
            out.append(lines[n])
            n += 1
            continue
        header = cells(lines[n])
        n += 2
        while n < len(lines) and lines[n].startswith("|"):
            row = cells(lines[n])
            out.append(f"**{row[0]}**\n")
            out += [f"- {h}: {v}" for h, v in zip(header[1:], row[1:], strict=False) if v]
            out.append("")
            n += 1
    return "\n".join(out)


def warn(message: str) -> None:
    """A warning or note (standard error, so that output piped elsewhere stays clean)."""
    print(terminal_safe(message), file=sys.stderr)


def rows_progress() -> contextlib.AbstractContextManager[Callable[[int], object]]:
    """A progress bar of the rows done, on a terminal only (it goes when the run ends); the
    context gives the function to count rows with."""
    if not sys.stdout.isatty():
        return contextlib.nullcontext(lambda n: None)
    return _progress_bar(_("Rows"))


@contextlib.contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int], object]]:
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,} "),
        TimeElapsedColumn(),
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n: progress.advance(task, n)


def version_notes(scored: list[ScoredAnswers]) -> None:
    """Say which answers files were given to another version of their questionnaire."""
    for s in scored:
        if s.current_version is not None:
            warn(
                _(
                    "Note: {file} was answered with version {old} of the questionnaire and is "
                    "scored with that version; the current one is {new}."
                ).format(file=s.path, old=s.questionnaire.version, new=s.current_version)
            )
        change = s.version_change
        if change is None:
            continue
        listed = {
            _("added"): change.added,
            _("removed"): change.removed,
            _("changed"): change.changed,
        }
        warn(
            _(
                "Note: {file} was answered with version {old} of the questionnaire; the current "
                "one is {new}."
            ).format(file=s.path, old=change.old, new=change.new)
            + "".join(f" {k}: {', '.join(v)}." for k, v in listed.items() if v)
        )
