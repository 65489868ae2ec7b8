"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from netzkompetenz.errors import OutputError, UsageError
from netzkompetenz.i18n import _

# A write that fails with one of these is the disk's or the folder's fault, not the input's.
_WRITE_ERRNOS = {
    errno.ENOSPC,
    errno.EFBIG,
    errno.EROFS,
    errno.EIO,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}


def resolved(path: Path) -> Path:
    """`path` with its symbolic links followed; a link that leads back to itself stays as
    it is (Python before 3.13 raises RuntimeError for it): whoever reads the file says what
    is wrong with it."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(path).absolute()


def is_link_loop(path: Path) -> bool:
    """A symbolic link that leads back to itself (directly or through others)."""
    try:
        os.stat(path)
    except OSError as exc:
        # Windows: ERROR_CANT_RESOLVE_FILENAME
        return exc.errno == errno.ELOOP or getattr(exc, "winerror", None) == 1921
    return False


def is_read_only(path: Path) -> bool:
    """Marked read-only: no write permission for anyone (chmod a-w; on Windows the
    read-only attribute). Also for root, whom the system would let write anyway."""
    try:
        return os.stat(path).st_mode & 0o222 == 0
    except OSError:
        return False


def check_output_folder(path: Path) -> None:
    """A folder the person named must exist: a typo would otherwise make a new folder
    somewhere, and the report would seem lost."""
    parent = Path(path).parent
    if not parent.is_dir():
        raise UsageError(
            _("The folder {folder} does not exist; create it first or choose another file.").format(
                folder=parent
            )
        )


def check_output(path: Path, force: bool) -> None:
    """Before a command writes `path` the person named (-o): its folder exists, and an
    existing file is replaced only with --force."""
    check_output_folder(path)
    if Path(path).is_dir():  # also with --force: a folder is never replaced by a file
        raise UsageError(
            _("{file} is a folder; name a file (in it or elsewhere).").format(file=path)
        )
    if Path(path).exists() and not force:
        raise UsageError(
            _("{file} exists already; add --force to replace it, or choose another file.").format(
                file=path
            )
        )


def atomic_write(path: Path, data: str | bytes, *, private: bool = False) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename.

    private: the file holds personal data and is readable by its owner only (0600).
    """
    with atomic_writer(path, private=private) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_failed(path: Path, exc: OSError) -> OutputError:
    reason = (
        _("the disk is full")
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", 0))
        else (exc.strerror or str(exc))
    )
    return OutputError(_("cannot write {path}: {reason}").format(path=path, reason=reason))


@contextlib.contextmanager
def atomic_writer(path: Path, *, private: bool = False) -> Iterator[BinaryIO]:
    """For output written piece by piece (a batch of 100,000 people): the caller writes
    to the handle; the file appears under its name only when the block ends without an
    exception, and readable by its owner only if `private`. A write that fails for the
    disk's sake raises OutputError (exit 3)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_failed(path, exc) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600 if private else 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            if exc.errno in _WRITE_ERRNOS or isinstance(exc, PermissionError | IsADirectoryError):
                raise write_failed(path, exc) from None
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_private(path: Path, data: str) -> None:
    """A file in a folder that nobody sees before it is complete (a batch's staging
    folder), written in place and readable by its owner only. One fsync per file cost more
    than rendering a person report: `sync_written` makes them durable all at once."""
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600
        )
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8"))
            if not hasattr(os, "sync"):  # Windows: nothing syncs all at once
                handle.flush()
                os.fsync(handle.fileno())
    except OSError as exc:
        if exc.errno in _WRITE_ERRNOS or isinstance(exc, PermissionError | IsADirectoryError):
            raise write_failed(path, exc) from None
        raise


def sync_written() -> None:
    """Flush what write_private wrote to the disk (before the folder is swapped in)."""
    if hasattr(os, "sync"):
        os.sync()


# Letters that Unicode does not decompose into an ASCII letter and a mark, written as a
# German reader expects them in a file name (ä -> ae, not a; ß -> ss, not dropped).
_ASCII = str.maketrans(
    {
        "ä": "ae",
        "ö": "oe",
        "ü": "ue",
        "Ä": "Ae",
        "Ö": "Oe",
        "Ü": "Ue",
        "ß": "ss",
        "ẞ": "SS",
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
    }
)


def file_slug(name: str, limit: int = 40) -> str:
    """A person's name as part of a file name: readable ASCII letters, digits and '-'
    (Groß -> Gross, Yılmaz -> Yilmaz, Jörg -> Joerg), safe on every file system."""
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", name).translate(_ASCII))
    ascii_ = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_).strip("-")[:limit].strip("-")
