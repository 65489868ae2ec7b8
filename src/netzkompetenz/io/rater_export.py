"""Rater exports (Fremdeinschätzung, issue 24): what LimeSurvey, KoBoToolbox/ODK or a filled
template gives back for a rater form of `export --relation` (io/rater_forms.py), read as
ratings – the same records as rating files (core/ratings.Rating), so that a person's
self–other comparison is made by one code path whichever way the ratings came.

Columns are found by the self-assessment's rules (io/columns.py) on the rater view of the
questionnaire (its third-person texts and rater labels); cells are coded by io/cells.py.
The rated person and the relation are found by their field names (`rated`, `relation`;
also behind a KoBo/ODK group path or a LimeSurvey "code & text" heading) or their
question texts. A row that cannot become a rating is returned with its reason, never
dropped: batch lists it in rejected.csv.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from netzkompetenz.core.answers import Respondent, check_value, questionnaire_ref
from netzkompetenz.core.model import CANNOT_JUDGE, Questionnaire
from netzkompetenz.core.ratings import (
    RELATIONS,
    Rating,
    Relation,
    rater_questionnaire,
    rating_problems,
)
from netzkompetenz.errors import InputError
from netzkompetenz.i18n import LANGUAGES, _, gettext_in
from netzkompetenz.io import limesurvey
from netzkompetenz.io.cells import CellCodes
from netzkompetenz.io.columns import Columns, match_columns
from netzkompetenz.io.files import reading
from netzkompetenz.io.forms import is_note_row
from netzkompetenz.io.mapping import ColumnMapping
from netzkompetenz.io.rater_forms import RATER_FIELDS, rater_texts
from netzkompetenz.io.survey_tools import group_tails, normalise
from netzkompetenz.io.tabular import open_table


@dataclass(frozen=True)
class RatingRow:
    row: int  # in the export
    rating: Rating


@dataclass(frozen=True)
class RejectedRating:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class RaterExport:
    path: Path
    ratings: list[RatingRow] = field(default_factory=list)
    rejected: list[RejectedRating] = field(default_factory=list)


def relation_names() -> dict[str, Relation]:
    """What a relation cell may hold: the id, or its name in any language of the tool."""
    names: dict[str, Relation] = {r: r for r in RELATIONS}
    for lang in LANGUAGES:
        for relation, text in (
            ("leader", gettext_in(lang, "Leader")),
            ("colleague", gettext_in(lang, "Colleague")),
            ("partner", gettext_in(lang, "Network partner")),
        ):
            names.setdefault(normalise(text), relation)  # type: ignore[arg-type]  # a Relation
    return names


def field_columns(header: list[str]) -> dict[str, int]:
    """The columns of the rated person and the relation (the first of each)."""
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        texts = rater_texts(lang)
        for name in RATER_FIELDS:
            names.setdefault(normalise(name), name)
            names.setdefault(normalise(texts[name]), name)
    found: dict[str, int] = {}
    for col, raw in enumerate(header):
        text = raw.strip().lstrip("\ufeff")
        heading = limesurvey.split_heading(text, RATER_FIELDS)
        candidates = [text, *group_tails(text), *([heading.code] if heading else [])]
        for candidate in candidates:
            known = names.get(normalise(candidate))
            if known is not None:
                found.setdefault(known, col)
                break
    return found


def read_rater_export(path: Path, questionnaire: Questionnaire) -> RaterExport:
    """Every row of the export as a rating of the questionnaire's rater version, or
    rejected with its reason. The file itself unreadable, or without a column for the
    rated person: exit 2, placed at the header."""
    with reading(path):
        table = open_table(path)
        view = rater_questionnaire(questionnaire, "leader")  # all rater items
        columns = match_columns(table, view, ColumnMapping())
        fields = field_columns(table.header)
        if "rated" not in fields:
            raise InputError.single(
                path,
                _(
                    "no column for the rated person (`rated`, as in the rater forms of "
                    "`export --relation`): the ratings cannot be joined to anybody"
                ),
                1,
            )
        reader = _Rows(path, view, questionnaire, columns, fields, table.header)
        found = RaterExport(path)
        for number, row in table.rows:
            problems = table.problems.pop(number, [])
            for problem in problems:  # a cell that is not what it seems: not a rating
                column = header_of(table.header, problem.column)
                found.rejected.append(RejectedRating(number, column, problem.value, problem.reason))
            if not problems:
                reader.read(number, row, found)
    return found


def header_of(header: list[str], column: int) -> str:
    return header[column].strip() if 0 <= column < len(header) else ""


class _Rows:
    def __init__(
        self,
        path: Path,
        view: Questionnaire,
        questionnaire: Questionnaire,
        columns: Columns,
        fields: dict[str, int],
        header: list[str],
    ) -> None:
        self.path, self.view, self.q = path, view, questionnaire
        self.columns, self.fields, self.header = columns, fields, header
        self.codes = CellCodes(view, ColumnMapping())
        self.relations = relation_names()

    def cell(self, row: list[str], col: int | None) -> str:
        return row[col].strip() if col is not None and col < len(row) else ""

    def read(self, number: int, row: list[str], found: RaterExport) -> None:
        if not any(c.strip() for c in row) or is_note_row(row):
            return  # a blank row, or the template's note row
        reject = _Rejecter(number, found)
        submit = self.columns.submitdate
        if submit is not None and not self.cell(row, submit):
            reject(self.header[submit], "", _("incomplete response (submitdate is empty)"))
            return
        rated = self.cell(row, self.fields["rated"])
        if not rated:
            reject(self.header[self.fields["rated"]], "", _("no rated person named"))
            return
        relation_cell = self.cell(row, self.fields.get("relation"))
        relation = self.relations.get(normalise(relation_cell))
        if relation is None:
            column = self.fields.get("relation")
            reject(
                self.header[column] if column is not None else "relation",
                relation_cell,
                _("not a relation (leader, colleague or partner)"),
            )
            return
        values: dict[str, int | Literal["cannot_judge"]] = {}
        for col, index in sorted(self.columns.items.items()):
            item = self.view.items[index]
            value, reason = check_value(self.view, item.id, self.codes.convert(row[col]))
            if reason is not None:
                reject(self.header[col].strip(), row[col], str(reason))
            elif isinstance(value, int):
                values[item.id] = value
            elif value == CANNOT_JUDGE:  # the rater view offers no "not applicable"
                values[item.id] = CANNOT_JUDGE
        if reject.count:
            return
        rating = Rating(
            questionnaire=questionnaire_ref(self.q),
            rated=Respondent(name=rated),
            relation=relation,
            status="complete",
            values=values,
        )
        for where, message in rating_problems(rating, self.q):  # a partner's answer to
            item_id = str(where[-1])  # a statement only leaders and colleagues are asked
            reject(item_id, str(values.get(item_id, "")), str(message))
        if not values:
            reject("", "", _("not a single statement answered"))
        if not reject.count:
            found.ratings.append(RatingRow(number, rating))


class _Rejecter:
    def __init__(self, number: int, found: RaterExport) -> None:
        self.number, self.found, self.count = number, found, 0

    def __call__(self, column: str, value: str, reason: str) -> None:
        self.count += 1
        self.found.rejected.append(RejectedRating(self.number, column, value, reason))
