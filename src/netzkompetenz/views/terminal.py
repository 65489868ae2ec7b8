"""Terminal views (rich): a person's summary, the score table, the catalogue overview.

Only presentation: the data comes scored and loaded; nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import Priority, order_by_priorities
from netzkompetenz.core.model import Module
from netzkompetenz.core.scoring import Reason
from netzkompetenz.i18n import (
    _,
    format_date,
    format_number,
    ngettext,
    pick,
)
from netzkompetenz.io.catalog import AnyEntry, Catalog
from netzkompetenz.views.cautions import person_cautions
from netzkompetenz.views.output import terminal_safe
from netzkompetenz.views.person_modules import kind_in_title, kind_label, scale_number
from netzkompetenz.views.person_report import not_yet_note, premise_note

FORMAT_LABELS = {
    "in-person": lambda: _("in person"),
    "online": lambda: _("online"),
    "blended": lambda: _("blended (in person and online)"),
}


def score_bar(percent: float, target: float, width: int = 12) -> str:
    """A text bar: filled up to the percent, `|` where the target is (rich markup)."""
    filled = round(percent / 100 * width)
    mark = min(width - 1, round(target / 100 * width))
    cells = ["█" if i < filled else "·" for i in range(width)]
    cells[mark] = "[bold]|[/bold]" if mark >= filled else "[bold]┃[/bold]"
    colour = "green" if percent >= target else "yellow"
    return f"[{colour}]" + "".join(cells) + f"[/{colour}]"


def gap_text(gap: float) -> str:
    """The gap said in words, so that its sign needs no explaining: gap = target - score."""
    points = round(gap)
    if points > 0:
        return ngettext(
            "{count} percentage point below target",
            "{count} percentage points below target",
            points,
        ).format(count=points)
    if points < 0:
        return ngettext(
            "{count} percentage point above target",
            "{count} percentage points above target",
            -points,
        ).format(count=-points)
    return _("on target")


def packed(segments: list[Any], width: int, indent: int = 3) -> list[Any]:
    """Text pieces laid out in lines of at most `width` cells, two spaces apart; a piece is
    never split (a narrow terminal gets more lines, never a cut id, level or word)."""
    from rich.text import Text

    lines: list[Any] = []
    line = Text(" " * indent)
    for piece in segments:
        room = width - line.cell_len - (0 if line.plain.strip() == "" else 2)
        if line.plain.strip() and piece.cell_len > room:
            lines.append(line)
            line = Text(" " * indent)
        elif line.plain.strip():
            line.append("  ")
        line.append_text(piece)
    if line.plain.strip():
        lines.append(line)
    return lines


def print_summary(
    console: Any,
    s: ScoredAnswers,
    *,
    top: int | None = None,
    detail: bool = True,
    priorities: Sequence[Priority] | None = None,
    agreed: bool = False,
) -> None:
    """One person's result, stacked so that it fits any width: per dimension its title on
    one line, then a bar (percent against the target `|`), percent, target, the gap in
    words and the level; `detail` adds the mean and the answered count (the self-check
    leaves them out); then the recommended modules with their reasons, `top` of them.
    `priorities` (the report's: own, or `agreed` in the dialogue) are shown first and order
    the modules, as in the report's page."""
    from rich.padding import Padding
    from rich.text import Text

    p = s.profile
    status = "" if s.answers.status == "complete" else f" ({_('incomplete')})"
    console.print(
        Text(f"{terminal_safe(s.answers.respondent.name)} · {pick(p.title)}{status}", style="bold")
    )
    if priorities:
        _print_priorities(console, s, priorities, agreed)
    _print_dimensions(console, s, detail)
    _print_cautions(console, s)  # after the profile, as on the report's page
    console.print()
    # new in post: "no opportunity" is not yet, not a gap; a rejected situation is not scored
    for note in (not_yet_note(s), premise_note(s)):
        if note is not None:
            console.print(Text(terminal_safe(note)))
            console.print()
    recommendations = s.result.recommendations
    important = s.result.important
    if priorities:  # the page's order: modules serving a priority first (docs/compare.md)
        order = order_by_priorities([r.module for r in recommendations], priorities, p)
        recommendations = tuple(sorted(recommendations, key=lambda r: order.index(r.module)))
        important = recommendations[: s.result.most_important]
    if not recommendations:
        # modules start further below a target than a few points: say that, not "met"
        console.print(
            _(
                "No module is recommended: in no dimension is your score so far below the "
                "target that a module would be called for."
            )
        )
    else:
        heading = (
            _("Recommended modules, the most important first")
            if p.max_recommendations
            else _("Recommended modules")
        )
        console.print(f"[bold]{heading}[/bold]")
    # The most important ones in full; the rest in one line (the report has them all).
    shown = important if top is None else important[:top]
    for n, rec in enumerate(shown, 1):
        module = p.module(rec.module)
        # the kind only where the title does not say it already (UX review m17)
        plain = module.kind == "course" or kind_in_title(module)
        kind = "" if plain else f" ({kind_label(module.kind)})"
        console.print(Text(f"{n}. {pick(module.title)}{kind}"))
        # indented as a block: a wrapped reason stays under its module
        for reason in rec.reasons:
            console.print(Padding(Text(_reason_line(s, reason)), (0, 0, 0, 3), expand=False))
        if module.alternatives:
            console.print(
                Padding(
                    Text(
                        _("Instead or alongside: {modules}").format(
                            modules="; ".join(
                                pick(p.module(a).title)
                                if kind_in_title(p.module(a))
                                else f"{pick(p.module(a).title)} ({kind_label(p.module(a).kind)})"
                                for a in module.alternatives
                            )
                        )
                    ),
                    (0, 0, 0, 3),
                    expand=False,
                )
            )
    further = recommendations[len(shown) :]
    if further and top is None:
        console.print(
            Text(
                _("Also possible: {modules}").format(
                    modules="; ".join(pick(p.module(r.module).title) for r in further)
                )
            )
        )
    elif further:
        console.print(_("… and {count} more in the report.").format(count=len(further)))
    console.print()


def _print_dimensions(console: Any, s: ScoredAnswers, detail: bool) -> None:
    """Per dimension its title, then its bar, percent, target, gap and level packed below."""
    from rich.text import Text

    q, p = s.questionnaire, s.profile
    width = console.width
    console.print(Text(_("Bar: your score, | = target"), style="dim"))
    for d in s.result.dimensions:
        console.print(Text(f"{d.dimension} {pick(q.dimension(d.dimension).title)}", style="bold"))
        target = _("target {percent} %").format(percent=format_number(d.target, 0))
        if not d.enough:
            pieces = [Text(_("not enough answers"), style="italic"), Text(target)]
        else:
            assert d.percent is not None and d.gap is not None and d.level is not None  # enough
            pieces = [
                Text.from_markup(score_bar(d.percent, d.target)),
                Text(f"{format_number(d.percent, 0)} %", style="bold"),
                Text(target),
                Text(gap_text(d.gap)),
                Text(_("level: {level}").format(level=pick(p.level(d.level).label))),
            ]
        if detail:
            if d.mean is not None:  # d.enough
                pieces.append(Text(_("mean {mean}").format(mean=format_number(d.mean, 2))))
            pieces.append(
                Text(
                    _("{answered} of {applicable} answered").format(
                        answered=d.answered, applicable=d.asked
                    )
                )
            )
        for line in packed(pieces, width):
            console.print(line, no_wrap=True, overflow="ignore")


def _print_cautions(console: Any, s: ScoredAnswers) -> None:
    """How the person answered (docs/scoring.md §8), when there is something to say."""
    from rich.text import Text

    cautions = person_cautions(s)
    if not cautions.notes:
        return
    console.print()
    console.print(Text(_("About your answers"), style="bold"))
    for note in cautions.notes:
        console.print(Text("! " + note))
    if cautions.reversal_note:
        console.print(Text(cautions.reversal_note, style="dim"))
    console.print(Text(cautions.unscored, style="dim"))


def _print_priorities(
    console: Any, s: ScoredAnswers, priorities: Sequence[Priority], agreed: bool
) -> None:
    """The priorities above the profile, as the report's page shows them first."""
    from rich.padding import Padding
    from rich.text import Text

    console.print(Text(_("Agreed priorities") if agreed else _("Your priorities"), style="bold"))
    for n, c in enumerate(priorities, 1):
        if c.dimension is not None:
            title = f"{c.dimension} {pick(s.questionnaire.dimension(c.dimension).title)}"
        else:
            title = pick(s.profile.module(c.target).title)  # not a dimension: a module
        console.print(Text(f"{n}. {title}"))
        if c.why:
            console.print(Padding(Text(terminal_safe(c.why)), (0, 0, 0, 3), expand=False))
    console.print()


def _reason_line(s: ScoredAnswers, reason: Reason) -> str:
    q = s.questionnaire
    if reason.on_items:  # an item trigger: the statements, not a dimension
        # quotes of the run's language: “…” in English, „…“ in German
        texts = "; ".join(_("“{text}”").format(text=pick(q.item(i).text)) for i in reason.items)
        assert reason.mean is not None and reason.below is not None  # set for item triggers
        return (
            _("Your answers to these statements average {mean} (below {below}):").format(
                mean=scale_number(reason.mean), below=scale_number(reason.below)
            )
            + " "
            + texts
        )
    assert reason.dimension is not None  # a dimension trigger
    return _("{dimension}: {percent} % against a target of {target} % ({gap})").format(
        dimension=pick(q.dimension(reason.dimension).title),
        percent=format_number(reason.percent, 0),
        target=format_number(reason.target, 0),
        gap=gap_text(reason.gap),
    )


def _entry(console: Any, head: str, facts: list[str], title: str) -> None:
    """One catalogue entry, stacked: the id alone on its line (never cut: it is what one
    types), the title wrapped at words, then the facts packed below it."""
    from rich.text import Text

    console.print(Text(head, style="bold"), no_wrap=True, overflow="ignore")
    console.print(Text("   " + title))
    for line in packed([Text(f) for f in facts], console.width):
        console.print(line, no_wrap=True, overflow="ignore")


class _ModuleRow(TypedDict):
    module: Module
    profiles: list[str]  # ids of the profiles offering it
    dimensions: list[str]


def print_overview(catalog: Catalog) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    console.print(_("Questionnaires"), style="bold underline")
    for entry in catalog.questionnaires.values():
        q = entry.model
        _entry(
            console,
            q.id,
            [
                _("version {version}").format(version=q.version),
                _("languages: {languages}").format(languages=", ".join(q.languages)),
                ngettext("{count} dimension", "{count} dimensions", len(q.dimensions)).format(
                    count=len(q.dimensions)
                ),
                ngettext("{count} question", "{count} questions", len(q.items)).format(
                    count=len(q.items)
                ),
            ],
            pick(q.title),
        )
    console.print()
    console.print(_("Profiles and roles"), style="bold underline")
    for p_entry in catalog.profiles.values():
        p = p_entry.model
        _entry(
            console,
            p.id,
            [
                _("role: {role}").format(role=p.role),
                _("questionnaire: {id}").format(id=p.questionnaire),
                ngettext("{count} module", "{count} modules", len(p.modules)).format(
                    count=len(p.modules)
                ),
            ],
            pick(p.title),
        )
    console.print()

    # A module offered to both roles appears once, with the dimensions of each profile.
    modules: dict[str, _ModuleRow] = {}
    for p_entry in catalog.profiles.values():
        for m in p_entry.model.modules:
            row = modules.setdefault(m.id, {"module": m, "profiles": [], "dimensions": []})
            row["profiles"].append(p_entry.model.id)
            row["dimensions"] += [d for d in m.dimensions if d not in row["dimensions"]]
    console.print(_("Modules"), style="bold underline")
    for module_id, row in modules.items():
        m = row["module"]
        _entry(
            console,
            module_id,
            [
                _("profiles: {ids}").format(ids=", ".join(row["profiles"])),
                _("dimensions: {ids}").format(ids=", ".join(row["dimensions"])),
                FORMAT_LABELS[m.format]() + (" · " + _("tandem") if m.tandem else ""),
                ngettext("{days} day", "{days} days", m.duration_days).format(
                    days=format_number(m.duration_days, None)
                ),
                _("priority {priority}").format(priority=m.priority),
            ],
            pick(m.title),
        )
    console.print()
    languages = sorted(
        {code for e in catalog.questionnaires.values() for code in e.model.languages}
    )
    console.print(_("Languages: {languages}").format(languages=", ".join(languages) or "–"))
    every: list[AnyEntry] = [*catalog.questionnaires.values(), *catalog.profiles.values()]
    folders = sorted({str(e.path.parent.parent) for e in every})
    console.print(
        _("Data: {folders}").format(folders="; ".join(folders) or "–"), soft_wrap=True, markup=False
    )


def print_own_checks(checks: list[Any], reports: list[Any], folder: Any, role_of: Any) -> None:
    """`list --mine`: one's own self-checks (date, role, status, answered/total) and
    reports, newest first, stacked like the catalogue so that a path is never cut."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(_("Your self-checks"), style="bold underline")
    if not checks:
        console.print(_("None yet."))
    for c in checks:
        answered, total, about = c.progress
        status = _("complete") if c.answers.status == "complete" else _("incomplete")
        count = (
            _("{answered} of about {total} questions")
            if about
            else _("{answered} of {total} questions")
        ).format(answered=answered, total=total)
        day = (
            format_date(c.answers.updated or c.answers.started)
            if (c.answers.updated or c.answers.started)
            else "?"
        )
        pieces = [
            Text(day, style="bold"),
            Text(role_of(c)),
            Text(status),
            Text(count),
            Text(terminal_safe(c.answers.respondent.name)),
        ]
        for line in packed(pieces, console.width, indent=0):
            console.print(line, no_wrap=True, overflow="ignore")
        console.print("   " + str(c.path), soft_wrap=True, markup=False, highlight=False)
    console.print()
    console.print(_("Your reports"), style="bold underline")
    if not reports:
        console.print(_("None yet."))
    for path in reports:
        console.print(str(path), soft_wrap=True, markup=False)
    console.print()
    console.print(_("Folder: {folder}").format(folder=folder), soft_wrap=True, markup=False)
