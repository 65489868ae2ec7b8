"""The console script's entry point.

A fresh check's first screen is the language question. It needs only the prompt library, so
it comes first: the command line (Typer, with the pydantic it imports), the check and the
bundled catalogue load in a thread while the person reads the question (docs/performance.md,
"check start to first prompt"). That holds for `netzkompetenz check` typed as such, in a
terminal, with no unfinished check to offer and no data folder of its own; every other call
goes straight to the command line. The question and its loading thread are
commands/check_start.py, which the check command uses too.
"""

from __future__ import annotations

import sys


def main() -> None:
    from netzkompetenz.io import startup

    startup.begin()
    if sys.argv[1:] == ["check"]:
        from netzkompetenz import i18n

        # as cli/app.py does on import: the words around the question are in the locale's language
        i18n.set_language(i18n.choose_language(None))
        from netzkompetenz.commands import check_start

        chosen, loaded = check_start.language_first([], before=_load_command_line)
        if chosen is not None:
            check_start.keep(chosen, loaded)
    from netzkompetenz.cli import main as command_line

    command_line()


def _load_command_line() -> None:
    import netzkompetenz.cli  # noqa: F401
