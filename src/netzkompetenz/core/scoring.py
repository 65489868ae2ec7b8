"""One person's result: answers -> dimension scores -> recommended modules. No I/O.

`score` is the matrix scorer (core/matrix.py) on a matrix of one row, read back into plain
dataclasses; the rules themselves are in core/rules.py and described in docs/scoring.md.
Nothing here looks at other respondents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netzkompetenz.core.model import (
    CANNOT_JUDGE,
    NOT_APPLICABLE,
    AnswerValue,
    Item,
    Profile,
    Questionnaire,
)

# numpy and the scorer load when something is scored, not with the result's types: the
# check imports these at its start and scores at its end (docs/performance.md).
if TYPE_CHECKING:
    from netzkompetenz.core.matrix import MatrixScorer, Scores

__all__ = [
    "AnswerValue",
    "DimensionScore",
    "ItemScore",
    "Reason",
    "Recommendation",
    "Result",
    "applicable_items",
    "result_of",
    "score",
]


@dataclass(frozen=True)
class ItemScore:
    item: str
    answer: int  # as given
    scored: float  # after reverse keying


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    applicable: int  # items asked (their conditions hold), not "not applicable" or rejected
    answered: int  # items with a scored scale value (a rejected situation is not one)
    cannot_judge: int
    not_applicable: int
    mean: float | None  # on the item scale; None = not enough answers
    percent: float | None
    level: str | None
    target: float
    gap: float | None  # target - percent, in percentage points
    items: tuple[ItemScore, ...]
    premise_rejected: int = 0  # `premise` reversals answered at the scale's bottom

    @property
    def enough(self) -> bool:
        return self.mean is not None

    @property
    def asked(self) -> int:
        """Items asked, whatever the answer (the "n" of "answered m of n")."""
        return self.applicable + self.not_applicable + self.premise_rejected


@dataclass(frozen=True)
class Reason:
    """Why a module is recommended: a dimension whose gap reached the trigger, or (item
    trigger, `dimension` None) the listed items whose mean is below `below`."""

    dimension: str | None
    percent: float  # the dimension's, or the listed items' mean in percent
    target: float  # the dimension's target, or `below` in percent
    gap: float  # target - percent, percentage points
    items: tuple[str, ...]  # items scored below the target / the answered listed items
    mean: float | None = None  # item trigger: mean of the answered listed items
    below: float | None = None  # item trigger: its threshold on the scale

    @property
    def on_items(self) -> bool:
        return self.dimension is None


@dataclass(frozen=True)
class Recommendation:
    module: str
    priority: int
    reasons: tuple[Reason, ...]
    prerequisites: tuple[str, ...]  # the module's prerequisites (recommended or not)

    @property
    def largest_gap(self) -> float:
        return max(r.gap for r in self.reasons)


@dataclass(frozen=True)
class Result:
    questionnaire: str
    questionnaire_version: str
    profile: str
    role: str
    dimensions: tuple[DimensionScore, ...]
    recommendations: tuple[Recommendation, ...]  # ranked: the most important, then the rest
    most_important: int  # the first so many (max_recommendations; all without a cap)
    scores: Scores | None = field(default=None, compare=False, repr=False)
    """The one-row scores this result was read from (for io.resultjson)."""

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.dimension == dimension_id)

    @property
    def important(self) -> tuple[Recommendation, ...]:
        """The recommendations shown first ("the most important first")."""
        return self.recommendations[: self.most_important]

    @property
    def also_possible(self) -> tuple[Recommendation, ...]:
        """The recommendations after the most important ("auch möglich")."""
        return self.recommendations[self.most_important :]


def score(
    questionnaire: Questionnaire,
    profile: Profile,
    answers: Mapping[str, AnswerValue],
    context: Mapping[str, str] | None = None,
) -> Result:
    """One person's result: the matrix scorer on one row."""
    from netzkompetenz.core.matrix import MatrixScorer

    scorer = MatrixScorer(questionnaire, profile)
    return result_of(scorer.score(scorer.encode(answers), scorer.encode_context(context)), 0)


def applicable_items(
    questionnaire: Questionnaire,
    answers: Mapping[str, AnswerValue],
    context: Mapping[str, str] | None = None,
) -> list[Item]:
    """Items that are asked (rules.asked): without a condition, or whose condition holds
    on an earlier item that was itself asked, or on a context answer."""
    from netzkompetenz.core.matrix import AnswerCodes

    codes = AnswerCodes(questionnaire)
    asked = codes.asked(codes.encode(answers), codes.encode_context(context))
    return [item for item, yes in zip(questionnaire.items, asked[0].tolist(), strict=True) if yes]


def result_of(s: Scores, i: int) -> Result:
    """Row i of the scores as a Result."""
    import numpy as np

    from netzkompetenz.core import rules

    sc = s.scorer
    q, p = sc.questionnaire, sc.profile
    row = np.array([i])
    dimensions = []
    for d, dim_id in enumerate(sc.dimension_ids):
        items = tuple(
            ItemScore(sc.item_ids[j], _as_given(sc, j, x), x)
            for j in sc.dimension_items[d]
            if (x := float(s.item_scored[i, j])) == x
        )  # nan: not answered
        enough = bool(s.enough[i, d])
        dimensions.append(
            DimensionScore(
                dim_id,
                int(s.applicable[i, d]),
                int(s.answered[i, d]),
                int(s.cannot_judge[i, d]),
                int(s.not_applicable[i, d]),
                float(s.mean[i, d]) if enough else None,
                float(s.percent[i, d]) if enough else None,
                p.levels[s.level[i, d]].id if enough else None,
                float(sc.targets[d]),
                float(s.gap[i, d]) if enough else None,
                items,
                int(s.premise_rejected[i, d]),
            )
        )
    recommendations = []
    for k in s.modules[i]:
        module = p.modules[k]
        reasons: tuple[Reason, ...]
        if sc.trigger_items[k] is not None:
            found = sc.item_trigger(s.item_scored[row], s.enough[row], k)
            listed, order, count = sc.trigger_items_of(s, k, row)
            reasons = (
                Reason(
                    None,
                    float(found.percent[0]),
                    found.target,
                    float(found.gap[0]),
                    tuple(sc.item_ids[listed[c]] for c in order[0][: count[0]]),
                    float(found.mean[0]),
                    module.trigger.below,
                ),
            )
        else:
            dims = sc.module_dimensions[k]
            hits = sc.dimension_hits(s.enough[row], s.gap[row], k)[0].tolist()
            gaps = rules.comparable_gap(s.gap[i])
            hit_dims = sorted(
                (d for d, hit in zip(dims, hits, strict=True) if hit), key=lambda d: -gaps[d]
            )  # largest gap first, stable
            reasons = tuple(_dimension_reason(s, i, d) for d in hit_dims)
        recommendations.append(
            Recommendation(module.id, module.priority, reasons, tuple(module.prerequisites))
        )
    return Result(
        q.id,
        q.version,
        p.id,
        p.role,
        tuple(dimensions),
        tuple(recommendations),
        int(s.most_important[i]),
        s.take([i]) if len(s) > 1 else s,
    )


def _dimension_reason(s: Scores, i: int, d: int) -> Reason:
    import numpy as np

    sc = s.scorer
    items, order, count = sc.low_items(s, d, np.array([i]))
    return Reason(
        sc.dimension_ids[d],
        float(s.percent[i, d]),
        float(sc.targets[d]),
        float(s.gap[i, d]),
        tuple(sc.item_ids[items[c]] for c in order[0][: count[0]]),
    )


def answers_of(s: Scores, i: int) -> dict[str, AnswerValue]:
    """The answers of row i as an answers file holds them, for the items asked (a batch's
    rows joined to ratings by others: core/ratings.self_other reads them so)."""
    sc = s.scorer
    out: dict[str, AnswerValue] = {}
    for j, item_id in enumerate(sc.item_ids):
        if s.item_cannot[i, j]:
            out[item_id] = CANNOT_JUDGE
        elif s.item_not_applicable[i, j]:
            out[item_id] = NOT_APPLICABLE
        elif s.item_premise_rejected[i, j]:
            out[item_id] = int(sc.low)
        elif (x := float(s.item_scored[i, j])) == x:  # nan: not answered or not asked
            out[item_id] = _as_given(sc, j, x)
    return out


def _as_given(sc: MatrixScorer, j: int, scored: float) -> int:
    """The answer before reverse keying (exact: the values are whole numbers)."""
    return int(sc.low + sc.high - scored) if sc.answer_codes.reverse[j] else int(scored)
