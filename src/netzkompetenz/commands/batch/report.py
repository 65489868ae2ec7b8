"""What happened to the rows of a batch: counts, rejections, the final line and exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netzkompetenz.errors import ExitCode
from netzkompetenz.i18n import _, ngettext
from netzkompetenz.io.rater_forms import development_only


@dataclass
class BatchReport:
    """Counts what happened to the rows, like Black's report of files: one bad row never
    stops the run; the exit code says whether there were any."""

    out_dir: Path
    scored: int = 0
    empty: int = 0
    rows: int = 0  # rows that hold anything
    superseded: list[int] = field(default_factory=list)  # rows of earlier submissions
    left_out: list[str] = field(default_factory=list)  # outputs that could not be written
    hidden: list[int] = field(default_factory=list)  # hidden spreadsheet rows read
    rejections: list[tuple[int, str, str, str]] = field(default_factory=list)
    # by row number, to set a row aside when a later submission of its person turns up
    rejected_rows: list[int] = field(default_factory=list)
    dropped_in: list[int] = field(default_factory=list)  # per context / framework cell left
    # out (the row itself is scored)
    unplaced_in: list[int] = field(default_factory=list)  # per item answer left out: the
    # context question it depends on is unanswered
    ratings_left: int = 0  # rater export rows not shown: no rating, or its person unknown
    rated: int = 0  # people whose self beside others was made (--ratings)

    @property
    def rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def dropped(self) -> int:
        return len(self.dropped_in)

    @property
    def unplaced(self) -> int:
        return len(self.unplaced_in)

    def reject(self, row: int, column: str, value: str, reason: str) -> None:
        self.rejections.append((row, column, value, reason))

    def set_aside(self, superseded: dict[int, int]) -> None:
        """Rows a later submission of the same person replaces (known only at the end of
        the export): each is listed with that reason alone, as though it had been left out
        when it was read; what else was found in it no longer counts."""
        self.rejections = [r for r in self.rejections if r[0] not in superseded]
        self.rejected_rows = [n for n in self.rejected_rows if n not in superseded]
        self.dropped_in = [n for n in self.dropped_in if n not in superseded]
        self.unplaced_in = [n for n in self.unplaced_in if n not in superseded]
        for number in sorted(superseded):
            self.superseded.append(number)
            self.reject(
                number,
                "",
                "",
                _(
                    "the same person answered again in row {later}: the last submission counts"
                ).format(later=superseded[number]),
            )

    @property
    def exit_code(self) -> int:
        problems = (
            self.rejected
            or self.superseded
            or self.left_out
            or self.dropped
            or self.unplaced
            or self.ratings_left
        )
        return ExitCode.PROBLEMS if problems else ExitCode.OK

    def summary(self) -> str:
        text = self._rows_summary()
        if self.rated or self.ratings_left:
            text += "; " + ratings_summary(self.rated, self.ratings_left, self.out_dir)
        if self.dropped:
            text += "; " + ngettext(
                "{count} answer to a context or framework question left out (not one of "
                "its options): see {file}",
                "{count} answers to context or framework questions left out (not one of "
                "their options): see {file}",
                self.dropped,
            ).format(count=self.dropped, file=self.out_dir / "rejected.csv")
        if self.unplaced:
            text += "; " + ngettext(
                "{count} item answer left out (the context question it depends on is not "
                "answered): see {file}",
                "{count} item answers left out (the context questions they depend on are not "
                "answered): see {file}",
                self.unplaced,
            ).format(count=self.unplaced, file=self.out_dir / "rejected.csv")
        if self.hidden:
            text += "; " + ngettext(
                "{count} row is hidden in the spreadsheet and was read like the others "
                "(row {rows})",
                "{count} rows are hidden in the spreadsheet and were read like the others "
                "(rows {rows})",
                len(self.hidden),
            ).format(
                count=len(self.hidden),
                rows=row_list(self.hidden),
            )
        return text

    def _rows_summary(self) -> str:
        if self.rejected or self.superseded:  # a superseded row is listed like a rejected one
            return ngettext(
                "{scored} row scored, {rejected} rejected: see {file}",
                "{scored} rows scored, {rejected} rejected: see {file}",
                self.scored,
            ).format(
                scored=self.scored,
                rejected=self.rejected + len(self.superseded),
                file=self.out_dir / "rejected.csv",
            )
        return ngettext(
            "{scored} row scored, none rejected: results in {out}",
            "{scored} rows scored, none rejected: results in {out}",
            self.scored,
        ).format(scored=self.scored, out=self.out_dir)


def row_list(numbers: list[int]) -> str:
    """Row numbers for a message: the first 20, then "…"."""
    return ", ".join(map(str, numbers[:20])) + (" …" if len(numbers) > 20 else "")


def ratings_summary(rated: int, left: int, out_dir: Path) -> str:
    """The batch summary's part about the ratings."""
    text = ngettext(
        "ratings by others beside {count} person's self-assessment",
        "ratings by others beside {count} people's self-assessments",
        rated,
    ).format(count=rated) + (" (" + development_only() + ")")
    if left:
        text += "; " + ngettext(
            "{count} rating not shown (its person is not in the export, or it is no "
            "rating): see {file}",
            "{count} ratings not shown (their person is not in the export, or they are no "
            "ratings): see {file}",
            left,
        ).format(count=left, file=out_dir / "rejected.csv")
    return text
