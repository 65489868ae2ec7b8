"""Response styles: how a person answered, not what (docs/scoring.md §8). Pure numpy.

Three patterns that make a self-assessment harder to read: agreeing with statements and
with their reversals alike (acquiescence), the same answer on nearly every item
(straight-lining), and many answers that carry no score. They are cautions shown beside a
result and never part of it: nothing here feeds back into a score, level or module.

Computed from the item arrays of `Scores`, so the check, an answers file and a batch row
take the same path, a batch as many rows at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netzkompetenz.core.matrix import Scores
from netzkompetenz.core.model import Questionnaire

# Agreement tendency needs this many answered reverse-keyed items and as many regular ones:
# with fewer, one or two statements that are really true for the person decide the index.
MIN_REVERSED = 4
# "Agrees" = an average answer at this share of the scale's range or above (4 on 1-5,
# "rather applies"), on the regular and the reverse-keyed items alike.
AGREE_SHARE = 0.75
# Straight-lining: the most frequent answer on at least this share of the items answered in
# any way.
SAME_ANSWER_SHARE = 0.9
# No-score answers ("cannot judge", "not applicable") on at least this share of the items
# answered in any way.
NO_SCORE_SHARE = 0.4
# Fewer answers than this say too little about a pattern to judge either of the two above.
MIN_ANSWERS = 10


@dataclass(frozen=True)
class ResponseStyles:
    """One entry per row (person); counts are of items asked."""

    reversals: int  # reverse-keyed items in the questionnaire that count (agreement_reversals)
    agreement_judged: np.ndarray  # bool: enough reverse-keyed and regular answers
    acquiescence: np.ndarray  # bool: agrees on average with both kinds of statement
    straight_lining: np.ndarray  # bool
    same_value: np.ndarray  # int: the most frequent answer as given (a scale value)
    same_count: np.ndarray  # int: how often it was given
    answered: np.ndarray  # int: items answered with a scale value
    no_score: np.ndarray  # bool: a high share of no-score answers
    no_score_count: np.ndarray  # int: "cannot judge" + "not applicable"
    given: np.ndarray  # int: answered + no_score_count

    @property
    def agreement_estimable(self) -> bool:
        """Whether the questionnaire has enough reversals to estimate agreement tendency."""
        return self.reversals >= MIN_REVERSED


def agreement_reversals(questionnaire: Questionnaire) -> int:
    """The reverse-keyed items that can show agreement tendency: all of them (a rejected
    `premise` reversal is left out person by person, in `response_styles`)."""
    return sum(1 for item in questionnaire.items if item.reverse)


def response_styles(scores: Scores) -> ResponseStyles:
    """The response styles of every row of `scores`."""
    sc = scores.scorer
    low, high = sc.low, sc.high
    reverse = sc.answer_codes.reverse.astype(bool)
    scored = scores.item_scored
    rejected = scores.item_premise_rejected
    # a rejected `premise` reversal has no score but was answered with a scale value
    answered = ~np.isnan(scored) | rejected
    # the answer as given: agreement with the statement as worded, before reverse keying
    as_given = np.where(rejected, low, np.where(reverse, (low + high) - scored, scored))

    agree = low + AGREE_SHARE * (high - low)
    # a reversal that begins with a situation ("When a conflict breaks out …") is rejected by
    # everyone who never met the situation: that rejection says nothing about agreeing for its
    # own sake, so it counts on neither side; agreeing with it does (docs/scoring.md §8)
    on_reversed = answered & reverse & ~rejected
    on_regular = answered & ~reverse
    n_reversed = on_reversed.sum(axis=1)
    n_regular = on_regular.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_reversed = np.where(on_reversed, as_given, 0.0).sum(axis=1) / n_reversed
        mean_regular = np.where(on_regular, as_given, 0.0).sum(axis=1) / n_regular
    judged = (n_reversed >= MIN_REVERSED) & (n_regular >= MIN_REVERSED)
    acquiescence = judged & (mean_reversed >= agree) & (mean_regular >= agree)

    n_answered = answered.sum(axis=1)
    no_score_count = scores.item_cannot.sum(axis=1) + scores.item_not_applicable.sum(axis=1)
    given = n_answered + no_score_count

    points = np.array(sc.point_values, dtype=float)
    per_point = (as_given[:, :, None] == points[None, None, :]).sum(axis=1)  # m x points
    most = per_point.argmax(axis=1)
    same_count = per_point.max(axis=1)
    # the share of all answers, no-score ones included: ten equal answers among forty
    # "cannot judge" are not "the same answer on nearly every item" (that is the third check)
    straight = (n_answered >= MIN_ANSWERS) & (same_count >= SAME_ANSWER_SHARE * given)

    no_score = (given >= MIN_ANSWERS) & (no_score_count >= NO_SCORE_SHARE * given)

    return ResponseStyles(
        reversals=agreement_reversals(sc.questionnaire),
        agreement_judged=judged,
        acquiescence=acquiescence,
        straight_lining=straight,
        same_value=points[most].astype(np.int64),
        same_count=same_count,
        answered=n_answered,
        no_score=no_score,
        no_score_count=no_score_count,
        given=given,
    )
