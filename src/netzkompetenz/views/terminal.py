"""Terminal views (rich): a person's summary, the score table, the catalogue overview.

Only presentation: the data comes scored and loaded; nothing here reads or writes files.
"""

from __future__ import annotations

from typing import Any

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.scoring import Reason
from netzkompetenz.i18n import _, current_language, language, ngettext, pick
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.output import terminal_safe
from netzkompetenz.views.person_report import kind_label, scale_number


def score_bar(percent: float, target: float, width: int = 12) -> str:
    """A text bar: filled up to the percent, `|` where the target is (rich markup)."""
    filled = round(percent / 100 * width)
    mark = min(width - 1, round(target / 100 * width))
    cells = ["█" if i < filled else "·" for i in range(width)]
    cells[mark] = "[bold]|[/bold]" if mark >= filled else "[bold]┃[/bold]"
    colour = "green" if percent >= target else "yellow"
    return f"[{colour}]" + "".join(cells) + f"[/{colour}]"


def print_summary(console: Any, s: ScoredAnswers, lang: str | None = None, *,
                  top: int | None = None, detail: bool = True) -> None:
    """One person's result: a table with a bar per dimension (percent against the target,
    level, gap) and the recommended modules with their reasons; `top` limits the modules,
    `detail` adds the mean and the answered count (the self-check leaves them out)."""
    from rich.markup import escape
    from rich.table import Table

    if lang is not None and lang != current_language():
        with language(lang):
            return print_summary(console, s, None, top=top, detail=detail)
    q, p = s.questionnaire, s.profile
    status = "" if s.answers.status == "complete" else f" ({_('incomplete')})"
    table = Table(
        title=escape(f"{terminal_safe(s.answers.respondent.name)} · {pick(p.title)}{status}"),
        title_justify="left"
    )
    keys = ["dimension", "summary_bar", "mean", "percent", "answered", "level", "target", "gap"]
    if not detail:
        keys = [k for k in keys if k not in ("mean", "answered")]
    for key in keys:
        table.add_column(
            {
                "dimension": _("Dimension"),
                "summary_bar": _("Profile  | target"),
                "mean": _("Mean"),
                "percent": _("Percent"),
                "answered": _("Answered"),
                "level": _("Level"),
                "target": _("Target"),
                "gap": _("Gap"),
            }[key],
            no_wrap=key == "summary_bar",
            justify="left" if key in ("dimension", "summary_bar", "level") else "right",
        )
    for d in s.result.dimensions:
        title = escape(f"{d.dimension} {pick(q.dimension(d.dimension).title)}")
        if not d.enough:
            cells = {
                "summary_bar": _("not enough answers"),
                "mean": "–",
                "percent": "–",
                "level": "–",
                "gap": "–",
            }
        else:
            cells = {
                "summary_bar": score_bar(d.percent, d.target),
                "mean": f"{d.mean:.2f}",
                "percent": f"{d.percent:.0f}",
                "gap": f"{d.gap:+.0f}",
                "level": escape(pick(p.level(d.level).label)),
            }
        cells.update(dimension=title, answered=f"{d.answered}/{d.applicable}",
                     target=f"{d.target:.0f}")
        table.add_row(*(cells[k] for k in keys))
    console.print(table)
    recommendations = s.result.recommendations
    if not recommendations:
        console.print(_("No modules recommended: your profile meets the targets."))
    else:
        heading = _("Recommended modules, the most important first") if p.max_recommendations \
            else _("Recommended modules")
        console.print(f"[bold]{heading}[/bold]")
    # The most important ones in full; the rest in one line (the report has them all).
    important = s.result.important
    shown = important if top is None else important[:top]
    for n, rec in enumerate(shown, 1):
        module = p.module(rec.module)
        kind = "" if module.kind == "course" else f" ({kind_label(module.kind)})"
        console.print(f"{n}. {pick(module.title)}{kind}", markup=False)
        for reason in rec.reasons:
            console.print("   " + _reason_line(s, reason), markup=False)
        if module.alternatives:
            console.print("   " + _("Instead or alongside: {modules}").format(modules="; ".join(
                f"{pick(p.module(a).title)} ({kind_label(p.module(a).kind)})"
                for a in module.alternatives)), markup=False)
    further = recommendations[len(shown):]
    if further and top is None:
        console.print(_("Further suggestions: {modules}").format(
            modules="; ".join(pick(p.module(r.module).title) for r in further)), markup=False)
    elif further:
        console.print(_("… and {count} more in the report.").format(count=len(further)))
    console.print()


def _reason_line(s: ScoredAnswers, reason: Reason) -> str:
    q = s.questionnaire
    if reason.on_items:  # an item trigger: the statements, not a dimension
        texts = "; ".join(f"„{pick(q.item(i).text)}“" for i in reason.items)
        return _("Your answers to these statements average {mean} (below {below}):").format(
            mean=scale_number(reason.mean), below=scale_number(reason.below)  # type: ignore
        ) + " " + texts
    return ngettext(
        "{dimension}: {percent:.0f} % against a target of {target:.0f} % (gap {gap:.0f} point)",
        "{dimension}: {percent:.0f} % against a target of {target:.0f} % (gap {gap:.0f} points)",
        round(reason.gap),
    ).format(dimension=pick(q.dimension(reason.dimension).title), percent=reason.percent,
             target=reason.target, gap=reason.gap)


def print_overview(catalog: Catalog, lang: str = "de") -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    questionnaires = Table(title="Fragebögen · questionnaires", title_justify="left")
    for column in ("id", "version", "languages", "dimensions", "items", "title"):
        questionnaires.add_column(column)
    for entry in catalog.questionnaires.values():
        q = entry.model
        questionnaires.add_row(
            q.id,
            q.version,
            ", ".join(q.languages),
            str(len(q.dimensions)),
            str(len(q.items)),
            pick(q.title),
        )
    console.print(questionnaires)

    profiles = Table(title="Profile und Rollen · profiles and roles", title_justify="left")
    for column in ("id", "role", "questionnaire", "modules", "title"):
        profiles.add_column(column)
    for entry in catalog.profiles.values():
        p = entry.model
        profiles.add_row(p.id, p.role, p.questionnaire, str(len(p.modules)), pick(p.title))
    console.print(profiles)

    # A module offered to both roles appears once, with the dimensions of each profile.
    modules: dict[str, dict] = {}
    for entry in catalog.profiles.values():
        for m in entry.model.modules:
            row = modules.setdefault(m.id, {"module": m, "profiles": [], "dimensions": []})
            row["profiles"].append(entry.model.id)
            row["dimensions"] += m.dimensions
    table = Table(title="Module · modules", title_justify="left")
    for column in ("id", "profiles", "dimensions", "format", "days", "priority", "title"):
        table.add_column(column)
    for module_id, row in modules.items():
        m = row["module"]
        table.add_row(
            module_id,
            ", ".join(row["profiles"]),
            ", ".join(row["dimensions"]),
            m.format + (" · tandem" if m.tandem else ""),
            f"{m.duration_days:g}",
            str(m.priority),
            pick(m.title),
        )
    console.print(table)

    languages = sorted({code for e in catalog.questionnaires.values()
                        for code in e.model.languages})
    console.print(f"Sprachen · languages: {', '.join(languages) or '–'}")
    folders = sorted({str(e.path.parent.parent) for e in
                      [*catalog.questionnaires.values(), *catalog.profiles.values()]})
    console.print("Daten · data: " + ("; ".join(folders) or "–"), soft_wrap=True)
