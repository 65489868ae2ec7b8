"""Scoring: answers -> dimension scores -> recommended modules. Pure functions, no I/O.

The semantics are documented in docs/scoring.md; in short: reverse-keyed items count as
min + max - x; "cannot judge" and unanswered items are left out; the dimension score is
the (weighted) mean of the answered items; below the questionnaire's minimum coverage a
dimension has "not enough answers". Nothing here looks at other respondents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from netzkompetenz.core.model import CANNOT_JUDGE, Item, Profile, Questionnaire

AnswerValue = int | str  # a scale value, or CANNOT_JUDGE


@dataclass(frozen=True)
class ItemScore:
    item: str
    answer: int  # as given
    scored: float  # after reverse keying


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    applicable: int  # items asked (their conditions hold)
    answered: int  # items with a scale value
    cannot_judge: int
    mean: float | None  # on the item scale; None = not enough answers
    percent: float | None
    level: str | None
    target: float
    gap: float | None  # target - percent, in percentage points
    items: tuple[ItemScore, ...]

    @property
    def enough(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class Reason:
    """Why a module is recommended: one dimension where the gap reached the trigger."""

    dimension: str
    percent: float
    target: float
    gap: float
    items: tuple[str, ...]  # items scored below the target, lowest first


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
    recommendations: tuple[Recommendation, ...]

    def dimension(self, dimension_id: str) -> DimensionScore:
        return next(d for d in self.dimensions if d.dimension == dimension_id)


def applicable_items(questionnaire: Questionnaire,
                     answers: Mapping[str, AnswerValue]) -> list[Item]:
    """Items that are asked: those without a condition, or whose condition holds on an
    earlier item that was itself asked. A survey export may hold an answer to an item that
    was never shown (its condition failed); such an answer must not open a chain."""
    asked: list[Item] = []
    asked_ids: set[str] = set()
    for item in questionnaire.items:  # conditions refer to earlier items (validated)
        cond = item.condition
        if cond is None or (cond.item in asked_ids and cond.holds(answers.get(cond.item))):
            asked.append(item)
            asked_ids.add(item.id)
    return asked


def to_percent(mean: float, questionnaire: Questionnaire) -> float:
    low, high = questionnaire.scale.min, questionnaire.scale.max
    return (mean - low) / (high - low) * 100


def percent_to_scale(percent: float, questionnaire: Questionnaire) -> float:
    low, high = questionnaire.scale.min, questionnaire.scale.max
    return low + percent / 100 * (high - low)


def score_dimensions(questionnaire: Questionnaire, profile: Profile,
                     answers: Mapping[str, AnswerValue]) -> tuple[DimensionScore, ...]:
    asked = applicable_items(questionnaire, answers)
    scale = questionnaire.scale
    scores = []
    for dim in questionnaire.dimensions:
        items = [i for i in asked if i.dimension == dim.id]
        given = [(i, answers.get(i.id)) for i in items]
        scored = tuple(
            ItemScore(i.id, v, scale.reversed(v) if i.reverse else float(v))
            for i, v in given if isinstance(v, int) and not isinstance(v, bool))
        weights = {i.id: i.weight for i in items}
        cannot = sum(1 for _, v in given if v == CANNOT_JUDGE)
        target = profile.targets.get(dim.id, 0.0)
        enough = bool(items) and bool(scored) and \
            len(scored) / len(items) >= questionnaire.min_coverage - 1e-9
        mean = percent = gap = None
        level = None
        if enough:
            total = sum(weights[s.item] for s in scored)
            weighted = sum(weights[s.item] * s.scored for s in scored)
            mean = weighted / total
            # One division from exact sums: five answers summing to 23 on 1..5 give exactly
            # 90.0, not 89.99999999999999 (which would miss a band starting at 90).
            percent = (weighted - scale.min * total) * 100 / (total * (scale.max - scale.min))
            gap = target - percent
            level = profile.level_of(percent).id
        scores.append(DimensionScore(dim.id, len(items), len(scored), cannot, mean, percent,
                                     level, target, gap, scored))
    return tuple(scores)


def _reason(score: DimensionScore, questionnaire: Questionnaire) -> Reason:
    target_on_scale = percent_to_scale(score.target, questionnaire)
    below = sorted((s for s in score.items if s.scored < target_on_scale),
                   key=lambda s: (s.scored, s.item))
    return Reason(score.dimension, score.percent, score.target, score.gap,  # type: ignore[arg-type]
                  tuple(s.item for s in below))


def recommend(questionnaire: Questionnaire, profile: Profile,
              dimensions: tuple[DimensionScore, ...]) -> tuple[Recommendation, ...]:
    by_dim = {d.dimension: d for d in dimensions}
    found: dict[str, Recommendation] = {}
    for module in profile.modules:
        hits = [by_dim[d] for d in module.dimensions
                if d in by_dim and by_dim[d].enough and by_dim[d].gap >= module.trigger.min_gap]
        if not hits or (module.trigger.match == "all" and len(hits) < len(module.dimensions)):
            continue
        reasons = tuple(sorted((_reason(h, questionnaire) for h in hits),
                               key=lambda r: -r.gap))
        found[module.id] = Recommendation(module.id, module.priority, reasons,
                                          tuple(module.prerequisites))
    ranked = sorted(found.values(), key=lambda r: (r.priority, -r.largest_gap, r.module))
    return tuple(_prerequisites_first(ranked, found))


def _prerequisites_first(ranked: list[Recommendation],
                         found: dict[str, Recommendation]) -> list[Recommendation]:
    ordered: list[Recommendation] = []
    placed: set[str] = set()

    def place(rec: Recommendation) -> None:
        if rec.module in placed:
            return
        placed.add(rec.module)
        for pre in rec.prerequisites:
            if pre in found:
                place(found[pre])
        ordered.append(rec)

    for rec in ranked:
        place(rec)
    return ordered


def score(questionnaire: Questionnaire, profile: Profile,
          answers: Mapping[str, AnswerValue]) -> Result:
    dimensions = score_dimensions(questionnaire, profile, answers)
    return Result(questionnaire.id, questionnaire.version, profile.id, profile.role,
                  dimensions, recommend(questionnaire, profile, dimensions))


def result_to_dict(result: Result) -> dict:
    """The stable JSON shape of a result (documented in docs/scoring.md)."""

    def num(x: float | None) -> float | None:
        return None if x is None else round(x, 4)

    return {
        "questionnaire": {"id": result.questionnaire, "version": result.questionnaire_version},
        "profile": {"id": result.profile, "role": result.role},
        "dimensions": [
            {"id": d.dimension, "mean": num(d.mean), "percent": num(d.percent),
             "answered": d.answered, "applicable": d.applicable,
             "cannot_judge": d.cannot_judge, "enough_answers": d.enough, "level": d.level,
             "target": d.target, "gap": num(d.gap)}
            for d in result.dimensions],
        "recommendations": [
            {"module": r.module, "priority": r.priority, "prerequisites": list(r.prerequisites),
             "reasons": [{"dimension": x.dimension, "percent": num(x.percent),
                          "target": x.target, "gap": num(x.gap), "items": list(x.items)}
                         for x in r.reasons]}
            for r in result.recommendations],
    }
