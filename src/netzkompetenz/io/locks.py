"""Locks between runs of the tool: one batch run per output folder, one `check` per answers
file. The only module that takes file locks.

The lock is an operating-system lock on a small file (filelock: flock on Linux and macOS,
LockFileEx on Windows, a lock file where the file system has neither). The system drops it
when its process ends, however it ends (kill -9 included), so a lock of a dead run is taken
over by the next one without asking. Who holds it (pid, host, start time) is written to a
second file beside it, because on Windows a locked file cannot be read by others.

Both files go when the lock is given back: the lock file is removed while still held (on
Linux and macOS; on Windows filelock removes it), since removed after, it could be another
run's lock by then. What a killed run or a full disk left (the lock file, a half-written
note) goes with the next run that holds the lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from netzkompetenz.errors import OutputError, UsageError
from netzkompetenz.i18n import _


class LockHeld(UsageError):
    """Someone else is working on the same file or folder right now (exit 2)."""

    def __init__(self, what: Path, holder: dict[str, Any]) -> None:
        self.what, self.holder = what, holder
        if holder:
            who = _("process {pid} on {host}, started {started}").format(
                pid=holder.get("pid", "?"),
                host=holder.get("host", "?"),
                started=holder.get("started", "?"),
            )
        else:
            who = _("another process")
        super().__init__(
            _(
                "{what} is in use by {who}; wait until it has finished (or end it) and try again"
            ).format(what=what, who=who)
        )


def lock_path_for(target: Path) -> Path:
    """`.NAME.lock` beside the file or folder it guards (not inside: a batch swaps its
    output folder as a whole)."""
    return target.parent / f".{target.name}.lock"


def holder_path(lock: Path) -> Path:
    return lock.with_name(lock.name + ".holder")


@contextlib.contextmanager
def exclusive(target: Path) -> Iterator[None]:
    """Hold the lock for `target` for the block, or raise LockHeld at once."""
    import filelock

    target = Path(target)
    lock_file = lock_path_for(target)
    lock = filelock.FileLock(lock_file, timeout=0, thread_local=False, mode=0o600)
    for attempt in range(3):
        try:
            lock.acquire()
            break
        except filelock.Timeout:
            # Also refused: a lock on a file its holder removed in the same instant as it
            # finished (filelock does not keep a lock on a file without a name); the next
            # attempt opens the file under that name afresh.
            if attempt == 2:
                raise LockHeld(target, read_holder(lock_file, wait=0.5)) from None
        except OSError as exc:
            raise OutputError(
                _("cannot lock {target}: {reason}").format(
                    target=target, reason=exc.strerror or exc
                )
            ) from None
    try:
        _remove_dead_notes(lock_file)
        _write_holder(lock_file)
        yield
    finally:
        with contextlib.suppress(OSError):
            holder_path(lock_file).unlink()
        with contextlib.suppress(OSError):  # Windows: in use until released; filelock removes it
            lock_file.unlink()
        lock.release()


def read_holder(lock_file: Path, wait: float = 0.0) -> dict[str, Any]:
    """Who holds the lock; {} if unknown. The holder writes its note just after taking the
    lock, so a run refused in that moment waits up to `wait` seconds for it."""
    import time

    deadline = time.monotonic() + wait
    while True:
        try:
            data = json.loads(holder_path(lock_file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict):
            return data
        if time.monotonic() >= deadline:
            return {}
        time.sleep(0.02)


def _notes_aside(lock_file: Path) -> str:
    """Name prefix of the notes being written (`.X.lock.holder.<pid>.tmp`)."""
    return holder_path(lock_file).name + "."


def _remove_dead_notes(lock_file: Path) -> None:
    """Notes a run left half-written (killed while writing, or on a full disk). Only the
    lock's holder writes one, and the lock is ours now: whoever wrote these is gone."""
    prefix = _notes_aside(lock_file)
    with contextlib.suppress(OSError):
        for path in lock_file.parent.iterdir():
            if path.name.startswith(prefix) and path.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    path.unlink()


def _write_holder(lock_file: Path) -> None:
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S"),
    }
    # Written aside and renamed: a second run reading it at once sees all of it or nothing.
    path = holder_path(lock_file)
    aside = path.with_name(f"{_notes_aside(lock_file)}{os.getpid()}.tmp")
    try:
        aside.write_text(json.dumps(info), encoding="utf-8")
        os.replace(aside, path)
    except OSError:  # a full disk: the note is only for the message of a refused second run
        with contextlib.suppress(OSError):
            aside.unlink()
