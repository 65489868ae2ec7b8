"""A cohort's before/after page from two batch runs: wording only; matching and the noise
rule are in core/compare.py."""

from __future__ import annotations

from netzkompetenz.core.compare import CohortChange
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.i18n import language, pick
from netzkompetenz.views.render import render


def render_cohort_change(
    found: CohortChange,
    questionnaire: Questionnaire | None,
    fmt: str,
    lang: str,
    first: str,
    second: str,
) -> str:
    with language(lang):
        titles = {d.id: pick(d.title) for d in questionnaire.dimensions} if questionnaire else {}
        return render(
            f"cohort_change.{fmt}",
            c=found,
            lang=lang,
            first=first,
            second=second,
            dim_title=lambda d: titles.get(d, ""),
        )
