"""The cohort report of a batch run (cohort.html, cohort.md): the view-model and its
rendering. The statistics, and which groups are too small to show, come from
core/cohort.py (CohortStats.summary); the numbers are formatted, the suppressed counts
written as "<5", the texts picked in the run's language and the notes worded here, so
that the templates only lay out plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.i18n import _, format_date, pick
from netzkompetenz.views.cautions import reversal_note
from netzkompetenz.views.person_modules import number
from netzkompetenz.views.render import render

# Counts are text: a group smaller than the minimum is shown as "<5", never as its number.
Count = Callable[[int | None], str]
Number = Callable[[float | None, int], str]  # a value to so many digits, "–" for none


@dataclass(frozen=True)
class Box:
    """A dimension's box plot on a 0-200 wide scale (2 units per percent)."""

    min: float
    max: float
    q1: float
    width: float  # from the first to the third quartile
    median: float
    target: float


@dataclass(frozen=True)
class DimensionStats:
    id: str
    title: str
    n: str
    mean: str
    sd: str
    min: str
    q1: str
    median: str
    q3: str
    max: str
    target: str
    box: Box | None  # None without a median to show
    levels: tuple[str, ...]  # people per level, in the profile's order
    not_enough: str
    k: int  # items
    alpha_n: str
    alpha: str
    alpha_low: bool  # below 0.7: an inconsistent dimension
    cannot_judge: str
    not_applicable: str


@dataclass(frozen=True)
class ItemFlag:
    """An item to look at, and why."""

    item: str
    dimension: str
    text: str
    note: str


@dataclass(frozen=True)
class DemandRow:
    group: str  # a role, an organisation, or the pooled small organisations, in words
    n: str
    modules: tuple[str, ...]  # people the module is recommended to, in the profile's order


@dataclass(frozen=True)
class ItemStats:
    id: str
    dimension: str
    text: str
    reverse: bool
    answered: str
    cannot_judge: str
    not_applicable: str
    premise_rejected: str  # beside a `premise` item's text; "" for the others
    mean: str
    sd: str


@dataclass(frozen=True)
class Option:
    label: str
    count: str


@dataclass(frozen=True)
class ContextQuestion:
    text: str
    options: tuple[Option, ...]
    not_given: str


@dataclass(frozen=True)
class FrameworkCondition:
    id: str
    text: str
    yes: str
    no: str
    unknown: str
    not_given: str


@dataclass(frozen=True)
class StyleRow:
    """A response style and how many people's answers show it (docs/scoring.md §8)."""

    label: str
    count: str  # "<5" when too few to show, "–" when not checked


@dataclass(frozen=True)
class CohortView:
    title: str  # the questionnaire's
    profile: str  # the profile's title
    export: str  # the file name of the survey export
    scored: int
    rejected: int
    pseudonymized: bool
    generated: str  # the date of the run
    privacy: str
    shown: bool  # enough people scored to show any statistics
    too_few: str  # said instead of the statistics
    dimensions: tuple[DimensionStats, ...]
    levels: tuple[str, ...]  # the profile's level labels
    modules: tuple[str, ...]  # the profile's module titles
    not_applicable_offered: bool
    premise_offered: bool  # the rejected situations are counted (and explained below)
    item_flags: tuple[ItemFlag, ...]
    demand_by_role: tuple[DemandRow, ...]
    demand_by_organisation: tuple[DemandRow, ...]
    item_stats: tuple[ItemStats, ...]
    reverse_note: str | None  # how reverse-keyed means read; None without such items
    context: tuple[ContextQuestion, ...]
    framework: tuple[FrameworkCondition, ...]
    response_styles: tuple[StyleRow, ...] = ()  # empty when no statistics are shown
    response_style_notes: tuple[str, ...] = ()


def render_cohort(view: CohortView, fmt: str) -> str:
    """The report as "html" or "md"."""
    return render(f"cohort.{fmt}", cohort=view)


def cohort_view(
    summary: dict[str, Any],
    questionnaire: Questionnaire,
    profile: Profile,
    *,
    export: str,
    scored: int,
    rejected: int,
    pseudonymized: bool,
) -> CohortView:
    """The report's content in the run's language from CohortStats.summary()."""
    smallest = summary["min_group"]

    def count(value: int | None) -> str:
        return f"<{smallest}" if value is None else str(value)

    def num(value: float | None, digits: int) -> str:
        return "–" if value is None else number(value, digits)

    reverse = any(i["reverse"] for i in summary["item_stats"])
    scale = questionnaire.scale
    return CohortView(
        title=pick(questionnaire.title),
        profile=pick(profile.title),
        export=export,
        scored=scored,
        rejected=rejected,
        pseudonymized=pseudonymized,
        generated=format_date(datetime.now(UTC)),
        privacy=_(
            'Privacy: groups of fewer than {min} people are not shown ("<{min}"); small '
            "organisations are pooled."
        ).format(min=smallest),
        shown=summary["shown"],
        too_few=_(
            "Fewer than {min} people scored: to protect individuals this report shows no "
            "cohort statistics."
        ).format(min=smallest),
        dimensions=tuple(_dimension(d, count, num) for d in summary["dimensions"]),
        levels=tuple(pick(b.label) for b in profile.levels),
        modules=tuple(pick(m.title) for m in profile.modules),
        not_applicable_offered=summary["not_applicable_offered"],
        premise_offered=summary["premise_offered"],
        item_flags=tuple(
            ItemFlag(f["item"], f["dimension"], pick(f["text"]), _flag_note(f, num))
            for f in summary["item_flags"]
        ),
        demand_by_role=tuple(
            _demand(row, "role", smallest, count) for row in summary["demand_by_role"]
        ),
        demand_by_organisation=tuple(
            _demand(row, "organisation", smallest, count)
            for row in summary["demand_by_organisation"]
        ),
        item_stats=tuple(
            ItemStats(
                id=i["id"],
                dimension=i["dimension"],
                text=pick(i["text"]),
                reverse=i["reverse"],
                answered=count(i["answered"]),
                cannot_judge=count(i["cannot_judge"]),
                not_applicable=count(i["not_applicable"]),
                premise_rejected=count(i["premise_rejected"]) if i["premise"] else "",
                mean=num(i["mean"], 2),
                sd=num(i["sd"], 2),
            )
            for i in summary["item_stats"]
        ),
        reverse_note=_(
            "Means on the answer scale. For reverse-keyed (oppositely worded) items after "
            "reversal ({low} + {high} − answer): a high value means more competence on "
            "every item."
        ).format(low=scale.min, high=scale.max)
        if reverse
        else None,
        context=tuple(
            ContextQuestion(
                pick(c["text"]),
                tuple(Option(pick(o["label"]), count(o["count"])) for o in c["options"]),
                count(c["not_given"]),
            )
            for c in summary["context"]
        ),
        framework=tuple(
            FrameworkCondition(
                f["id"],
                pick(f["text"]),
                count(f["yes"]),
                count(f["no"]),
                count(f["unknown"]),
                count(f["not_given"]),
            )
            for f in summary["framework"]
        ),
        **_response_styles(summary.get("response_styles"), count),
    )


def _response_styles(styles: dict[str, Any] | None, count: Count) -> dict[str, Any]:
    """The rows and notes of the response-style table; nothing without statistics."""
    if styles is None:
        return {}
    rows = [
        StyleRow(
            _("Agreed with statements and with their reversals"),
            count(styles["acquiescence"]) if styles["agreement_estimable"] else "–",
        ),
        StyleRow(_("The same answer on nearly every statement"), count(styles["straight_lining"])),
        StyleRow(_("Many answers without a score"), count(styles["no_score"])),
    ]
    notes = [
        _(
            "Number of people whose answers show the pattern. A caution for reading their "
            "result, shown in their own report too; it changes no score, level or module."
        )
    ]
    if not styles["agreement_estimable"]:
        notes.append(reversal_note(styles["reversals"]))
    return {"response_styles": tuple(rows), "response_style_notes": tuple(notes)}


def _dimension(d: dict[str, Any], count: Count, num: Number) -> DimensionStats:
    return DimensionStats(
        id=d["id"],
        title=pick(d["dimension"].title),
        n=count(d["n"]),
        mean=num(d["mean"], 1),
        sd=num(d["sd"], 1),
        min=num(d["min"], 1),
        q1=num(d["q1"], 1),
        median=num(d["median"], 1),
        q3=num(d["q3"], 1),
        max=num(d["max"], 1),
        target=num(d["target"], 0),
        box=None
        if d["median"] is None
        else Box(
            min=d["min"] * 2,
            max=d["max"] * 2,
            q1=d["q1"] * 2,
            width=(d["q3"] - d["q1"]) * 2,
            median=d["median"] * 2,
            target=d["target"] * 2,
        ),
        levels=tuple(count(level["count"]) for level in d["levels"]),
        not_enough=count(d["not_enough"]),
        k=d["k"],
        alpha_n=count(d["alpha_n"]),
        alpha=num(d["alpha"], 2),
        alpha_low=d["alpha"] is not None and d["alpha"] < 0.7,
        cannot_judge=count(d["cannot_judge"]),
        not_applicable=count(d["not_applicable"]),
    )


def _demand(row: dict[str, Any], kind: str, smallest: int, count: Count) -> DemandRow:
    if row["pooled"]:
        group = _("other organisations (fewer than {min} people each)").format(min=smallest)
    elif kind == "role":
        group = {"coordinator": _("Network coordination"), "leader": _("Leaders")}[row["group"]]
    else:
        group = row["group"] or _("not given")
    return DemandRow(group, count(row["n"]), tuple(count(m["count"]) for m in row["modules"]))


def _flag_note(flag: dict[str, Any], num: Number) -> str:
    digits = 2 if flag["kind"] == "negative_item_total" else 0
    texts = {
        "zero_variance": _(
            "everyone gave the same answer ({value}): the item does not discriminate"
        ),
        "negative_item_total": _(
            "negative item-total correlation ({value}): is the item keyed the wrong way (reverse)?"
        ),
        "many_cannot_judge": _('{value} % "cannot judge": is the item clear?'),
        "many_not_applicable": _('{value} % "not applicable": is the item too specific?'),
    }
    return texts[flag["kind"]].format(value=num(flag["value"], digits))
