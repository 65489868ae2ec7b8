"""The terminal of an interactive step (check, priorities, rate): one rich console and the
prompts of views/prompts.py, laid out for the window.

The terminal breaks a line at its last column, inside a word too. So every text here is
broken at spaces before it is shown: running text by rich, a question and its options by
prompts.laid_out/wrapped, and the answer echoed after a question by this module (the
prompt's own echo is appended to the question and would be cut anywhere). Pages longer
than the window pause with "Continue with Enter" before their start scrolls away.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from netzkompetenz.core.checkflow import Position
from netzkompetenz.i18n import _
from netzkompetenz.views import prompts
from netzkompetenz.views.output import terminal_safe

V = TypeVar("V")  # the value of a choice
ROOM_FOR_A_QUESTION = 10  # rows a question with its options takes, about


def window() -> tuple[int, int]:
    """The terminal's columns and rows (80×24 when it cannot tell)."""
    size = shutil.get_terminal_size((80, 24))
    return size.columns, size.lines


class Screen:
    """The console to talk on, and the prompts with their echo."""

    def __init__(self) -> None:
        from rich.console import Console

        # record: what was printed is measured for the pauses (rows_printed)
        self.console = Console(highlight=False, record=True)
        self.page: int | None = None  # rows of the page shown so far; None: not paging

    # --- printing ---------------------------------------------------------------------------

    def say(self, message: str, style: str | None = None) -> None:
        # soft_wrap: the terminal wraps, so a path or a command stays one line to copy
        self._room(sum(self._rows(line) for line in message.split("\n")))
        self.console.print(message, style=style, markup=False, soft_wrap=True)

    def prose(self, message: str, style: str | None = None) -> None:
        # running text: rich wraps it at spaces, never inside a word
        from rich.text import Text

        if self.page is None:
            self.console.print(message, style=style, markup=False)
            return
        # paged: line by line, so that a text longer than the window pauses inside it
        for line in Text(message, style=style or "").wrap(self.console, self.console.width):
            self._room(1)
            self.console.print(line, no_wrap=True, overflow="ignore", crop=False)

    def blank(self) -> None:
        self.say("")

    def _rows(self, line: str) -> int:
        from rich.cells import cell_len

        return max(1, -(-cell_len(line) // max(1, self.console.width)))

    def rows_printed(self) -> int:
        """Terminal rows printed since the last call (or the last question)."""
        text = self.console.export_text(clear=True)
        return sum(self._rows(line) for line in text.splitlines())

    # --- pauses -----------------------------------------------------------------------------

    def start_page(self) -> None:
        """From here, pause before a text would push the page's first line off screen."""
        self.page = 0

    def end_page(self, room: int = ROOM_FOR_A_QUESTION) -> None:
        """The page is done: pause if it and `room` more rows do not fit the window."""
        if self.page and self.page + room > window()[1]:
            self.pause()
        self.page = None

    def pause_if_scrolled(self) -> None:
        """Pause when more was printed since the last question than the window shows."""
        if self.rows_printed() + 1 > window()[1]:
            self.pause()

    def pause(self) -> None:
        # only for someone reading a terminal: output to a file or a pipe scrolls nowhere
        if self.console.is_terminal:
            prompts.wait_for_enter(_("Continue with Enter"))
        self.console.export_text(clear=True)

    def _room(self, rows: int) -> None:
        if self.page is None:
            return
        if self.page and self.page + rows + 1 > window()[1]:  # + 1: the pause's own line
            self.pause()
            self.page = 0
        self.page += rows

    # --- asking -----------------------------------------------------------------------------

    def ask(
        self,
        message: str,
        choices: Sequence[tuple[str, V, str | None]],
        default: object = None,
        instruction: str | None = None,
    ) -> V:
        question, hint = prompts.laid_out(
            message, instruction or _("(arrow keys or number, then Enter)")
        )
        self.page = None  # a question ends a page: it scrolls on from here
        self.console.export_text(clear=True)
        value = prompts.select(
            question, prompts.wrapped(choices), default=default, instruction=hint, erase=True
        )
        title = next(t for t, v, _key in choices if v == value)
        self.echo(message, title)
        return value

    def ask_text(self, message: str, *, default: str = "", required: str | None = None) -> str:
        self.page = None
        self.console.export_text(clear=True)
        answer = prompts.ask_text(
            prompts.laid_out(message, "")[0], default=default, required=required, erase=True
        )
        self.echo(message, answer)
        return answer

    def echo(self, question: str, answer: str) -> None:
        """The question answered, as the prompt showed it ("? " before it), and the answer
        after it on its last line when it fits there whole, else on lines of its own:
        broken at spaces, so that no word and no option is cut."""
        from rich.text import Text

        width = max(20, self.console.width - 1)
        lines = prompts.laid_out(question, "")[0].split("\n")
        text = Text("? ", style="bold green")
        text.append("\n".join(lines), style="bold")
        answer = terminal_safe(answer)
        if not answer:
            pass
        elif len(lines[-1]) + 3 + len(answer) <= width:
            text.append(" " + answer, style="bold yellow")
        else:
            wrapped = textwrap.wrap(
                answer, width - 2, break_long_words=False, break_on_hyphens=False
            )
            text.append("".join("\n  " + line for line in wrapped), style="bold yellow")
        self.console.print(text, no_wrap=True, overflow="ignore", crop=False)

    def with_position(
        self, question: str, pos: Position, choices: Sequence[tuple[str, Any, str | None]]
    ) -> str:
        """In a window too short for the progress line, the question, and its answers, the
        progress goes in front of the question ("14/42 · …"): the line above scrolls away."""
        rows = window()[1]
        lines = sum(title.count("\n") + 1 for title, _value, _key in prompts.wrapped(choices))
        if 1 + len(prompts.laid_out(question, "")[0].splitlines()) + lines <= rows:
            return question
        return f"{pos.index}/{pos.total} · {question}"

    def say_kept(self, kept: Path | None, path: Path | None) -> None:
        """Where another program's version of the file was kept before this save, if any."""
        if kept is not None:
            self.say(
                _(
                    "Note: {file} was changed by another program since it was last "
                    "saved. That version is kept as {kept}; your answers stay in "
                    "{file}."
                ).format(file=path, kept=kept),
                style="bold yellow",
            )
