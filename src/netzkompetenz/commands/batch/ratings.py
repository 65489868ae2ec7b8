"""`batch EXPORT --ratings RATER_EXPORT...`: ratings by others joined to the batch's people
(issue 24), as one more sink of the run (sinks.py). Each rater export is read before the
run (io/rater_export.py: a file that cannot be read at all ends the run before anything is
written, exit 2); while the rows are scored, every person with ratings keeps their answers;
at the end each of them gets the self-beside-others page that `report SELF --ratings R…`
writes (core/ratings.self_other and views/ratings_page, the one code path), next to their
person report, and the cohort gets cohort-ratings.html/.md (group level only). A rating
whose person is not in the export, or a row that is no rating, is listed in rejected.csv
with its file, row and reason, and the run ends with exit code 1: nothing is dropped
silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netzkompetenz.commands.batch.options import BatchOptions
from netzkompetenz.commands.batch.report import BatchReport
from netzkompetenz.commands.batch.rows import ScoredChunk
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.people import person_key
from netzkompetenz.core.ratings import Rating, SelfOther, cohort_self_other, self_other
from netzkompetenz.core.scoring import AnswerValue, answers_of
from netzkompetenz.i18n import _
from netzkompetenz.io.files import atomic_write, file_slug, write_private
from netzkompetenz.io.pseudonyms import pseudonym
from netzkompetenz.io.rater_export import RaterExport, read_rater_export


def read_exports(paths: Sequence[Path], questionnaire: Questionnaire) -> tuple[RaterExport, ...]:
    return tuple(read_rater_export(path, questionnaire) for path in paths)


def _key(name: str) -> str | None:
    return person_key(name, "")  # as `report --ratings` matches: case and spaces ignored


@dataclass
class _Rated:
    number: int  # the person's row in the self-assessment export
    name: str  # as the outputs name them (the pseudonym with --pseudonymize)
    values: dict[str, AnswerValue]
    ratings: list[Rating] = field(default_factory=list)


class RatingsJoin:
    """The sink of --ratings: the people of the export who have ratings, and at the end
    their pages, the cohort's page and what is left over."""

    def __init__(
        self, folder: Path, export: str, options: BatchOptions, report: BatchReport
    ) -> None:
        self.folder, self.export, self.options, self.report = folder, export, options, report
        self.exports, self.q = options.ratings, options.questionnaire
        self.key = options.key  # --pseudonymize: matched by pseudonym, none shown
        self.wanted: dict[str | None, str] = {
            _key(found.rating.rated.name): found.rating.rated.name
            for export in self.exports
            for found in export.ratings
        }
        self.pseudonyms: dict[str, dict[str, str | None]] = {}  # organisation -> its people's
        self.people: dict[str | None, _Rated] = {}

    def add(self, chunk: ScoredChunk) -> None:
        """A later row of the same person replaces an earlier one (the last submission
        counts; superseded rows never reach a sink)."""
        for i, (name, organisation, _tandem) in enumerate(chunk.people):
            key = self._rated_key(name, organisation)
            if key is not None and key in self.wanted:
                self.people[key] = _Rated(chunk.numbers[i], name, answers_of(chunk.scores, i))

    def _rated_key(self, name: str, organisation: str) -> str | None:
        if self.key is None:
            return _key(name)
        # the outputs hold the pseudonym of name and organisation: a rating matches when
        # its rated name gives the same pseudonym with this row's organisation
        if organisation not in self.pseudonyms:
            self.pseudonyms[organisation] = {
                pseudonym(self.key, rated, organisation): key for key, rated in self.wanted.items()
            }
        return self.pseudonyms[organisation].get(name)

    def finish(self) -> None:
        left = self.rejections()
        self.report.ratings_left = len({(row, column.split(": ")[0]) for row, column, *_r in left})
        self.report.rejections += left
        compared = self.compared()
        self.report.rated = len(compared)
        if self.options.reports != "none":
            self.write_pages(compared)
        if "cohort" in self.options.outputs:
            self.write_cohort(compared)

    def rejections(self) -> list[tuple[int, str, str, str]]:
        """Rows of rejected.csv: every rating row that is no rating, and every rating of a
        person who is not in the self-assessment export. Joins the others."""
        out = []
        for export in self.exports:
            name = export.path.name
            for bad in export.rejected:
                out.append((bad.row, f"{name}: {bad.column}", bad.value, bad.reason))
            for found in export.ratings:
                person = self.people.get(_key(found.rating.rated.name))
                if person is None:
                    out.append(
                        (
                            found.row,
                            f"{name}: rated",
                            self._shown(found.rating.rated.name),
                            _(
                                "a rating of a person who is not in the self-assessment "
                                "export (matched by name or pseudonym): not shown"
                            ),
                        )
                    )
                else:
                    person.ratings.append(found.rating)
        return out

    def _shown(self, name: str) -> str:
        return name if self.key is None else pseudonym(self.key, name, "")

    def compared(self) -> list[tuple[_Rated, SelfOther]]:
        """Self beside others for every person with ratings (after rejections())."""
        return [
            (person, self_other(self.q, person.values, person.ratings))
            for person in self.people.values()
            if person.ratings
        ]

    def write_pages(self, compared: list[tuple[_Rated, SelfOther]]) -> None:
        """The self-beside-others page of every person with ratings, beside their person
        report: `<row>-<name>.ratings.<fmt>`."""
        from netzkompetenz.views.ratings_page import render_ratings

        folder, fmt = self.folder / "reports", self.options.reports
        for person, found in compared:
            folder.mkdir(mode=0o700, exist_ok=True)  # personal data
            slug = file_slug(person.name) or "person"
            page = folder / f"{person.number:05d}-{slug}.ratings.{fmt}"
            write_private(page, render_ratings(found, person.name, fmt))

    def write_cohort(self, compared: list[tuple[_Rated, SelfOther]]) -> None:
        """cohort-ratings.html and .md: group-level self–other differences, no person."""
        from netzkompetenz.views.cohort_ratings_page import (
            cohort_ratings_view,
            render_cohort_ratings,
        )

        found = cohort_self_other(self.q, [c for _p, c in compared])
        view = cohort_ratings_view(found, self.q, self.export)
        for fmt in ("html", "md"):
            page = render_cohort_ratings(view, fmt)
            atomic_write(self.folder / f"cohort-ratings.{fmt}", page, private=True)
