"""What the rules of both document kinds share: findings, running a rule on every entry of a
list, unique ids, complete translations, suggestions for a misspelt id."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from netzkompetenz.core.model import Loc, Text
from netzkompetenz.errors import N_, Message, msg

Finding = tuple[Loc, Message]
Findings = Iterator[Finding]
Doc = TypeVar("Doc")
Entry = TypeVar("Entry")


def each(
    entries: Callable[[Doc], Sequence[Entry]],
    *rules: Callable[[Doc, int, Entry], Iterable[Finding]],
) -> Callable[[Doc], Findings]:
    """A rule that runs `rules` on every entry of a list, entry by entry."""

    def run(doc: Doc) -> Findings:
        for index, entry in enumerate(entries(doc)):
            for rule in rules:
                yield from rule(doc, index, entry)

    return run


def unique(values: Iterable[str], loc: Loc, text: str, key: str = "id") -> Findings:
    """A finding at every value seen before (`loc + (index, key)`)."""
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield loc + (index, key), msg(text, **{key: value})
        seen.add(value)


def translated(text: Text | None, languages: list[str], loc: Loc) -> Findings:
    """A text is given in every language of the questionnaire, and in no other."""
    if text is None:
        return
    for lang in languages:
        if lang not in text:
            yield loc, msg(N_("missing translation '{lang}'"), lang=lang)
    for lang in text:
        if lang not in languages:
            yield (
                loc + (lang,),
                msg(
                    N_(
                        "language '{lang}' is not one of the questionnaire's "
                        "languages ({languages})"
                    ),
                    lang=lang,
                    languages=", ".join(languages),
                ),
            )


def suggest(word: str, choices: Iterable[str]) -> Message | str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return msg(N_(" (did you mean '{name}'?)"), name=close[0]) if close else ""


def unknown_dimension(loc: Loc, dim_id: str, dim_ids: Iterable[str]) -> Finding:
    return loc, msg(N_("unknown dimension '{id}'{hint}"), id=dim_id, hint=suggest(dim_id, dim_ids))
