"""`batch EXPORT --ratings RATER_EXPORT...`: ratings by others joined to the batch's people
(issue 24). Each rater export is read before the run (io/rater_export.py: a file that
cannot be read at all ends the run before anything is written, exit 2); while the rows are
scored, every person with ratings keeps their answers; at the end each of them gets the
self-beside-others page that `report SELF --ratings R…` writes (core/ratings.self_other and
views/ratings_page, the one code path), next to their person report. A rating whose person
is not in the export, or a row that is no rating, is listed in rejected.csv with its file,
row and reason, and the run ends with exit code 1: nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from netzkompetenz.core.matrix import AnswerCodes
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.people import person_key
from netzkompetenz.core.ratings import Rating, SelfOther, cohort_self_other, self_other
from netzkompetenz.core.scoring import AnswerValue
from netzkompetenz.i18n import _, ngettext
from netzkompetenz.io.files import atomic_write, file_slug, sync_written, write_private
from netzkompetenz.io.pseudonyms import pseudonym
from netzkompetenz.io.rater_export import RaterExport, read_rater_export
from netzkompetenz.io.rater_forms import development_only


def read_exports(paths: Sequence[Path], questionnaire: Questionnaire) -> list[RaterExport]:
    return [read_rater_export(path, questionnaire) for path in paths]


def _key(name: str) -> str | None:
    return person_key(name, "")  # as `report --ratings` matches: case and spaces ignored


@dataclass
class _Rated:
    number: int  # the person's row in the self-assessment export
    name: str  # as the outputs name them (the pseudonym with --pseudonymize)
    values: dict[str, AnswerValue]
    ratings: list[Rating] = field(default_factory=list)


class RatingsJoin:
    """One run's join: the people of the export who have ratings, and what is left over."""

    def __init__(
        self, exports: list[RaterExport], questionnaire: Questionnaire, key: bytes | None
    ) -> None:
        self.exports, self.q = exports, questionnaire
        self.key = key  # --pseudonymize: no name of the export in rejected.csv either
        self.wanted = {
            _key(found.rating.rated.name) for export in exports for found in export.ratings
        }
        self.people: dict[str | None, _Rated] = {}

    def add(
        self,
        numbers: Sequence[int],
        names: Sequence[str],
        shown: Sequence[str],
        codes: np.ndarray,
        answer_codes: AnswerCodes,
    ) -> None:
        """Scored rows of a chunk: `names` as written in the export, `shown` as the outputs
        name them; a later row of the same person replaces an earlier one (the batch counts
        the last submission)."""
        for i, name in enumerate(names):
            key = _key(name)
            if key is not None and key in self.wanted:
                self.people[key] = _Rated(numbers[i], shown[i], answer_codes.values(codes[i]))

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

    def write_pages(self, folder: Path, fmt: str, lang: str) -> int:
        """The self-beside-others page of every person with ratings, beside their person
        report: `<row>-<name>.ratings.<fmt>`. Returns how many were written."""
        from netzkompetenz.views.ratings_page import render_ratings

        written = 0
        for person, compared in self.compared():
            folder.mkdir(mode=0o700, exist_ok=True)  # personal data
            slug = file_slug(person.name) or "person"
            page = folder / f"{person.number:05d}-{slug}.ratings.{fmt}"
            write_private(page, render_ratings(compared, person.name, fmt, lang))
            written += 1
        sync_written()
        return written

    def write_cohort(self, folder: Path, export: str, lang: str) -> None:
        """cohort-ratings.html and .md: group-level self–other differences, no person."""
        from netzkompetenz.views.cohort_ratings_page import (
            cohort_ratings_view,
            render_cohort_ratings,
        )

        found = cohort_self_other(self.q, [c for _p, c in self.compared()])
        view = cohort_ratings_view(found, self.q, export)
        for fmt in ("html", "md"):
            page = render_cohort_ratings(view, fmt, lang)
            atomic_write(folder / f"cohort-ratings.{fmt}", page, private=True)


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
