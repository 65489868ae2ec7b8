"""The tandem's conversation guide (printable, A4, at most two pages): wording only; what
differs is decided in core/guide.py."""

from __future__ import annotations

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.core.guide import PAIR_DIFFERS, Guide, PairedStatement
from netzkompetenz.i18n import _, language, ngettext, pick
from netzkompetenz.views.render import render


def render_guide(found: Guide, fmt: str, lang: str, agreed_file: str) -> str:
    with language(lang):
        return render(
            f"guide.{fmt}",
            g=found,
            t=found.tandem,
            lang=lang,
            agreed_file=agreed_file,
            pair_differs=PAIR_DIFFERS,
            questions=questions,
            first_question=first_question(),
            answer=answer,
            difference=difference,
            priority_title=priority_title,
        )


def first_question() -> str:
    """The question for every statement where the two differ (printed once, above them)."""
    return _(
        "What does each of you have in mind when you read this statement: which "
        "situation, which example?"
    )


def questions(p: PairedStatement) -> list[str]:
    """Open questions that fit who rates higher (after the first one, for every statement)."""
    if p.situation == "leader_higher":
        return [
            _(
                "What does the coordinator experience day to day that is hard to see "
                "from the leader's position?"
            ),
            _(
                "What would have to change so that the coordinator can agree with the "
                "statement too, and who does what?"
            ),
        ]
    if p.situation == "coordinator_higher":
        return [
            _(
                "What makes the coordinator confident here, and what would the leader "
                "need to see it the same way?"
            ),
            _(
                "How can the leader learn more of this in future: reports, joint "
                "meetings, a visit to the network?"
            ),
        ]
    return [_("Who could judge this, and how will you find out?")]


def answer(s: ScoredAnswers, item_id: str) -> str:
    """An answer as its scale label and value, or the no-score answer."""
    value = s.answers.values.get(item_id)
    scale = s.questionnaire.scale
    if value is None:
        return _("not answered")
    if isinstance(value, str):
        label = getattr(scale, value, None)
        return pick(label) if isinstance(label, dict) else value
    point = next(p for p in scale.points if p.value == value)
    return f"{pick(point.label)} ({value})"


def difference(p: PairedStatement) -> str:
    steps = round(abs(p.difference or 0))
    if p.situation == "leader_higher":
        return ngettext(
            "The leader rates it {steps} step higher.",
            "The leader rates it {steps} steps higher.",
            steps,
        ).format(steps=steps)
    return ngettext(
        "The coordinator rates it {steps} step higher.",
        "The coordinator rates it {steps} steps higher.",
        steps,
    ).format(steps=steps)


def priority_title(s: ScoredAnswers, p: Priority) -> str:
    if p.dimension is not None:
        return f"{p.dimension} {pick(s.questionnaire.dimension(p.dimension).title)}"
    assert p.module is not None  # not a dimension: a module (priority_problems checks it)
    return pick(s.profile.module(p.module).title)
