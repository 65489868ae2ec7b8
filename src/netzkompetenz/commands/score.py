"""`score`: a profile per answers file, as a table or as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.scoring import result_to_dict
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views import output as output_
from netzkompetenz.views.terminal import print_summary


def scored_to_dict(s: ScoredAnswers) -> dict[str, Any]:
    r = s.answers.respondent
    return {
        "file": str(s.path),
        "respondent": {"name": r.name, "organisation": r.organisation, "tandem": r.tandem},
        "status": s.answers.status,
        "updated": s.answers.updated.isoformat() if s.answers.updated else None,
        **result_to_dict(s.result),
    }


def run(catalog: Catalog, paths: list[Path], format: str, lang: str | None) -> None:
    scored = score_files(catalog, paths)
    lang = output_.use_language(lang, scored)
    output_.version_notes(scored, lang)
    if format == "json":
        payload = [scored_to_dict(s) for s in scored]
        output_.say(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    from rich.console import Console

    console = Console()
    for s in scored:
        print_summary(console, s, lang)
