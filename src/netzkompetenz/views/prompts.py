"""Terminal prompts: the only module that imports questionary and prompt_toolkit.

Every prompt uses `unsafe_ask()`, so Ctrl-C raises KeyboardInterrupt instead of returning
None; io.interrupts.stop_on_signals turns SIGTERM and SIGHUP (terminal closed) into the
same exception, so that one `except KeyboardInterrupt` saves and exits 130 for all three.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from typing import Any

import questionary
from prompt_toolkit.application.current import get_app_session
from questionary import Choice

from netzkompetenz.io.interrupts import Stopped, stop_on_signals  # noqa: F401 (re-exported)


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
    if isinstance(exc, KeyboardInterrupt | EOFError):
        return True
    return isinstance(exc, OSError) and exc.errno in (errno.EIO, errno.ENXIO, errno.EBADF)


def select(message: str, choices: Sequence[tuple[str, Any, str | None]], *,
           default: Any = None, instruction: str | None = None) -> Any:
    """One choice from a list: (title, value, shortcut key or None); arrow keys or the
    shortcut move the pointer, Enter confirms."""
    items = [Choice(title, value, shortcut_key=key if key else False)
             for title, value, key in choices]
    values = [value for _, value, _ in choices]
    return questionary.select(
        message, choices=items, default=default if default in values else None,
        use_shortcuts=True, use_jk_keys=False, use_arrow_keys=True,
        instruction=instruction).unsafe_ask()


def ask_text(message: str, *, default: str = "", required: str | None = None) -> str:
    """A line of text; `required` is the message shown when it is left empty."""
    validate = (lambda value: bool(value.strip()) or required) if required else None
    answer = questionary.text(message, default=default, validate=validate).unsafe_ask()
    return answer.strip()
