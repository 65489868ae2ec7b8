"""Self beside others (issue 24): the page's view-model, its rendering (ratings.md,
ratings.html) and the terminal view. What counts as a blind spot or a hidden strength is
decided in core/ratings.py; the sentences are worded here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netzkompetenz.core.compare import noise_threshold
from netzkompetenz.core.pairs import PAIR_DIFFERS
from netzkompetenz.core.ratings import (
    MIN_GROUP,
    Comparison,
    Left,
    Reading,
    SelfOther,
    talking_points,
)
from netzkompetenz.i18n import _, format_number, ngettext, pick
from netzkompetenz.io.rater_forms import development_only
from netzkompetenz.views.render import render

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Head:
    group: str  # leader, colleague, partner, other
    label: str  # "Partners (3)"


@dataclass(frozen=True)
class Cell:
    value: str  # the group's value, or "–"
    reading: str  # blind_spot, hidden_strength, within_noise, not_comparable
    mark: str  # the reading in words, "" within noise


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    self_value: str
    cells: tuple[Cell, ...]
    note: str = ""  # a statement: the rater's wording


@dataclass(frozen=True)
class RatingsView:
    person: str
    title: str
    development: str
    method: str
    groups: tuple[Head, ...]
    left: tuple[str, ...]
    dimensions: tuple[Row, ...]
    blind_spots: tuple[str, ...]
    hidden_strengths: tuple[str, ...]
    statements: tuple[Row, ...]


def development_note() -> str:
    """Said in every output about ratings."""
    return (
        development_only()
        + " "
        + _(
            "Ratings by others are for the person's development and the conversation about "
            "it, not for a performance appraisal."
        )
    )


def group_label(group: str, raters: int) -> str:
    names = {
        "leader": _("Leader"),
        "colleague": _("Colleagues"),
        "partner": _("Network partners"),
        "other": _("Others (colleagues and partners)"),
    }
    return f"{names[group]} ({raters})"


def reading_mark(reading: Reading) -> str:
    return {
        "blind_spot": _("self higher"),
        "hidden_strength": _("self lower"),
        "within_noise": "",
        "not_comparable": _("not comparable"),
    }[reading]


def left_note(left: Left) -> str:
    group = _("colleagues") if left.relation == "colleague" else _("network partners")
    if left.merged:
        return ngettext(
            "{count} rating by {group}: fewer than {min}, so shown only together with the "
            "others as “Others”, never on its own.",
            "{count} ratings by {group}: fewer than {min}, so shown only together with the "
            "others as “Others”, never on their own.",
            left.raters,
        ).format(count=left.raters, group=group, min=MIN_GROUP)
    return ngettext(
        "{count} rating by {group} is not shown: a group is shown from {min} ratings on, "
        "so that no single rating can be recognised.",
        "{count} ratings by {group} are not shown: a group is shown from {min} ratings on, "
        "so that no single rating can be recognised.",
        left.raters,
    ).format(count=left.raters, group=group, min=MIN_GROUP)


def _percent(value: float | None) -> str:
    return "–" if value is None else format_number(value)


def _mean(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


def _sentence(found: SelfOther, dimension: str, group: str, c: Comparison) -> str:
    title = pick(found.questionnaire.dimension(dimension).title)
    difference = round(abs(c.difference or 0))
    return ngettext(
        "{dimension} – {group}: self {own}, others {others} ({difference} points apart; "
        "the noise threshold for {items} statement is {threshold}).",
        "{dimension} – {group}: self {own}, others {others} ({difference} points apart; "
        "the noise threshold for {items} statements is {threshold}).",
        c.items,
    ).format(
        dimension=f"{dimension} {title}",
        group=group_label(group, next(v.raters for v in found.shown if v.group == group)),
        own=_percent(c.self_value),
        others=_percent(c.others),
        difference=difference,
        items=c.items,
        threshold=round(noise_threshold(c.items)),
    )


def ratings_view(found: SelfOther, person: str) -> RatingsView:
    q = found.questionnaire
    heads = tuple(Head(v.group, group_label(v.group, v.raters)) for v in found.shown)
    dimensions = []
    blind, hidden = [], []
    for row in found.dimensions:
        cells = []
        for v in found.shown:
            c, reading = row.by_group[v.group]
            cells.append(Cell(_percent(c.others), reading, reading_mark(reading)))
            if reading == "blind_spot":
                blind.append(_sentence(found, row.dimension, v.group, c))
            elif reading == "hidden_strength":
                hidden.append(_sentence(found, row.dimension, v.group, c))
        dimensions.append(
            Row(
                row.dimension,
                pick(q.dimension(row.dimension).title),
                _percent(row.self_value),
                tuple(cells),
            )
        )
    statements = tuple(
        Row(
            s.item.id,
            pick(s.item.text),
            _mean(s.self_value),
            tuple(
                Cell(
                    _mean(s.by_group[v.group][0]),
                    s.by_group[v.group][1],
                    reading_mark(s.by_group[v.group][1]),
                )
                for v in found.shown
            ),
            note=pick(s.item.rater.text) if s.item.rater else "",
        )
        for s in found.statements
    )
    return RatingsView(
        person=person,
        title=pick(q.title),
        development=development_note(),
        method=method_note(),
        groups=heads,
        left=tuple(left_note(x) for x in found.left),
        dimensions=tuple(dimensions),
        blind_spots=tuple(blind),
        hidden_strengths=tuple(hidden),
        statements=statements,
    )


def talking_questions(found: SelfOther, person: str) -> tuple[str, ...]:
    """The self–other differences beyond noise as questions for the conversation (the
    guide and `agree`): what each side may see that the other does not, never a verdict."""
    out = []
    for point in talking_points(found):
        c = point.comparison
        title = pick(found.questionnaire.dimension(point.dimension).title)
        words = {
            "dimension": f"{point.dimension} {title}",
            "group": group_label(point.group, point.raters),
            "person": person,
            "own": _percent(c.self_value),
            "others": _percent(c.others),
        }
        if point.reading == "blind_spot":
            text = _(
                "{dimension}: {person} sees it at {own}, {group} at {others}. What might "
                "{group} not see of this work – and what does {person} see in it that "
                "others do not?"
            )
        else:
            text = _(
                "{dimension}: {person} sees it at {own}, {group} at {others}. What do "
                "{group} notice here that {person} may take for granted?"
            )
        out.append(text.format(**words))
    return tuple(out)


def method_note() -> str:
    return _(
        "Each column is one view of the same work; none of them is the “true” score. "
        "Dimensions: percent of the scale on the statements both sides answered. A "
        "difference counts only beyond measurement noise (the threshold of the before/after "
        "comparison for that many statements); statements: {steps} scale points or more "
        "(reverse-keyed statements turned round). “Self higher” can be a blind spot, “self "
        "lower” a hidden strength: both are questions for the conversation, not findings."
    ).format(steps=PAIR_DIFFERS)


def render_ratings(found: SelfOther, person: str, fmt: str) -> str:
    return render(f"ratings.{fmt}", r=ratings_view(found, person))


def print_ratings(console: Console, view: RatingsView) -> None:
    """The terminal view: the dimension table, the differences, the notes."""
    from rich.table import Table

    console.print(f"{view.title} – {view.person}", style="bold", markup=False)
    console.print(view.development, markup=False)
    table = Table(show_lines=False)
    table.add_column(_("Dimension"))
    table.add_column(_("Self"), justify="right")
    for head in view.groups:
        table.add_column(head.label, justify="right")
    for row in view.dimensions:
        table.add_row(
            f"{row.id} {row.title}",
            row.self_value,
            *[f"{c.value} {c.mark}".strip() for c in row.cells],
        )
    console.print(table)
    for title, lines in (
        (_("Self clearly higher than others (possible blind spots)"), view.blind_spots),
        (_("Self clearly lower than others (possible hidden strengths)"), view.hidden_strengths),
    ):
        if lines:
            console.print(title, style="bold", markup=False)
            for line in lines:
                console.print(f"  - {line}", markup=False)
    for line in view.left:
        console.print(line, style="yellow", markup=False)
    console.print(view.method, style="dim", markup=False)
