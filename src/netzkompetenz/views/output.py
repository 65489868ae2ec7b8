"""The one place that prints messages, warnings and notes of a run (not tables or reports:
views/terminal.py). Library functions return warnings as data; commands hand them here."""

from __future__ import annotations

import sys

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.i18n import _, choose_language, set_language


def say(message: str) -> None:
    """A result line for the user (standard output)."""
    print(message)


def warn(message: str) -> None:
    """A warning or note (standard error, so that output piped elsewhere stays clean)."""
    print(message, file=sys.stderr)


def use_language(lang: str | None, scored: list[ScoredAnswers]) -> str:
    """The language of a run over answers files: --lang, else the language the answers were
    given in (when they all agree), else the first language of the questionnaire, else the
    environment's locale (i18n.choose_language). Set for the whole run; returned."""
    given = {s.answers.language for s in scored}
    first = scored[0].questionnaire.languages[0] if scored else None
    return set_language(choose_language(lang, given.pop() if len(given) == 1 else None, first))


def version_notes(scored: list[ScoredAnswers], lang: str | None = None) -> None:
    """Say which answers files were given to another version of their questionnaire."""
    for s in scored:
        if s.current_version is not None:
            warn(_("Note: {file} was answered with version {old} of the questionnaire and is "
                   "scored with that version; the current one is {new}.").format(
                file=s.path, old=s.questionnaire.version, new=s.current_version))
        change = s.version_change
        if change is None:
            continue
        listed = {_("added"): change.added, _("removed"): change.removed,
                  _("changed"): change.changed}
        warn(
            _(
                "Note: {file} was answered with version {old} of the questionnaire; the current "
                "one is {new}."
            ).format(file=s.path, old=change.old, new=change.new)
            + "".join(f" {k}: {', '.join(v)}." for k, v in listed.items() if v)
        )
