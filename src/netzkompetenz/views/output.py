"""The one place that prints messages, warnings and notes of a run (not tables or reports:
views/terminal.py). Library functions return warnings as data; commands hand them here."""

from __future__ import annotations

import sys

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.views.texts import text


def say(message: str) -> None:
    """A result line for the user (standard output)."""
    print(message)


def warn(message: str) -> None:
    """A warning or note (standard error, so that output piped elsewhere stays clean)."""
    print(message, file=sys.stderr)


def version_notes(scored: list[ScoredAnswers], lang: str | None = None) -> None:
    """Say which answers files were given to another version of their questionnaire."""
    for s in scored:
        if s.current_version is not None:
            warn(text("older_version", lang or s.answers.language, file=s.path,
                      old=s.questionnaire.version, new=s.current_version))
        change = s.version_change
        if change is None:
            continue
        listed = {"added": change.added, "removed": change.removed, "changed": change.changed}
        warn(text("questionnaire_changed", lang or s.answers.language, file=s.path,
                  old=change.old, new=change.new)
             + "".join(f" {k}: {', '.join(v)}." for k, v in listed.items() if v))
