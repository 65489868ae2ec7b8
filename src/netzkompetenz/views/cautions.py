"""The response-style cautions of one person, worded in the run's language.

One place for the sentences, so that the terminal summary (score, the end of a check) and
the person report (report, batch) say the same. The patterns themselves are found in
core/response_style.py; they never change a result (docs/scoring.md §8).
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.answers import ScoredAnswers
from netzkompetenz.core.model import Questionnaire
from netzkompetenz.core.response_style import MIN_REVERSED, ResponseStyles, response_styles
from netzkompetenz.i18n import _, pick


@dataclass(frozen=True)
class Cautions:
    """What a person's answers show about how they answered; empty `notes`: nothing."""

    notes: tuple[str, ...]
    reversal_note: str | None  # said with the notes when agreement could not be checked
    unscored: str  # that the notes change no result


def person_cautions(scored: ScoredAnswers) -> Cautions:
    """The cautions for one scored person (the result's own one-row scores)."""
    scores = scored.result.scores
    assert scores is not None  # result_of keeps the row it was read from
    styles = response_styles(scores)
    return cautions_of(styles, 0, scored.questionnaire)


def cautions_of(styles: ResponseStyles, row: int, questionnaire: Questionnaire) -> Cautions:
    scale = questionnaire.scale
    notes = []
    if styles.acquiescence[row]:
        notes.append(
            _(
                "You agreed with the statements on average, and also with those worded the "
                "other way round. Both can hardly be true at once, so your scores say less "
                "than usual: read your profile with care and talk it through, for example in "
                "your tandem."
            )
        )
    if styles.straight_lining[row]:
        value = int(styles.same_value[row])
        label = next((pick(p.label) for p in scale.points if p.value == value), str(value))
        notes.append(
            _(
                "You gave nearly every statement the same answer (“{label}” on {count} of "
                "{answered}). Your profile then shows hardly any difference between the "
                "dimensions: where your work differs from one statement to the next, it is "
                "worth answering again."
            ).format(
                label=label, count=int(styles.same_count[row]), answered=int(styles.given[row])
            )
        )
    if styles.no_score[row]:
        count, given = int(styles.no_score_count[row]), int(styles.given[row])
        cannot = pick(scale.cannot_judge)
        if scale.not_applicable is not None:
            said = _("You answered {count} of {given} statements with “{cannot}” or “{na}”.")
        else:
            said = _("You answered {count} of {given} statements with “{cannot}”.")
        notes.append(
            said.format(
                count=count,
                given=given,
                cannot=cannot,
                na=pick(scale.not_applicable) if scale.not_applicable else "",
            )
            + " "
            + _(
                "Your profile rests on your other answers only; a dimension with too few of "
                "them shows “not enough answers”, not a low score."
            )
        )
    return Cautions(
        tuple(notes),
        None if styles.agreement_estimable else reversal_note(styles.reversals),
        _("These notes change no score, level or module."),
    )


def reversal_note(reversals: int) -> str:
    """Why agreement tendency is not checked for this questionnaire."""
    return _(
        "This questionnaire has too few reverse-keyed (oppositely worded) statements "
        "({count}; at least {min} are needed) to check a tendency to agree; only the same "
        "answer throughout and answers without a score are checked."
    ).format(count=reversals, min=MIN_REVERSED)
