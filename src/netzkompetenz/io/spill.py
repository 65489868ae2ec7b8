"""Records set down in a private file and read back in order: what one pass over a large
input has to keep for later without holding it in memory (a batch's scored chunks, read
back when a later submission of a person turns up at the end of the export)."""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netzkompetenz.io.files import write_failed


class Spill:
    """A file of records in a folder of the run's own (a staging folder); removed by
    `close`. Only this process writes and reads it (pickle is no exchange format)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        try:
            self.handle = os.fdopen(os.open(path, flags, 0o600), "w+b")  # personal data
        except OSError as exc:
            raise write_failed(path, exc) from None

    def add(self, record: Any) -> None:
        try:
            pickle.dump(record, self.handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise write_failed(self.path, exc) from None

    def records(self) -> Iterator[Any]:
        """Every record added so far, in order."""
        try:
            self.handle.flush()
        except OSError as exc:
            raise write_failed(self.path, exc) from None
        self.handle.seek(0)
        while True:
            try:
                yield pickle.load(self.handle)
            except EOFError:
                return

    def close(self) -> None:
        """Gone, whatever was left unwritten: nothing reads it any more (and on a failure
        the failure is what counts, not a full disk met again here)."""
        with contextlib.suppress(OSError):
            self.handle.close()
        with contextlib.suppress(OSError):  # else it goes with the staging folder
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
