"""Rater survey files (Fremdeinschätzung, issue 24): the rater version of a questionnaire
for one relation, written by the self-check's own form builders (LimeSurvey, XLSForm, the
CSV/XLSX/ODS templates) with other questions before the items: the rated person (name or
pseudonym, prefilled from an invitation) and the relation (prefilled with the form's one).

The items keep their ids and their dimensions' codes, so a rater export is read back by
the same column rules as a self-assessment export (io/rater_export.py)."""

from __future__ import annotations

from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.ratings import RELATIONS, Relation, rater_questionnaire
from netzkompetenz.i18n import _, gettext_in, pick
from netzkompetenz.io.survey_tools import FormHead

RATER_FIELDS = ("rated", "relation")
"""The questions before the items; also the column headers of the rater templates."""


def development_only() -> str:
    """The one sentence every output with ratings carries (docs/compare.md)."""
    return _("For development, not appraisal.")


def rater_texts(lang: str) -> dict[str, str]:
    """How a rater form asks its first questions, in `lang` (keys as respondent_texts)."""
    return {
        "respondent": gettext_in(lang, "The person you rate"),
        "question": gettext_in(
            lang,
            "How far do the following statements apply to this person? Where you have "
            "not seen something yourself, choose “I cannot judge this”.",
        ),
        "rated": gettext_in(lang, "Name or pseudonym of the person you rate"),
        "rated_hint": gettext_in(lang, "As the person wrote it in the invitation."),
        "relation": gettext_in(lang, "Your relation to this person"),
        "relation_hint": gettext_in(lang, "leader, colleague or partner"),
    }


def rater_head(relation: Relation, rated: str | None = None) -> FormHead:
    return FormHead(
        RATER_FIELDS,
        rater_texts,
        defaults={"relation": relation, **({"rated": rated} if rated else {})},
        allowed={"relation": " / ".join(RELATIONS)},
        suffix=f"-rating-{relation}",
    )


def rater_form(questionnaire: Questionnaire, relation: Relation) -> Questionnaire:
    """The questionnaire a form for this relation asks: the rater items (a partner only the
    partner set), titled as a rating, its welcome text the raters' introduction after the
    sentence that the rating serves development, not appraisal, and on each dimension's
    page when to choose "cannot judge"."""
    view = rater_questionnaire(questionnaire, relation)
    langs = questionnaire.languages
    introduction = view.description or {}
    cannot_judge = view.scale.cannot_judge
    # a dimension's description speaks to the person assessing themselves ("your
    # knowledge"): a rater's page says instead when to choose "cannot judge"
    remark = {
        lang: gettext_in(
            lang,
            "Where you have not seen something yourself, choose “{cannot_judge}”: it does "
            "not count as a low rating.",
        ).format(cannot_judge=pick(cannot_judge, lang))
        for lang in langs
    }
    return view.model_copy(
        update={
            "dimensions": [d.model_copy(update={"description": remark}) for d in view.dimensions],
            "title": {
                lang: gettext_in(lang, "Rating by others – the questions of “{title}”").format(
                    title=pick(questionnaire.title, lang)
                )
                for lang in langs
            },
            "description": {
                lang: gettext_in(lang, "For development, not appraisal.")
                + " "
                + pick(introduction, lang)
                for lang in langs
            },
        }
    )
