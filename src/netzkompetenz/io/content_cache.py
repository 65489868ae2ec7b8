"""The bundled questionnaires and profiles a run needs, read and checked once and kept in
the user's cache folder (docs/performance.md).

Reading a bundled questionnaire and its profile with every check (YAML with positions, the
models, the checks of ids and links) was a sixth of a `report` of one person. What came out
is the same on every run until the files or the code that reads them change, so it is kept
(pickled) under a digest of both: the files' bytes, netzkompetenz's models and readers, and
pydantic's version. Only bundled content is kept: a person's own files (--data) are read
and checked on every run. A cache that cannot be read or written is no error: the files are
read as before. Each update of the tool or of a bundled file makes a new digest: only the
most recently used few are kept, so that the folder does not grow with every update.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent
# The code whose output is kept: a change to any of it is another digest.
_CODE = ("core/model.py", "core/model_checks", "io/yamlsource.py", "io/loader.py", "io/catalog.py")
# A run keeps the files it reads (a report: one questionnaire and its profile; `list`: all),
# so a few sets are in use at once; older digests are of earlier versions.
_KEPT = 12


def _file(files: list[Path]) -> Path | None:
    import pydantic

    from netzkompetenz.io.template_cache import cache_folder

    digest = hashlib.sha256(pydantic.VERSION.encode())
    try:
        code = [_PACKAGE / name for name in _CODE]
        code = [p for c in code for p in (sorted(c.glob("*.py")) if c.is_dir() else [c])]
        for path in [*code, *files]:
            digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return cache_folder() / "content" / f"{digest.hexdigest()[:32]}.pickle"


def load(files: list[Path]) -> list[Any] | None:
    """What `keep` kept for these files, unchanged since; else None."""
    path = _file(files)
    if path is None:
        return None
    try:
        found = pickle.loads(path.read_bytes())  # the user's own cache folder, as jinja2's
    except Exception:  # missing, damaged or from another Python: read the files instead
        return None
    try:
        path.touch()  # used: the last to be let go
    except OSError:
        pass
    return found if isinstance(found, list) else None


def keep(files: list[Path], entries: list[Any]) -> None:
    """Keep the entries read and checked from these files, for the next run."""
    from netzkompetenz.errors import OutputError
    from netzkompetenz.io.files import atomic_write

    path = _file(files)
    if path is None:
        return
    try:
        atomic_write(path, pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, OutputError, pickle.PicklingError):
        return  # a full disk or a read-only home: the next run reads the files again
    _let_go_of_old(path.parent)


def _let_go_of_old(folder: Path) -> None:
    """Remove all but the `_KEPT` most recently used kept files."""
    try:
        kept = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[_KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:  # another run removed one first, or the folder is read-only
        pass
