"""A --data copy of the bundled content, changed where a test needs content the bundled
files no longer have (kept apart from helpers.py, which is at its size limit)."""

from __future__ import annotations

from pathlib import Path

from helpers import ROOT


def data_copy(folder: Path, *changes: tuple[str, str, str]) -> Path:
    """`folder` made a --data folder: the bundled questionnaires and profiles (their current
    versions; the archived ones are still found in the bundled content), each change (file
    name, text, replacement) made where the text stands exactly once, so that a test fails
    loudly when the YAML it edits has changed rather than test content it no longer has."""
    for kind in ("questionnaires", "profiles"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
        for source in sorted((ROOT / kind).glob("*.yaml")):
            text = source.read_text(encoding="utf-8")
            for name, old, new in changes:
                if name == source.name:
                    assert text.count(old) == 1, f"{name}: {old!r} found {text.count(old)} times"
                    text = text.replace(old, new)
            (folder / kind / source.name).write_text(text, encoding="utf-8")
    copied = {p.name for kind in ("questionnaires", "profiles") for p in folder.glob(f"{kind}/*")}
    assert {name for name, _, _ in changes} <= copied, changes
    return folder


PAIRED = tuple(
    (name, head, head + "    pair: P4\n")
    for name, head in (
        ("netzwerkkoordination.yaml", "  - id: K5_09\n    dimension: K5\n    kind: autonomy\n"),
        ("netzwerkmanagement.yaml", "  - id: F6_02\n    dimension: F6\n    kind: autonomy\n"),
    )
)
"""The changes for `data_copy` that pair K5_09 and F6_02 again as P4, as content 3.0 did
until its twelfth read (now the shared condition R21): the bundled content has no pair left,
the pair machinery (users' own content, the archived 2.0) is tested on this copy."""
