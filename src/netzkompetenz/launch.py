"""The console script's entry point.

A fresh check's first screen is the language question. It needs only the prompt library, so
it comes first: the command line (Typer, with the pydantic it imports), the check and the
bundled catalogue load in a thread while the person reads the question (docs/performance.md,
"check start to first prompt"). That holds for `netzkompetenz check` typed as such, in a
terminal, with no unfinished check to offer and no data folder of its own; every other call
goes straight to the command line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netzkompetenz.io.catalog import Catalog

# The language chosen before the command line was built, and how to get the catalogue that
# was loading meanwhile; the check command takes it (cli.check_cmd).
_answered: list[tuple[str, Callable[[], Catalog]]] = []


def main() -> None:
    if sys.argv[1:] == ["check"]:
        from netzkompetenz import i18n

        # as cli.py does on import: the words around the question are in the locale's language
        i18n.set_language(i18n.choose_language(None))
        chosen, loaded = language_first([], before=_load_command_line)
        if chosen is not None:
            _answered.append((chosen, loaded))
    from netzkompetenz.cli import main as command_line

    command_line()


def answered() -> tuple[str, Callable[[], Catalog]] | None:
    """The language asked by main() before the command line, if it was."""
    return _answered.pop() if _answered else None


def _load_command_line() -> None:
    import netzkompetenz.cli  # noqa: F401


def language_first(
    data: list[Path], before: Callable[[], None] | None = None
) -> tuple[str | None, Callable[[], Catalog]]:
    """Ask the language while the check and the catalogue load in a thread (≈ 0.4 s of
    models, numpy and YAML; with `before`, also what that loads first). Only when nothing
    could come before the question: no unfinished check to offer, no data folder whose errors
    are to be told first, a data folder that can be saved in. Otherwise (None, a loader) and
    nothing is asked."""
    from netzkompetenz.io import userfiles
    from netzkompetenz.views import prompts

    def catalog() -> Catalog:
        from netzkompetenz.io.catalog import Catalog

        return Catalog.load(data)

    if (
        data
        or os.environ.get("NETZKOMPETENZ_DATA")
        or not prompts.interactive()
        or not userfiles.surely_no_unfinished()
        or userfiles.data_folder_problem() is not None
    ):
        return None, catalog

    found: dict[str, Catalog] = {}

    def load() -> None:
        with contextlib.suppress(Exception):  # an error is told when the catalogue is used
            if before is not None:
                before()
            import netzkompetenz.commands.check  # noqa: F401

            found["catalog"] = catalog()

    worker = threading.Thread(target=load, daemon=True)

    def loaded() -> Catalog:
        if worker.is_alive() or found:
            worker.join()
        return found.get("catalog") or catalog()

    try:
        with prompts.stop_on_signals():
            return prompts.ask_language(on_shown=worker.start), loaded
    except BaseException as exc:
        if not prompts.is_interruption(exc):
            raise
        from netzkompetenz.commands import check

        sys.exit(check.interrupted_at_start(loaded()))
