"""Who is the same person: the one duplicate rule for batch, cohort and plan.

Two submissions are the same person's when they have the same response id, or the same name
and organisation (compared without case and extra spaces). The last submission counts; the
earlier ones are set aside and reported. Rows without a name are never matched by name.
"""

from __future__ import annotations

import numpy as np


def person_key(name: str, organisation: str) -> str | None:
    """Name and organisation as compared; None when there is no name to compare."""
    name = name.strip()
    if not name:
        return None
    return " ".join(f"{name}\x00{organisation.strip()}".casefold().split())


class Submissions:
    """Submissions in order (row numbers, or the order of input files): each one that a later
    one of the same person replaces is remembered with the next one that does (by id or by
    name and organisation, whichever comes first).

    A batch of a million rows must not hold a million keys: each key is kept as a 128-bit
    fingerprint (two independent 64-bit hashes of this process) in arrays: 20 bytes per
    row and kind of key, with the position. Two different keys share a fingerprint with a
    chance of about 10^-26 in a million rows."""

    def __init__(self) -> None:
        self._keys: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {"person": [], "id": []}
        self._superseded: dict[int, int] | None = None

    def add(self, position: int, person: str | None, response_id: str | None = None) -> None:
        self.add_all([position], [person], None if response_id is None else [response_id])

    def add_all(
        self, positions: list[int], persons: list[str | None], response_ids: list[str] | None = None
    ) -> None:
        """Many at once, in order (a batch adds a chunk of 4,096 rows per call)."""
        at = np.array(positions, dtype=np.int32)
        for kind, keys in (
            ("person", persons),
            ("id", None if response_ids is None else [r.strip() or None for r in response_ids]),
        ):
            if keys is None:
                continue
            given = np.array([k is not None for k in keys], dtype=bool)
            present = [k for k in keys if k is not None]
            prints = np.empty((len(present), 2), dtype=np.int64)
            prints[:, 0] = np.fromiter(map(hash, present), dtype=np.int64, count=len(present))
            salted = (k + "\x00" for k in present)  # a second, independent hash
            prints[:, 1] = np.fromiter(map(hash, salted), dtype=np.int64, count=len(present))
            self._keys[kind].append((at[given], prints))
        self._superseded = None

    @property
    def superseded(self) -> dict[int, int]:
        """Earlier position -> the next later one of the same person."""
        if self._superseded is None:
            self._superseded = self._find()
        return self._superseded

    def superseded_by(self, position: int) -> int | None:
        """The later submission that replaces this one, or None if this one counts."""
        return self.superseded.get(position)

    def _find(self) -> dict[int, int]:
        found: dict[int, int] = {}
        for parts in self._keys.values():
            if not parts:
                continue
            at = np.concatenate([p for p, _ in parts])
            prints = np.concatenate([k for _, k in parts])
            order = np.lexsort((at, prints[:, 1], prints[:, 0]))  # by key, then position
            at, prints = at[order], prints[order]
            same = (prints[1:] == prints[:-1]).all(axis=1) & (at[1:] != at[:-1])
            for earlier, later in zip(at[:-1][same].tolist(), at[1:][same].tolist(), strict=True):
                if earlier not in found or later < found[earlier]:
                    found[earlier] = later
        return found
