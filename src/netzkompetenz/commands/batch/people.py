"""Who a row of an export is, and which rows are the same person's (core/people.py)."""

from __future__ import annotations

from collections.abc import Callable

from netzkompetenz.core.people import Submissions, person_key
from netzkompetenz.io.columns import Columns
from netzkompetenz.io.survey_tools import RESPONDENT_FIELDS, normalise
from netzkompetenz.io.table import Table


class Respondents:
    """Who a row is: name, organisation and tandem (per row from the first filled of two
    columns for one field), its response id, and whether a later row is the same person."""

    def __init__(self, table: Table, columns: Columns) -> None:
        self.columns = columns
        self.kind = table.kind
        self.width = len(table.header)
        self.id_col = next(
            (c for c, h in enumerate(table.header) if normalise(h.lstrip("\ufeff")) == "id"), None
        )
        self.submissions = Submissions()
        self.name, self.organisation, self.tandem = map(self._getter, RESPONDENT_FIELDS)
        # without name and id columns there is nothing to compare
        self.compare = self.id_col is not None or "name" in columns.respondent

    def shaped(self, row: list[str]) -> list[str] | None:
        """The row with as many cells as the header, or None if its shape does not fit: in a
        CSV a missing or an extra delimiter shifts every later cell, so such a row is never
        realigned and scored. Empty cells beyond the header are dropped (some tools end
        each line with a delimiter); XLSX and JSON rows cannot shift and are padded."""
        width = self.width
        if len(row) == width:
            return row
        if len(row) > width and not any(c.strip() for c in row[width:]):
            return row[:width]
        if self.kind == "csv":
            return None
        return (row + [""] * width)[:width]

    def _getter(self, field_: str) -> Callable[[list[str]], str]:
        """row -> the field's cell, stripped ("" without a column): looked up once, called
        for every row."""
        alternatives = self.columns.alternatives.get(field_, [])
        if len(alternatives) > 1:
            return lambda row: next(
                (row[c] for c in alternatives if row[c].strip()), row[alternatives[0]]
            ).strip()
        col = self.columns.respondent.get(field_)
        return (lambda row: "") if col is None else (lambda row: row[col].strip())

    def cells(self, rows: list[list[str]]) -> list[tuple[str, str, str]]:
        """Name, organisation and tandem of each row ("" where there is none)."""
        return list(
            zip(*(map(str.strip, self._column(rows, f)) for f in RESPONDENT_FIELDS), strict=True)
        )

    def add(self, numbers: list[int], rows: list[list[str]]) -> None:
        """Note the submissions of a chunk of rows (which of them a later one replaces is
        known at the end: `submissions.superseded`)."""
        if not self.compare:
            return
        submit = self.columns.submitdate
        if submit is not None:
            kept = [(n, r) for n, r in zip(numbers, rows, strict=True) if r[submit].strip()]
            numbers, rows = [n for n, _ in kept], [r for _, r in kept]
        persons = list(
            map(person_key, self._column(rows, "name"), self._column(rows, "organisation"))
        )
        ids = None if self.id_col is None else [r[self.id_col] for r in rows]
        self.submissions.add_all(numbers, persons, ids)

    def _column(self, rows: list[list[str]], field_: str) -> list[str]:
        """A field's cells of many rows (not stripped: person_key ignores spacing)."""
        if len(self.columns.alternatives.get(field_, [])) > 1:
            return list(map(self._getter(field_), rows))
        col = self.columns.respondent.get(field_)
        return [""] * len(rows) if col is None else [r[col] for r in rows]
