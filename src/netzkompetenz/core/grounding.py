"""Level texts grounded in the answers: which anchor sentences a person's answers bear out,
and which of their own statements are a dimension's strengths and development points.

A sentence of an anchor describes behaviour; the report may say it of a person only when
every linked item was asked and answered above the scale's middle (after reverse keying).
docs/reports.md states the rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from netzkompetenz.core.model import AnchorSentence, Questionnaire
from netzkompetenz.core.scoring import DimensionScore, ItemScore

# How many of a dimension's own statements are quoted as strengths and as starting points.
OWN_STATEMENTS = 2


@dataclass(frozen=True)
class OwnStatements:
    """A dimension's highest answers (above the middle) and lowest (at or below it)."""

    strengths: tuple[ItemScore, ...]
    development: tuple[ItemScore, ...]


def middle(q: Questionnaire) -> float:
    return (q.scale.min + q.scale.max) / 2


def borne_out(sentence: AnchorSentence, scored: DimensionScore, q: Questionnaire) -> bool:
    """The answers support the sentence: every linked item scored above the middle. An item
    answered "cannot judge" or "not applicable", left unanswered or not asked at all (its
    condition did not hold) has no score here, so the sentence is not said: it speaks of
    that item too (twenty-first content read b: a leader without a coordinator was told
    that she does not overrule her coordinator's decisions)."""
    keyed = {s.item: s.scored for s in scored.items}
    mid = middle(q)
    return all(keyed.get(item_id, float("nan")) > mid for item_id in sentence.items)


def own_statements(
    scored: DimensionScore, q: Questionnaire, said: frozenset[str] = frozenset()
) -> OwnStatements:
    """The person's highest and lowest answers in a dimension, in their own statements.
    Ties keep the questionnaire's order, so the same answers always quote the same items.
    Of the highest, an item an anchor sentence already says of the person (`said`: the
    items of the sentences borne out) is not quoted a second time, nor replaced."""
    mid = middle(q)
    high = sorted((s for s in scored.items if s.scored > mid), key=lambda s: -s.scored)
    low = sorted((s for s in scored.items if s.scored <= mid), key=lambda s: s.scored)
    strengths = tuple(s for s in high[:OWN_STATEMENTS] if s.item not in said)
    return OwnStatements(strengths, tuple(low[:OWN_STATEMENTS]))
