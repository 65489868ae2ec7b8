"""A fresh check's first question, the language, asked while the check and the bundled
catalogue load in a thread (docs/performance.md, "check start to first prompt"). Both entry
points use it: the console script (launch.py) before the command line is built, the `check`
command (cli/person.py) when the console script did not ask; the answer given first is kept here
until the command takes it."""

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
# was loading meanwhile; the check command takes it (cli.person.check_cmd).
_answered: list[tuple[str, Callable[[], Catalog]]] = []


def keep(chosen: str, loaded: Callable[[], Catalog]) -> None:
    """The language asked before the command line, for the check command to take."""
    _answered.append((chosen, loaded))


def answered() -> tuple[str, Callable[[], Catalog]] | None:
    """The language asked by the console script before the command line, if it was."""
    return _answered.pop() if _answered else None


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
        from netzkompetenz.io import startup
        from netzkompetenz.io.catalog import Catalog

        loaded = Catalog.load(data)
        startup.started()
        return loaded

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
