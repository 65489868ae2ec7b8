"""The language of a run over answers files, set once at the command's edge; below it, views
and io only read it (i18n.current_language, `_`, `pick`): docs/architecture.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netzkompetenz.i18n import choose_language, set_language

if TYPE_CHECKING:
    from netzkompetenz.core.answers import ScoredAnswers


def use_language(lang: str | None, scored: list[ScoredAnswers]) -> None:
    """Set the language of the run: --lang, else the language the answers were given in
    (when they all agree), else the first language of the questionnaire, else the
    environment's locale (i18n.choose_language).

    When the answers disagree (a German coordinator, an English leader), neither file
    decides: the reader's own locale does, else German."""
    given = {s.answers.language for s in scored}
    if len(given) > 1:
        set_language(choose_language(lang))
        return
    first = scored[0].questionnaire.languages[0] if scored else None
    set_language(choose_language(lang, given.pop() if given else None, first))
