"""`score`: a profile per answers file, as a table or as JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import opening, result_lines
from netzkompetenz.views import output as output_
from netzkompetenz.views.terminal import print_summary


def scored_head(s: ScoredAnswers) -> dict[str, Any]:
    """The keys before the result in `score --format json` (docs/scoring.md §7)."""
    r = s.answers.respondent
    return {
        "file": str(s.path),
        "respondent": {"name": r.name, "organisation": r.organisation, "tandem": r.tandem},
        "status": s.answers.status,
        "updated": s.answers.updated.isoformat() if s.answers.updated else None,
    }


def run(catalog: Catalog, paths: list[Path], format: str, lang: str | None) -> None:
    scored = score_files(catalog, paths)
    lang = output_.use_language(lang, scored)
    output_.version_notes(scored, lang)
    if format == "json":
        # One object per line, from the writer of results.jsonl.
        lines = [result_lines(s.result.scores, [opening(scored_head(s))])[0].rstrip("\n")
                 for s in scored]
        output_.say("[\n" + ",\n".join(lines) + "\n]" if lines else "[]")
        return
    from rich.console import Console

    console = Console()
    for s in scored:
        print_summary(console, s, lang)
