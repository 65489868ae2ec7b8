"""From answers files to results: look up questionnaire and profile, check, score."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from netzkompetenz.answers import Answers, changed_items, check_answers_file, read_answers
from netzkompetenz.core.model import Profile, Questionnaire
from netzkompetenz.core.scoring import Result, result_to_dict, score
from netzkompetenz.errors import InputError
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.texts import pick, text


@dataclass(frozen=True)
class ScoredAnswers:
    path: Path | None  # None for answers that came from a batch row
    answers: Answers
    questionnaire: Questionnaire
    profile: Profile
    result: Result


def score_file(catalog: Catalog, path: Path) -> ScoredAnswers:
    answers = read_answers(path)
    questionnaire = catalog.questionnaire(answers.questionnaire.id)
    profile = catalog.profile(answers.profile)
    if answers.questionnaire.hash != questionnaire.content_hash():
        changes = changed_items(answers, questionnaire) if answers.questionnaire.items \
            else {"removed": [i for i in answers.values if i not in
                              {item.id for item in questionnaire.items}]}
        # Answers to items that no longer exist cannot count; say so instead of failing.
        for item_id in changes["removed"]:
            answers.values.pop(item_id, None)
        print(text("questionnaire_changed", answers.language, file=path,
                   old=answers.questionnaire.version, new=questionnaire.version)
              + "".join(f" {k}: {', '.join(v)}." for k, v in changes.items() if v),
              file=sys.stderr)
    values = check_answers_file(path, answers, questionnaire)
    return ScoredAnswers(path, answers, questionnaire, profile,
                         score(questionnaire, profile, values))


def score_files(catalog: Catalog, paths: list[Path]) -> list[ScoredAnswers]:
    """Score every file; problems of all files are reported together."""
    scored, problems = [], []
    for path in paths:
        try:
            scored.append(score_file(catalog, path))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scored


def scored_to_dict(s: ScoredAnswers) -> dict:
    r = s.answers.respondent
    return {
        "file": str(s.path),
        "respondent": {"name": r.name, "organisation": r.organisation, "tandem": r.tandem},
        "status": s.answers.status,
        "updated": s.answers.updated.isoformat() if s.answers.updated else None,
        **result_to_dict(s.result),
    }


def print_scores(catalog: Catalog, paths: list[Path], format: str, lang: str | None) -> None:
    scored = score_files(catalog, paths)
    if format == "json":
        payload = [scored_to_dict(s) for s in scored]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console()
    for s in scored:
        print_summary(console, s, lang)


def score_bar(percent: float, target: float, width: int = 12) -> str:
    """A text bar: filled up to the percent, `|` where the target is (rich markup)."""
    filled = round(percent / 100 * width)
    mark = min(width - 1, round(target / 100 * width))
    cells = ["█" if i < filled else "·" for i in range(width)]
    cells[mark] = "[bold]|[/bold]" if mark >= filled else "[bold]┃[/bold]"
    colour = "green" if percent >= target else "yellow"
    return f"[{colour}]" + "".join(cells) + f"[/{colour}]"


def print_summary(console, s: ScoredAnswers, lang: str | None = None, *,
                  top: int | None = None, detail: bool = True) -> None:
    """One person's result: a table with a bar per dimension (percent against the target,
    level, gap) and the recommended modules with their reasons; `top` limits the modules,
    `detail` adds the mean and the answered count (the self-check leaves them out)."""
    from rich.markup import escape
    from rich.table import Table

    language = lang or s.answers.language
    q, p = s.questionnaire, s.profile
    status = "" if s.answers.status == "complete" else f" ({text('partial', language)})"
    table = Table(title=escape(f"{s.answers.respondent.name} · {pick(p.title, language)}"
                               f"{status}"), title_justify="left")
    keys = ["dimension", "summary_bar", "mean", "percent", "answered", "level", "target", "gap"]
    if not detail:
        keys = [k for k in keys if k not in ("mean", "answered")]
    for key in keys:
        table.add_column(text(key, language), no_wrap=key == "summary_bar",
                         justify="left" if key in ("dimension", "summary_bar", "level")
                         else "right")
    for d in s.result.dimensions:
        title = escape(f"{d.dimension} {pick(q.dimension(d.dimension).title, language)}")
        if not d.enough:
            cells = {"summary_bar": text("not_enough", language), "mean": "–",
                     "percent": "–", "level": "–", "gap": "–"}
        else:
            cells = {"summary_bar": score_bar(d.percent, d.target), "mean": f"{d.mean:.2f}",
                     "percent": f"{d.percent:.0f}", "gap": f"{d.gap:+.0f}",
                     "level": escape(pick(p.level(d.level).label, language))}
        cells.update(dimension=title, answered=f"{d.answered}/{d.applicable}",
                     target=f"{d.target:.0f}")
        table.add_row(*(cells[k] for k in keys))
    console.print(table)
    recommendations = s.result.recommendations
    if not recommendations:
        console.print(text("no_modules", language))
    else:
        console.print(f"[bold]{text('recommended_modules', language)}[/bold]")
    shown = recommendations if top is None else recommendations[:top]
    for n, rec in enumerate(shown, 1):
        console.print(f"{n}. {pick(p.module(rec.module).title, language)}", markup=False)
        for reason in rec.reasons:
            console.print("   " + text("reason", language,
                                       dimension=pick(q.dimension(reason.dimension).title,
                                                      language),
                                       percent=reason.percent, target=reason.target,
                                       gap=reason.gap), markup=False)
    if len(shown) < len(recommendations):
        console.print(text("check_more_modules", language,
                           count=len(recommendations) - len(shown)))
    console.print()
