"""Which column of a survey export holds which item or respondent field: by item id, survey
code, item text, a tool's grid header, or a mapping file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netzkompetenz.core.model import Questionnaire
from netzkompetenz.errors import InputError, Problem
from netzkompetenz.i18n import _
from netzkompetenz.io.limesurvey import OWN_SYSTEM_FIELDS
from netzkompetenz.io.mapping import ColumnMapping
from netzkompetenz.io.survey_tools import (
    RESPONDENT_HEADERS,
    SUBMITDATE,
    SYSTEM_COLUMNS,
    bare_id,
    group_tails,
    normalise,
)
from netzkompetenz.io.surveyheaders import HeaderGuide, prefer_over_builtin
from netzkompetenz.io.table import Table
from netzkompetenz.io.unscored import Unscored, UnscoredColumns


@dataclass
class Columns:
    """What each column of the export holds."""

    items: dict[int, int]  # column -> item index
    respondent: dict[str, int]  # field -> column
    submitdate: int | None
    unknown: list[str]  # headers that are neither answers nor system columns
    # field -> every column found for it, in the order tried per row (first filled wins)
    alternatives: dict[str, list[int]] = field(default_factory=dict)
    # content v2: context, framework and reflection columns (io/unscored.py)
    unscored: UnscoredColumns = field(default_factory=UnscoredColumns)


def match_columns(table: Table, questionnaire: Questionnaire, mapping: ColumnMapping) -> Columns:
    ids = {item.id: n for n, item in enumerate(questionnaire.items)}
    by_bare = {bare_id(i): n for i, n in ids.items()}
    by_text: dict[str, int | None] = {}
    for n, q_item in enumerate(questionnaire.items):
        for label in q_item.text.values():
            key = normalise(label)
            by_text[key] = None if key in by_text and by_text[key] != n else n  # ambiguous
    wanted = {v: k for k, v in mapping.respondent.items()}
    guide = HeaderGuide(questionnaire)  # the tools' header styles for this tool's own forms
    unscored = Unscored(questionnaire)
    found: dict[str, list[int]] = {}
    items: dict[int, int] = {}
    first: dict[int, int] = {}
    respondent: dict[str, int] = {}
    submitdate: int | None = None
    system_columns: dict[str, int] = {}  # system field -> its first column
    abbreviated: list[int] = []
    unknown: list[str] = []
    problems: list[Problem] = []
    for col, raw in enumerate(table.header):
        header = raw.strip().lstrip("\ufeff")
        norm = normalise(header)
        if header in mapping.columns:
            item = None if (target := mapping.columns[header]) is None else ids[target]
        elif header in wanted:
            respondent.setdefault(wanted[header], col)
            continue
        elif norm in SYSTEM_COLUMNS or guide.system(header):
            system = guide.system(header) or norm
            if SUBMITDATE in (norm, system):
                submitdate = col
            system_columns.setdefault(system, col)
            continue
        elif (
            who := _respondent_field(norm) or guide.respondent(header)
        ) and who not in mapping.respondent:
            found.setdefault(who, []).append(col)
            continue
        else:
            item = _item_of(header, ids, by_bare, by_text)
            item = guide.item(header) if item is None else item
            if item is None:
                if header and not unscored.match(col, header):
                    unknown.append(header)
                    if guide.abbreviated(header):
                        abbreviated.append(col)
                continue
        if item is None:
            continue
        if item in first:
            problems.append(
                Problem(
                    str(table.source),
                    _("column '{header}' and column {number} both hold item '{item}'").format(
                        header=header, number=first[item] + 1, item=questionnaire.items[item].id
                    ),
                    1,
                    col + 1,
                )
            )
            continue
        first[item] = col
        items[col] = item
    if problems:
        raise InputError(problems)
    if abbreviated:
        raise InputError.single(
            table.source,
            _(
                "column '{column}' has an abbreviated heading (LimeSurvey's \"Abbreviated "
                'question text"): items whose texts start alike cannot be told apart. Export '
                'the responses again with headings "Question code"'
            ).format(column=table.header[abbreviated[0]].strip()),
            1,
            abbreviated[0] + 1,
        )
    if submitdate is None:
        _require_submitdate(table, [c for f, c in system_columns.items() if f in OWN_SYSTEM_FIELDS])
    if not items:
        raise InputError.single(
            table.source,
            _(
                "no column matches an item of questionnaire '{questionnaire}' (by "
                "item id, item text or a --mapping file; see docs/batch.md)"
            ).format(questionnaire=questionnaire.id),
            1,
        )
    alternatives = {who: prefer_over_builtin(table.header, cols) for who, cols in found.items()}
    respondent.update({who: cols[0] for who, cols in alternatives.items()})
    return Columns(items, respondent, submitdate, unknown, alternatives, unscored.columns)


def _require_submitdate(table: Table, own_columns: list[int]) -> None:
    """A LimeSurvey export without `submitdate` is refused: which responses are complete
    cannot be told, and an incomplete one must never be scored as if it were complete."""
    if own_columns:
        col = min(own_columns)
        raise InputError.single(
            table.source,
            _(
                "a LimeSurvey export (column '{column}') without the column submitdate "
                '("Date submitted"): complete and incomplete responses cannot be told apart. '
                'Export the responses again with the column "Date submitted" selected'
            ).format(column=table.header[col].strip()),
            1,
            col + 1,
        )


def _respondent_field(norm: str) -> str | None:
    for candidate in (norm, *group_tails(norm)):
        found = next((f for f, names in RESPONDENT_HEADERS.items() if candidate in names), None)
        if found:
            return found
    return None


def _item_of(
    header: str, ids: dict[str, int], by_bare: dict[str, int], by_text: dict[str, int | None]
) -> int | None:
    """By item id, then by item text; for `X[Y]` headers (LimeSurvey codes, Google Forms
    grids "Question [row]") also by the part in brackets, then by the part before it."""
    candidates = [header]
    bracket = re.match(r"^(.*?)\s*\[([^\]]*)\]\s*$", header)
    if bracket:
        candidates += [bracket.group(2), bracket.group(1)]
    for candidate in candidates + group_tails(header):
        if candidate in ids:
            return ids[candidate]
    for candidate in candidates:
        bare = bare_id(candidate)
        if bare and bare in by_bare:
            return by_bare[bare]
    for candidate in candidates:
        found = by_text.get(normalise(candidate))
        if found is not None:
            return found
    return None


def fitting_version(table: Table, versions: list[Questionnaire]) -> Questionnaire:
    """Of a questionnaire's versions (the current one first), the one the export's headers
    fit: the fewest columns that match no item. An export of an older version has columns
    for items the current one dropped, so it is scored with its own version (docs/batch.md);
    a tie keeps the current one."""
    best, fewest = versions[0], len(table.header) + 1
    for version in versions:
        try:
            unknown = len(match_columns(table, version, ColumnMapping()).unknown)
        except InputError:  # headers this version cannot place at all
            continue
        if unknown < fewest:
            best, fewest = version, unknown
    return best
