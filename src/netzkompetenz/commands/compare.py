"""`compare`: a tandem or a before/after page from two answers files."""

from __future__ import annotations

from pathlib import Path

from netzkompetenz.core.compare import NotComparable, Tandem, compare
from netzkompetenz.errors import InputError, UsageError
from netzkompetenz.i18n import _
from netzkompetenz.io.answers_file import score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.files import atomic_write
from netzkompetenz.views import output as output_
from netzkompetenz.views.compare_page import render_compare


def run(catalog: Catalog, a: Path, b: Path, output: Path, *, lang: str | None = None) -> None:
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in ("md", "html"):
        raise UsageError(
            _("{file}: the format follows from the extension; use .md or .html.").format(
                file=output
            )
        )
    first, second = score_files(catalog, [a, b])
    language = output_.use_language(lang, [first, second])
    output_.version_notes([first, second], language)
    try:
        found = compare(first, second)
    except NotComparable as exc:
        raise InputError.single(str(second.path), _refusal(exc, language)) from None
    mode = "tandem" if isinstance(found, Tandem) else "before_after"
    page = render_compare(found, suffix, language)
    atomic_write(output, page, private=True)  # holds personal results
    output_.say(
        _("Wrote {mode}: {file}").format(
            file=output,
            mode={"tandem": _("tandem comparison"), "before_after": _("before/after comparison")}[
                mode
            ],
        )
    )


def _refusal(exc: NotComparable, lang: str) -> str:
    a, b = exc.a, exc.b
    if exc.why == "tandem_mismatch":
        return _(
            "the two answers belong to different tandems ('{a}' and '{b}'); a tandem "
            "comparison needs the leader and the coordinator of the same tandem."
        ).format(a=a.answers.respondent.tandem, b=b.answers.respondent.tandem)
    if exc.why == "different_people":
        return _(
            "both answers use the same questionnaire but come from different people ('{a}' "
            "and '{b}'). Compare the same person at two dates (before/after) or a leader "
            "with a coordinator (tandem)."
        ).format(a=a.answers.respondent.name, b=b.answers.respondent.name)
    return _(
        "these two answers cannot be compared ({a}: {qa}, {b}: {qb}). Possible are: the same "
        "person at two dates with the same questionnaire, or a leader and a coordinator "
        "(tandem)."
    ).format(a=a.profile.role, qa=a.questionnaire.id, b=b.profile.role, qb=b.questionnaire.id)
