"""A cohort's self beside others (issue 24, `batch --ratings`): per dimension and group of
raters the mean self–other difference and how many people have a blind spot or a hidden
strength there – group level only, no person, and no number from fewer people than the
cohort report shows. Pages cohort-ratings.md and cohort-ratings.html."""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.cohort import MIN_GROUP as COHORT_MIN
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import GROUPS, MIN_GROUP, CohortSelfOther
from netzkompetenz.i18n import _, format_number, ngettext, pick
from netzkompetenz.views.ratings_page import development_note
from netzkompetenz.views.render import render


@dataclass(frozen=True)
class GapCell:
    difference: str  # "+12", or "<5" when suppressed, "–" for nobody
    people: str
    blind_spots: str
    hidden_strengths: str


@dataclass(frozen=True)
class GapRow:
    id: str
    title: str
    cells: tuple[GapCell, ...]


@dataclass(frozen=True)
class CohortRatingsView:
    title: str
    export: str
    people: int
    development: str
    groups: tuple[str, ...]  # the groups' names, one column each
    rows: tuple[GapRow, ...]
    notes: tuple[str, ...]  # why groups are merged, left out or suppressed
    method: str


def group_name(group: str) -> str:
    return {
        "leader": _("Leader"),
        "colleague": _("Colleagues"),
        "partner": _("Network partners"),
        "other": _("Others (colleagues and partners)"),
    }[group]


def _count(value: int) -> str:
    return f"<{COHORT_MIN}" if value < COHORT_MIN else str(value)


def cohort_ratings_view(
    found: CohortSelfOther, questionnaire: Questionnaire, export: str
) -> CohortRatingsView:
    groups = [g for g in GROUPS if any(gap.group == g for gap in found.gaps)]
    rows = []
    for dim in questionnaire.dimensions:
        by = {gap.group: gap for gap in found.gaps if gap.dimension == dim.id}
        if not by:
            continue
        cells = []
        for group in groups:
            gap = by.get(group)
            if gap is None:
                cells.append(GapCell("–", "0", "–", "–"))
            elif gap.mean_difference is None:
                suppressed = f"<{COHORT_MIN}"
                cells.append(GapCell(suppressed, _count(gap.people), suppressed, suppressed))
            else:
                cells.append(
                    GapCell(
                        ("+" if gap.mean_difference > 0 else "")
                        + format_number(gap.mean_difference),
                        str(gap.people),
                        str(gap.blind_spots),
                        str(gap.hidden_strengths),
                    )
                )
        rows.append(GapRow(dim.id, pick(dim.title), tuple(cells)))
    return CohortRatingsView(
        title=pick(questionnaire.title),
        export=export,
        people=found.people,
        development=development_note(),
        groups=tuple(group_name(g) for g in groups),
        rows=tuple(rows),
        notes=_notes(found),
        method=_(
            "Per dimension and group of raters: the mean of self minus others over the people "
            "compared, in percentage points of the scale, on the statements both sides "
            "answered; then how many of them have a possible blind spot (self clearly "
            "higher) or a possible hidden strength (self clearly lower) there, by the rule "
            "of the person's page. No person is shown. A number from fewer than {min} "
            "people is not shown (“<{min}”)."
        ).format(min=COHORT_MIN),
    )


def _notes(found: CohortSelfOther) -> tuple[str, ...]:
    notes = [
        _(
            "Colleagues and network partners count as a group for a person only from {min} "
            "ratings on; fewer are merged into “Others” when together they reach {min}, "
            "else left out, so that no single rating can be recognised."
        ).format(min=MIN_GROUP)
    ]
    for relation, people in sorted(found.merged.items()):
        notes.append(
            ngettext(
                "{group}: for {count} person too few ratings, merged into “Others”.",
                "{group}: for {count} people too few ratings, merged into “Others”.",
                max(people, COHORT_MIN),  # "<5" reads as a plural
            ).format(group=group_name(relation), count=_count(people))
        )
    for relation, people in sorted(found.left.items()):
        notes.append(
            ngettext(
                "{group}: for {count} person too few ratings, left out.",
                "{group}: for {count} people too few ratings, left out.",
                max(people, COHORT_MIN),
            ).format(group=group_name(relation), count=_count(people))
        )
    return tuple(notes)


def render_cohort_ratings(view: CohortRatingsView, fmt: str) -> str:
    return render(f"cohort_ratings.{fmt}", r=view)
