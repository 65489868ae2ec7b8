"""The scoring rules, stated once (docs/scoring.md), on arrays with one row per person.

Every way of scoring goes through these functions: `MatrixScorer` (core/matrix.py) applies
them in order to a matrix of answer codes, `scoring.score` is that scorer on a matrix of one
row, and the reasons a result gives (which dimensions triggered a module, which items pulled
a score down) are read back with the same functions by `scoring.result_of` and by the JSON
writer. Pure numpy, no I/O.

Answers come as codes, one column per item of the questionnaire (int8):

    UNANSWERED = 0, CANNOT_JUDGE = -1, NOT_APPLICABLE = -2, k = the k-th point of the scale

and context answers as codes, one column per context question: 0 = unanswered, k = the k-th
option. Sums run item by item, left to right, as Python's sum() adds them, so that one row
and many rows give bit-identical numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

UNANSWERED = 0
CANNOT_JUDGE = -1
NOT_APPLICABLE = -2
COVERAGE_TOLERANCE = 1e-9  # 2/3 >= 0.6666666666 must hold although 2/3 is rounded


# --- conditions (docs/scoring.md §1) ------------------------------------------------------


@dataclass(frozen=True)
class OnItem:
    """Asked when the earlier item `item` was asked and answered within [low, high]."""

    item: int
    low: float
    high: float


@dataclass(frozen=True)
class OnContext:
    """Asked when context question `question` was answered with one of `options`."""

    question: int
    options: tuple[int, ...]


def asked(
    given: np.ndarray,
    value: np.ndarray,
    context: np.ndarray,
    conditions: Sequence[OnItem | OnContext | None],
) -> np.ndarray:
    """Which items are asked (m x items, bool). `given`: answered with a scale value;
    `value`: that value (nan otherwise). "Cannot judge", "not applicable" and no answer
    never satisfy a condition; an answer to an item that was not asked opens nothing
    (conditions name earlier items, so one pass in order decides)."""
    out = np.ones(given.shape, dtype=bool)
    for j, cond in enumerate(conditions):
        if isinstance(cond, OnItem):
            c = cond.item
            out[:, j] = (
                out[:, c] & given[:, c] & (value[:, c] >= cond.low) & (value[:, c] <= cond.high)
            )
        elif isinstance(cond, OnContext):
            out[:, j] = np.isin(context[:, cond.question], cond.options)
    return out


# --- item and dimension scores (§2, §3) ---------------------------------------------------


def reverse_keyed(value: np.ndarray, reverse: np.ndarray, low: float, high: float) -> np.ndarray:
    """A reverse-keyed item counts as min + max - x."""
    return np.where(reverse, (low + high) - value, value)


def premise_rejected(value: Any, premise: Any, low: float) -> Any:
    """A reversal that begins with a situation (`premise`), answered with the scale's
    lowest value: "I do not act so" and "never met the situation" read alike, so it is not
    scored. Element-wise on arrays, or on one answer (ratings by others)."""
    return premise & (value == low)


def weighted_sums(
    scored: np.ndarray, answered: np.ndarray, items: Sequence[int], weights: Sequence[float]
) -> tuple[np.ndarray, np.ndarray]:
    """Σ w·s and Σ w over the answered items, item by item in questionnaire order."""
    m = scored.shape[0]
    weighted = np.zeros(m)
    total = np.zeros(m)
    for j in items:
        w = weights[j]
        weighted = weighted + np.where(answered[:, j], w * scored[:, j], 0.0)
        total = total + np.where(answered[:, j], w, 0.0)
    return weighted, total


def enough_answers(
    answered: np.ndarray, applicable: np.ndarray, min_coverage: float, min_answered: int = 1
) -> np.ndarray:
    """Scored only with min_answered answers at least (never fewer than one) and
    answered / applicable >= min_coverage (counted in items, not weights). "Not
    applicable" items are not in `applicable`."""
    with np.errstate(invalid="ignore", divide="ignore"):
        enough: np.ndarray = (
            (applicable > 0)
            & (answered >= max(1, min_answered))
            & (answered / np.maximum(applicable, 1) >= min_coverage - COVERAGE_TOLERANCE)
        )
    return enough


def percent_of_sums(weighted: np.ndarray, total: np.ndarray, low: float, high: float) -> np.ndarray:
    """(mean - min) / (max - min) * 100 in one division from the exact sums, so that an
    exact value stays exact: 23 points over five items on 1..5 give 90.0, not
    89.99999999999999 (which would miss a band or a trigger at 90)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (weighted - low * total) * 100 / (total * (high - low))


def percent_to_scale(percent: float, low: float, high: float) -> float:
    """A percent (e.g. a target) as a value on the item scale."""
    return low + percent / 100 * (high - low)


GAP_DECIMALS = 9


def comparable_gap(gap: np.ndarray) -> np.ndarray:
    """A gap as rankings compare it: to 9 decimals. Gaps the rules make equal (100/3 from a
    dimension and from an item trigger) can differ in the last bit of floating point; then
    the next key (the module id, the dimension's place) decides, not that bit."""
    return np.round(gap, GAP_DECIMALS)


def level_index(
    percent: np.ndarray, enough: np.ndarray, bands: Sequence[tuple[float, float]]
) -> np.ndarray:
    """Index of the band with from <= percent < to (the last band includes 100); -1 where
    there are not enough answers."""
    level = np.full(percent.shape, -1, dtype=np.int64)
    last = len(bands) - 1
    level[enough] = last
    for b in range(last, -1, -1):  # the first band that holds wins
        start, end = bands[b]
        level[enough & (percent >= start) & (percent < end)] = b
    return level


# --- triggers (§4) ------------------------------------------------------------------------


def dimension_hits(enough: np.ndarray, gap: np.ndarray, min_gap: float) -> np.ndarray:
    """A dimension hits when it is scored and its gap reaches min_gap (> 0)."""
    return enough & (gap >= min_gap)


def dimension_trigger(
    hits: np.ndarray, gaps: np.ndarray, match_all: bool
) -> tuple[np.ndarray, np.ndarray]:
    """From the hits (m x addressed dimensions): recommended (any one hit, or all with
    match: all) and the largest gap of the hits (nan where not recommended)."""
    count = hits.sum(axis=1)
    ok = count == hits.shape[1] if match_all else count > 0
    best = np.full(hits.shape[0], -np.inf)
    for c in range(hits.shape[1]):
        best = np.where(hits[:, c], np.maximum(best, gaps[:, c]), best)
    return ok, np.where(ok, best, np.nan)


@dataclass(frozen=True)
class ItemTrigger:
    """The listed items of one person, as an item-level trigger sees them."""

    answered: np.ndarray  # m, int: answered listed items
    mean: np.ndarray  # plain mean after reverse keying (nan: none answered)
    percent: np.ndarray  # that mean in percent of the scale
    target: float  # `below` in percent of the scale
    gap: np.ndarray  # target - percent: comparable with a dimension's gap
    hit: np.ndarray  # bool: >= 1 answered and mean < below


def item_trigger(
    scored: np.ndarray,
    answered: np.ndarray,
    items: Sequence[int],
    below: float,
    low: float,
    high: float,
) -> ItemTrigger:
    """Mean of the answered listed items (unweighted, after reverse keying) below `below`,
    from at least two of them (the one, when one is listed): no module on a single answer.
    Its gap, in percentage points like a dimension's, is (below - mean) / (max - min) * 100,
    computed as target - percent from the exact sums."""
    m = scored.shape[0]
    total = np.zeros(m)
    count = np.zeros(m, dtype=np.int64)
    for j in items:
        total = total + np.where(answered[:, j], scored[:, j], 0.0)
        count = count + answered[:, j]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / count, np.nan)
        percent = np.where(count > 0, percent_of_sums(total, count, low, high), np.nan)
    target = (below - low) * 100 / (high - low)
    hit = (count >= min(2, len(items))) & (mean < below)
    return ItemTrigger(count, mean, percent, target, target - percent, hit)


# --- ranking and reasons (§4) -------------------------------------------------------------


def rank(recommended: np.ndarray, gap: np.ndarray, priority: np.ndarray) -> np.ndarray:
    """Per row the module indices by largest gap (the need the answers show), then priority
    (1 first), then the profile's own order of modules (authored; never the id); the
    modules not recommended follow (the caller cuts them off with the row's count)."""
    m, n = recommended.shape
    keys = (
        np.broadcast_to(np.arange(n), (m, n)),
        np.broadcast_to(priority, (m, n)),
        -comparable_gap(np.nan_to_num(gap, nan=0.0)),
        ~recommended,
    )
    return np.lexsort(keys, axis=1)


def prerequisites_first(
    ranked: Sequence[int], prerequisites: Sequence[Sequence[int]]
) -> tuple[int, ...]:
    """Recommended prerequisites move directly before the module that needs them
    (recursively, each module once; cycles are rejected by validation)."""
    recommended = set(ranked)
    ordered: list[int] = []
    placed: set[int] = set()

    def place(k: int) -> None:
        if k in placed:
            return
        placed.add(k)
        for pre in prerequisites[k]:
            if pre in recommended:
                place(pre)
        ordered.append(k)

    for k in ranked:
        place(k)
    return tuple(ordered)


def most_important(recommended_count: np.ndarray, cap: int | None) -> np.ndarray:
    """How many of the ranked recommendations are "the most important": the first
    max_recommendations of them (all without a cap)."""
    return recommended_count if cap is None else np.minimum(recommended_count, cap)


def listed(ranked: tuple[int, ...], cap: int | None, also_possible: int | None) -> tuple[int, ...]:
    """The ranked modules a result lists: the most important, then at most
    `also_possible` more ("auch möglich"); a short list is one a person can act on."""
    if cap is None or also_possible is None:
        return ranked
    return ranked[: cap + also_possible]


def lowest_first(
    values: np.ndarray, chosen: np.ndarray, id_rank: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Order of columns per row: the chosen ones first, lowest value first, ties by item
    id; and how many were chosen. Used for the items that pulled a score down."""
    order = np.lexsort((np.broadcast_to(id_rank, values.shape), np.where(chosen, values, np.inf)))
    return order, chosen.sum(axis=1)


def below_target(scored: np.ndarray, target_on_scale: float) -> np.ndarray:
    """Items that pulled a dimension down: scored (after reverse keying) below the
    target on the item scale. Whenever the mean is below the target there is one."""
    with np.errstate(invalid="ignore"):
        return scored < target_on_scale
