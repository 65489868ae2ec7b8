"""Who is the same person: the one duplicate rule for batch, cohort and plan.

Two submissions are the same person's when they have the same response id, or the same name
and organisation (compared without case and extra spaces). The last submission counts; the
earlier ones are set aside and reported. Rows without a name are never matched by name.
"""

from __future__ import annotations


def person_key(name: str, organisation: str) -> str | None:
    """Name and organisation as compared; None when there is no name to compare."""
    name = name.strip()
    if not name:
        return None
    return " ".join(f"{name}\x00{organisation.strip()}".casefold().split())


class Submissions:
    """Submissions in order (row numbers, or the order of input files), in one pass: each
    one that a later one of the same person replaces is remembered with that later one."""

    def __init__(self) -> None:
        self._last_person: dict[str, int] = {}
        self._last_id: dict[str, int] = {}
        self.superseded: dict[int, int] = {}  # earlier position -> the next one replacing it

    def add(self, position: int, person: str | None, response_id: str | None = None) -> None:
        self.add_all([position], [person], None if response_id is None else [response_id])

    def add_all(
        self, positions: list[int], persons: list[str | None], response_ids: list[str] | None = None
    ) -> None:
        """Many at once, in order (a batch adds a chunk of 4,096 rows per call)."""
        superseded = self.superseded
        for keys, last in (
            (persons, self._last_person),
            (
                None if response_ids is None else [r.strip() or None for r in response_ids],
                self._last_id,
            ),
        ):
            if keys is None:
                continue
            for position, key in zip(positions, keys, strict=True):
                if key is None:
                    continue
                earlier = last.get(key)
                if earlier is not None and earlier != position:
                    superseded.setdefault(earlier, position)
                last[key] = position

    def superseded_by(self, position: int) -> int | None:
        """The later submission that replaces this one, or None if this one counts."""
        return self.superseded.get(position)
