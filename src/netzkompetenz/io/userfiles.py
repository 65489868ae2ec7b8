"""The person's own files: answers and reports of the self-check live in a per-user data
folder (platformdirs: ~/.local/share/netzkompetenz, %LOCALAPPDATA%\\netzkompetenz,
~/Library/Application Support/netzkompetenz), not in whatever folder the check was started
in, so that `check` finds them again on another day and `list --mine` can show them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netzkompetenz.errors import InputError

if TYPE_CHECKING:  # the check's first question comes before the models are loaded
    from netzkompetenz.core.answers import Answers

PREFIX = "netzkompetenz-"


def data_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("netzkompetenz", appauthor=False))


def data_folder_problem(folder: Path | None = None) -> OSError | None:
    """Why no answers file can be saved in the data folder (made here if need be), or None.
    Asked before the first question: a check that cannot save must not let the person
    answer first (a file where the folder should be, a folder without write permission)."""
    import tempfile

    folder = folder or data_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc
    return None


def default_answers_path(role: str, today: date | None = None, folder: Path | None = None) -> Path:
    """netzkompetenz-<role>-<YYYY-MM-DD>.json in the data folder; a second check of the
    same day gets -2, -3 … instead of taking the first one's place."""
    folder = folder or data_folder()
    # the tool's own folder, made on first use; personal answers: for its owner only
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"{PREFIX}{role}-{(today or date.today()).isoformat()}"
    path, n = folder / f"{stem}.json", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.json"
    return path


@dataclass(frozen=True)
class OwnCheck:
    path: Path
    answers: Answers
    saved: float  # modification time: when the last answer was saved


def own_checks(folder: Path | None = None) -> list[OwnCheck]:
    """The answers files in the data folder, most recently saved first; files that cannot
    be read are left out (they are not the person's check)."""
    from netzkompetenz.io.answers_file import read_answers

    folder = folder or data_folder()
    found = []
    for path in folder.glob(f"{PREFIX}*.json"):
        if ".changed-" in path.name:  # another program's version, kept aside by check
            continue
        try:
            found.append(OwnCheck(path, read_answers(path), path.stat().st_mtime))
        except (InputError, OSError):
            continue
    return sorted(found, key=lambda c: c.saved, reverse=True)


def surely_no_unfinished(folder: Path | None = None) -> bool:
    """True when no answers file in the data folder is an unfinished check: each one read
    as plain JSON, without the models (a file that cannot be read so is not counted as
    surely finished). own_checks stays the one that decides."""
    for path in (folder or data_folder()).glob(f"{PREFIX}*.json"):
        try:
            if json.loads(path.read_bytes()).get("status") != "complete":
                return False
        except (OSError, ValueError, AttributeError):
            return False
    return True


def own_reports(folder: Path | None = None) -> list[Path]:
    folder = folder or data_folder()
    return sorted(
        (p for p in folder.glob("*") if p.suffix.lower() in (".html", ".md")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
