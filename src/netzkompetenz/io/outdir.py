"""A batch run's output folder, written all or nothing.

Every output is written into a staging folder beside the output folder (same parent, so the
same file system); at the end the old folder is renamed to a backup, the staging folder to
the output folder, and the backup removed. A run that fails, is interrupted or killed leaves
the earlier outputs as they were. Between the two renames the output folder is missing for
an instant; a run killed in that instant leaves the backup, and the next run puts it back
before anything else (`recover`).

The output folder belongs to the runs of the tool: a marker file lists what a run wrote, and
a folder holding anything else is refused, so that no file of the user's is ever replaced.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from netzkompetenz.errors import OutputError, UsageError
from netzkompetenz.i18n import _
from netzkompetenz.io.files import is_link_loop, resolved, write_private
from netzkompetenz.io.locks import exclusive

MARKER = ".netzkompetenz-batch.json"
MARKER_FORMAT = "netzkompetenz-batch-output/1"
STAGING = "staging"
BACKUP = "previous"


def _aside(target: Path, kind: str) -> str:
    """Name prefix of the staging and backup folders of `target`: hidden, beside it."""
    return f".{target.name}.{kind}-"


def _asides(target: Path, kind: str) -> list[Path]:
    prefix = _aside(target, kind)
    try:
        return sorted(p for p in target.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def written_files(folder: Path) -> set[str]:
    """The files a run says it wrote (relative, with '/'), from the marker; empty if the
    folder has no readable marker."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(data, dict) or data.get("format") != MARKER_FORMAT:
        return set()
    files = data.get("files")
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else set()


def _contents(folder: Path) -> set[str]:
    found = set()
    for path in folder.rglob("*"):
        if path.is_file() or path.is_symlink():
            found.add(path.relative_to(folder).as_posix())
    return found


def is_link(path: Path) -> bool:
    """A symbolic link, or on Windows a junction (which Path.is_symlink does not see)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    tag = getattr(info, "st_reparse_tag", 0)  # Windows only
    return stat.S_ISLNK(info.st_mode) or tag in (
        getattr(stat, "IO_REPARSE_TAG_SYMLINK", -1),
        getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", -1),
    )


def check_target(target: Path, inputs: Iterable[Path]) -> None:
    """Refuse an output folder that is not ours to replace (exit 2): a symbolic link, a
    file, a folder holding an input, or a folder with files no run of the tool wrote."""
    if is_link(target):
        # A run replaces DIR by renames: it would replace the link, not the folder it
        # points to, and leave that folder with the earlier outputs (review S6).
        raise UsageError(
            _(
                "-o {target}: this is a symbolic link (to {destination}); a run replaces "
                "the output folder as a whole, so name the folder itself"
            ).format(target=target, destination=os.readlink(target))
        )
    if target.exists() and not target.is_dir():
        raise UsageError(_("-o {target}: this is a file, not a folder").format(target=target))
    for parent in target.parents:
        if is_link_loop(parent):
            raise UsageError(
                _("-o {target}: {parent} is a symbolic link that leads back to itself").format(
                    target=target, parent=parent
                )
            )
        if parent.exists() and not parent.is_dir():
            raise UsageError(
                _("-o {target}: {parent} is a file, not a folder").format(
                    target=target, parent=parent
                )
            )
    folder = resolved(target)
    for source in inputs:
        source = resolved(source)
        if source == folder or folder in source.parents:
            raise UsageError(
                _(
                    "-o {target}: the folder holds the input {source}; the run "
                    "replaces the whole folder, choose another one"
                ).format(target=target, source=source)
            )
    if not target.is_dir():
        return
    contents = _contents(target)
    if not contents:
        return
    ours = written_files(target)
    if MARKER not in contents:
        raise UsageError(
            _(
                "-o {target}: the folder holds files this tool did not write "
                "(e.g. {file}); a run replaces the whole folder, so choose an empty "
                "or new folder, or an earlier run's output folder"
            ).format(target=target, file=sorted(contents)[0])
        )
    foreign = sorted(contents - ours - {MARKER})
    if foreign:
        raise UsageError(
            _(
                "-o {target}: the folder holds files an earlier run did not write "
                "({files}); move them elsewhere, a run replaces the whole folder"
            ).format(
                target=target, files=", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
            )
        )


def recover(target: Path) -> None:
    """Undo what a dead run left behind (call with the folder's lock held): put back a
    backup whose run was killed between the two renames, remove staging folders."""
    backups = _asides(target, BACKUP)
    if backups and not target.exists():
        os.replace(backups[-1], target)
        backups = backups[:-1]
    for leftover in backups + _asides(target, STAGING):
        shutil.rmtree(leftover, ignore_errors=True)


class Staging:
    """The folder a run writes into; `commit` makes it the output folder."""

    def __init__(self, target: Path) -> None:
        self.target = target
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=_aside(target, STAGING), dir=target.parent))
        except OSError as exc:
            raise cannot_write(target, exc) from None

    def commit(self) -> None:
        files = sorted(_contents(self.path))
        marker = {"format": MARKER_FORMAT, "files": files}
        try:
            write_private(self.path / MARKER, json.dumps(marker, indent=1) + "\n")
            os.chmod(self.path, 0o700)  # personal data: the owner's only
            _fsync_dir(self.path)
        except OSError as exc:
            raise cannot_write(self.target, exc) from None
        backup = None
        if self.target.exists():
            # a new name, not an existing empty folder: Windows cannot rename onto one
            backup = self.target.parent / (
                _aside(self.target, BACKUP) + f"{os.getpid()}-{secrets.token_hex(4)}"
            )
            try:
                os.replace(self.target, backup)
            except OSError as exc:
                raise cannot_write(self.target, exc) from None
        try:
            os.replace(self.path, self.target)
        except OSError as exc:
            if backup is not None:
                os.replace(backup, self.target)
            raise cannot_write(self.target, exc) from None
        _fsync_dir(self.target.parent)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)

    def empty(self, keep: str | None = None) -> None:
        """Start the staging folder afresh (every output is written again), but for the
        file named `keep`."""
        for entry in list(self.path.iterdir()):
            if entry.name == keep:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def cannot_write(target: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        reason = _("the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EBUSY):
        reason += _(" (is one of its files open, e.g. in Excel?)")  # Windows locks open files
    return OutputError(
        _("cannot write {target}: {reason}; the earlier outputs are unchanged").format(
            target=target, reason=reason
        )
    )


def _fsync_dir(folder: Path) -> None:
    """Make renames durable where the system allows it (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def output_folder(target: Path, inputs: Iterable[Path]) -> Iterator[Staging]:
    """Lock the output folder, check it is ours to replace, clean up after dead runs, and
    give a staging folder; on success it replaces the output folder, otherwise (error,
    Ctrl-C, SIGTERM) it is removed and the output folder stays as it was."""
    target = Path(target).absolute()
    check_target(target, inputs)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(target, exc) from None
    with exclusive(target):
        try:
            recover(target)
        except OSError as exc:
            raise cannot_write(target, exc) from None
        check_target(target, inputs)  # again: a recovered backup may be what is there now
        try:
            staging = Staging(target)
        except BaseException:
            # Ctrl-C or SIGTERM in the instant between the folder's making and `staging`
            # naming it: under the lock, any staging folder of DIR is this run's.
            for made in _asides(target, STAGING):
                shutil.rmtree(made, ignore_errors=True)
            raise
        try:
            yield staging
            staging.commit()
        finally:
            staging.discard()
