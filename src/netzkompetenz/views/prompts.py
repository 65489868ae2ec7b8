"""Terminal prompts: the only module that imports questionary and prompt_toolkit.

Every prompt uses `unsafe_ask()`, so Ctrl-C raises KeyboardInterrupt instead of returning
None; io.interrupts.stop_on_signals turns SIGTERM and SIGHUP (terminal closed) into the
same exception, so that one `except KeyboardInterrupt` saves and exits 130 for all three.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import questionary
from prompt_toolkit.application.current import get_app_session
from questionary import Choice

from netzkompetenz.i18n import gettext_in
from netzkompetenz.io.interrupts import Stopped as Stopped  # re-exported
from netzkompetenz.io.interrupts import stop_on_signals as stop_on_signals  # re-exported
from netzkompetenz.io.interrupts import terminal_gone

V = TypeVar("V")  # the value of a choice
CHOICE_INDENT = 6  # " » 1) " before a choice's text


def interactive() -> bool:
    """True when someone can answer: stdin is a terminal, or the caller set up a
    prompt_toolkit session with its own input (the in-process tests' pipe input)."""
    if getattr(get_app_session(), "_input", None) is not None:
        return True
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def is_interruption(exc: BaseException) -> bool:
    """Ctrl-C, SIGTERM/SIGHUP, or the terminal itself gone. When a terminal closes,
    prompt_toolkit may meet the dead pty (end of input, EIO) before SIGHUP arrives."""
    return isinstance(exc, KeyboardInterrupt | EOFError) or terminal_gone(exc)


def select(
    message: str,
    choices: Sequence[tuple[str, V, str | None]],
    *,
    default: object = None,
    instruction: str | None = None,
    on_shown: Callable[[], None] | None = None,
    erase: bool = False,
) -> V:
    """One choice from a list: (title, value, shortcut key or None); arrow keys or the
    shortcut move the pointer, Enter confirms. `on_shown` is called once the question is
    on the screen. `erase`: the question leaves the screen once answered (the caller
    echoes it, wrapped at words: the prompt's own echo is hard-wrapped by the terminal)."""
    items = [
        Choice(title, value, shortcut_key=key if key else False) for title, value, key in choices
    ]
    values = [value for _, value, _ in choices]
    # questionary's stub wants a str default; it compares any value with the choices' values
    question = questionary.select(
        message,
        choices=items,
        default=default if default in values else None,  # type: ignore[arg-type]  # any value
        use_shortcuts=True,
        use_jk_keys=False,
        use_arrow_keys=True,
        instruction=instruction,
    )
    question.application.erase_when_done = erase
    if erase:
        _answer_without_echo(question)
    if on_shown is not None:

        def shown(_app: Any) -> None:
            question.application.after_render -= shown
            on_shown()

        question.application.after_render += shown
    chosen: V = question.unsafe_ask()
    return chosen


def _answer_without_echo(question: Any) -> None:
    """Enter ends the choice without drawing it answered first. That drawing appends the
    answer to the question; in a window shorter than the question and its list the
    terminal scrolls it into its history, cut at the window's edge, before the prompt is
    erased. (questionary's own Enter does the same plus that drawing; a binding added
    later takes precedence.)"""
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.keys import Keys
    from questionary.prompts.common import InquirerControl

    app = question.application
    controls = [c for c in app.layout.find_all_controls() if isinstance(c, InquirerControl)]
    if not controls or not isinstance(app.key_bindings, KeyBindings):
        return  # another questionary: its own Enter stays
    choices = controls[0]

    @app.key_bindings.add(Keys.ControlM, eager=True)
    def _enter(event: Any) -> None:
        event.app.exit(result=choices.get_pointed_at().value)


def laid_out(message: str, instruction: str) -> tuple[str, str]:
    """The question and the hint after it, broken at spaces to the terminal's width: the
    prompt would break them anywhere, inside a word too („Pfeil|tasten“). The hint goes
    on the question's last line as far as it fits (questionary puts a space between)."""
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 3)  # "? " and a spare

    def wrap(text: str) -> list[str]:
        return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)

    lines = wrap(message) or [message]
    words = instruction.split()
    if not words:
        return "\n".join(lines), instruction
    room = width - len(lines[-1]) - 1
    first: list[str] = []
    while words and len(" ".join([*first, words[0]])) <= room:
        first.append(words.pop(0))
    rest = wrap(" ".join(words))
    hint = " ".join(first) + ("\n" + "\n".join(rest) if rest else "")
    return "\n".join(lines), hint


def wrapped(choices: Sequence[tuple[str, V, str | None]]) -> list[tuple[str, V, str | None]]:
    """Long answers (a context question's options) broken at spaces under their first
    line: the prompt would cut them at the window's edge."""
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    indent = " " * CHOICE_INDENT
    return [
        (
            "\n".join(
                textwrap.wrap(
                    title,
                    width,
                    break_long_words=False,
                    break_on_hyphens=False,
                    initial_indent=indent,
                    subsequent_indent=indent,
                )
            )[CHOICE_INDENT:]
            or title,
            value,
            key,
        )
        for title, value, key in choices
    ]


def ask_language(on_shown: Callable[[], None] | None = None) -> str:
    """The check's first question: the language is not known yet, so it is asked in both."""
    message, instruction = laid_out(
        gettext_in("de", "Sprache / Language"),
        f"{gettext_in('de', '(arrow keys or number, then Enter)')} "
        f"{gettext_in('en', '(arrow keys or number, then Enter)')}",
    )
    return select(
        message,
        [("Deutsch", "de", "1"), ("English", "en", "2")],
        default="de",
        instruction=instruction,
        on_shown=on_shown,
    )


def ask_text(
    message: str, *, default: str = "", required: str | None = None, erase: bool = False
) -> str:
    """A line of text; `required` is the message shown when it is left empty; `erase` as
    in `select`."""
    validate = (lambda value: bool(value.strip()) or required) if required else None
    question = questionary.text(message, default=default, validate=validate)
    question.application.erase_when_done = erase
    answer: str = question.unsafe_ask()
    return answer.strip()


def wait_for_enter(message: str) -> None:
    """A pause until Enter (what was typed meanwhile is dropped); the line leaves the
    screen afterwards."""
    question = questionary.text(message, qmark="")
    question.application.erase_when_done = True
    question.unsafe_ask()
