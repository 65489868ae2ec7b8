"""`compare`: a tandem or a before/after page from two answers files."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.compare import NotComparable, Tandem, compare
from netzkompetenz.errors import InputError, UsageError
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write
from netzkompetenz.views import output as output_
from netzkompetenz.views.compare_page import render_compare
from netzkompetenz.views.texts import text


def run(catalog: Catalog, a: Path, b: Path, output: Path, *, lang: str | None = None) -> None:
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("md", "html"):
        raise UsageError(text("compare_bad_suffix", lang or "de", file=output))
    first, second = score_files(catalog, [a, b])
    language = lang or first.answers.language
    output_.version_notes([first, second], language)
    try:
        found = compare(first, second)
    except NotComparable as exc:
        raise InputError.single(str(second.path), _refusal(exc, language)) from None
    mode = "tandem" if isinstance(found, Tandem) else "before_after"
    page = render_compare(found, suffix, language)
    atomic_write(output, page, private=True)  # holds personal results
    output_.say(text("compare_written", language, file=output, mode=text(f"compare_{mode}",
                                                                     language)))


def _refusal(exc: NotComparable, lang: str) -> str:
    a, b = exc.a, exc.b
    if exc.why == "tandem_mismatch":
        return text("compare_tandem_mismatch", lang, a=a.answers.respondent.tandem,
                    b=b.answers.respondent.tandem)
    if exc.why == "different_people":
        return text("compare_different_people", lang, a=a.answers.respondent.name,
                    b=b.answers.respondent.name)
    return text("compare_no_mode", lang, a=a.profile.role, qa=a.questionnaire.id,
                b=b.profile.role, qb=b.questionnaire.id)
