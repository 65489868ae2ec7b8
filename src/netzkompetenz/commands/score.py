"""`score`: a profile per answers file, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from netzkompetenz.commands.language import use_language
from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.i18n import current_language, pick
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import opening, result_line
from netzkompetenz.views import output as output_
from netzkompetenz.views.terminal import print_summary


def scored_head(s: ScoredAnswers) -> dict[str, Any]:
    """The keys before the result in `score --format json` (docs/scoring.md §7)."""
    r = s.answers.respondent
    return {
        "file": str(s.path),
        "language": current_language(),
        "respondent": {"name": r.name, "organisation": r.organisation, "tandem": r.tandem},
        "status": s.answers.status,
        "updated": s.answers.updated.isoformat() if s.answers.updated else None,
    }


def with_titles(result: dict[str, Any], s: ScoredAnswers) -> dict[str, Any]:
    """Beside every id its title in the run's language, so that a reader of the JSON needs
    no questionnaire to say what K3 or 'vertiefung' is."""
    q, p = s.questionnaire, s.profile
    result["questionnaire"]["title"] = pick(q.title)
    result["profile"]["title"] = pick(p.title)
    for dim in result["dimensions"]:
        dim["title"] = pick(q.dimension(dim["id"]).title)
        dim["level_title"] = None if dim["level"] is None else pick(p.level(dim["level"]).label)
    for rec in result["recommendations"]:
        rec["title"] = pick(p.module(rec["module"]).title)
        for reason in rec["reasons"]:  # an item trigger's reason names no dimension
            reason["title"] = (
                None
                if reason["dimension"] is None
                else pick(q.dimension(reason["dimension"]).title)
            )
    return result


def run(catalog: Catalog, paths: list[Path], format: str, lang: str | None) -> None:
    scored = score_files(catalog, paths)
    use_language(lang, scored)
    output_.version_notes(scored)
    if format == "json":
        # One object per line, from the writer of results.jsonl, with the titles added.
        lines = [
            json.dumps(
                with_titles(json.loads(result_line(s.result, opening(scored_head(s)))), s),
                ensure_ascii=False,
            )
            for s in scored
        ]
        output_.say("[\n" + ",\n".join(lines) + "\n]" if lines else "[]")
        return
    console = output_.console(highlight=True)
    for s in scored:
        print_summary(console, s)
