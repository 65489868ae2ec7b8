"""A cohort's before/after page from two batch runs: the view-model and its rendering.
Matching and the noise rule are in core/compare.py; the counts, signs and sentences are made
here, so that the templates (cohort_change.html, cohort_change.md) only lay out plain data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from netzkompetenz.core.compare import CohortChange, Measured, ScoreChange
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.i18n import ngettext, pick
from netzkompetenz.views.compare_page import percent, signed
from netzkompetenz.views.render import render


@dataclass(frozen=True)
class DimensionSummary:
    """How the matched people changed on one dimension."""

    id: str
    title: str  # empty when the questionnaire is not in the catalogue
    comparable: int
    improved: int
    within_noise: int
    declined: int
    mean_change: str  # signed


@dataclass(frozen=True)
class Cell:
    """One person's change on one dimension."""

    change: str  # signed
    before: str
    after: str
    # "up" / "down": beyond measurement noise; "noise": within it, or not comparable
    trend: Literal["up", "down", "noise"]


@dataclass(frozen=True)
class PersonRow:
    name: str
    organisation: str
    improved: bool  # reliably better on at least one dimension
    changes: tuple[Cell, ...]  # in the order of the dimensions


@dataclass(frozen=True)
class Unmatched:
    """Someone found in one run only (skipped)."""

    name: str
    organisation: str
    source: str  # file:line


@dataclass(frozen=True)
class CohortChangeView:
    first: str  # the two runs' results files
    second: str
    summary: str  # how many improved
    dimensions: tuple[DimensionSummary, ...]
    people: tuple[PersonRow, ...]
    unmatched: bool
    unmatched_before: tuple[Unmatched, ...]
    unmatched_after: tuple[Unmatched, ...]


def render_cohort_change(
    found: CohortChange,
    questionnaire: Questionnaire | None,
    fmt: str,
    first: str,
    second: str,
) -> str:
    return render(
        f"cohort_change.{fmt}",
        c=cohort_change_view(found, questionnaire, first, second),
    )


def cohort_change_view(
    found: CohortChange, questionnaire: Questionnaire | None, first: str, second: str
) -> CohortChangeView:
    """The page's content in the active language; without the questionnaire (not in the
    catalogue) the dimensions go by their ids alone."""
    titles = {d.id: pick(d.title) for d in questionnaire.dimensions} if questionnaire else {}
    n = len(found.people)
    return CohortChangeView(
        first=first,
        second=second,
        summary=ngettext(
            "{improved} of {n} person improved beyond measurement noise on at least one dimension.",
            "{improved} of {n} people improved beyond measurement noise on at least one dimension.",
            n,
        ).format(improved=found.improved, n=n),
        dimensions=tuple(
            DimensionSummary(
                id=d,
                title=titles.get(d, ""),
                comparable=found.count(d, "comparable"),
                improved=found.count(d, "improved"),
                within_noise=found.count(d, "within_noise"),
                declined=found.count(d, "declined"),
                mean_change=signed(found.mean_change(d)),
            )
            for d in found.dimensions
        ),
        people=tuple(
            PersonRow(
                name=p.after.name,
                organisation=p.after.organisation,
                improved=p.improved,
                changes=tuple(_cell(ch) for ch in p.changes),
            )
            for p in found.people
        ),
        unmatched=bool(found.unmatched),
        unmatched_before=tuple(_unmatched(m) for m in found.unmatched_before),
        unmatched_after=tuple(_unmatched(m) for m in found.unmatched_after),
    )


def _cell(ch: ScoreChange) -> Cell:
    trend: Literal["up", "down", "noise"] = (
        "up" if ch.improved else "down" if ch.declined else "noise"
    )
    return Cell(signed(ch.change), percent(ch.before), percent(ch.after), trend)


def _unmatched(m: Measured) -> Unmatched:
    return Unmatched(m.name, m.organisation, m.source)
