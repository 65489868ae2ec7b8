"""Statistics over a cohort of results: pure, streaming, no I/O.

`Cohort.add` takes the scores of a chunk of respondents (fastscore.Scores) and folds them
into fixed-size sums, so memory does not grow with the number of people:

- per dimension: count, sum and sum of squares of percent, a histogram in hundredths of a
  percent (quartiles exact to 0.005 points), min, max, level counts;
- per dimension, over the complete cases of its items (reverse keying applied): n, item
  sums and the k x k sums of products, from which Cronbach's alpha, item variances and
  corrected item-total correlations follow;
- per item: how often it was asked, answered, "cannot judge", "not applicable" (apart: the
  first says "I cannot rate myself", the second "this does not arise in my work"), and its
  sums;
- module demand per role and per organisation;
- how many people's answers show each response style (core/response_style.py);
- optionally (when the batch provides them) the context answers per question and option and
  the framework checklist per condition and answer: unscored, shown as context.

`Cohort.summary` turns the sums into plain data for the cohort report and applies the
privacy rule: no group (the cohort, a role, an organisation, a count cell) of fewer than
MIN_GROUP people is shown.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from netzkompetenz.core.matrix import Scores
from netzkompetenz.core.model import (
    FRAMEWORK_ANSWERS,
    ContextQuestion,
    FrameworkItem,
    Item,
    Module,
    Profile,
    Questionnaire,
)
from netzkompetenz.core.response_style import MIN_REVERSED, agreement_reversals, response_styles

MIN_GROUP = 5
BINS = 10_001  # percent in hundredths: 0.00 .. 100.00
# When an item's statistics look wrong (documented in docs/batch.md):
CANNOT_JUDGE_SHARE = 0.25
NOT_APPLICABLE_SHARE = 0.25  # "no opportunity" this often: the item may be too specific
MIN_ITEM_TOTAL = 0.0
Cell = Callable[[int], int | None]  # a count, or None where the group is too small to show
QUARTILES = {"min": 0, "q1": 0.25, "median": 0.5, "q3": 0.75, "max": 1}  # share of people


def cronbach_alpha(k: int, item_variances: float, total_variance: float) -> float | None:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of the sum score)."""
    if k < 2 or total_variance <= 0:
        return None
    return k / (k - 1) * (1 - item_variances / total_variance)


@dataclass
class _Reliability:
    """Sums over the complete cases of one dimension's items (shifted to the scale's
    centre, which keeps the sums of integer answers exact)."""

    items: list[int]
    n: int = 0
    s1: np.ndarray = field(init=False)  # set by __post_init__
    s2: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        k = len(self.items)
        self.s1 = np.zeros(k)
        self.s2 = np.zeros((k, k))

    def add(self, x: np.ndarray) -> None:
        complete = x[~np.isnan(x).any(axis=1)]
        self.n += len(complete)
        self.s1 += complete.sum(axis=0)
        self.s2 += complete.T @ complete

    def covariance(self) -> np.ndarray | None:
        if self.n < 2:
            return None
        return (self.s2 - np.outer(self.s1, self.s1) / self.n) / (self.n - 1)

    def statistics(self) -> dict[str, Any]:
        """Cronbach's alpha with its n, item variances and corrected item-total
        correlations (None where they cannot be computed)."""
        k = len(self.items)
        cov = self.covariance()
        out: dict[str, Any] = {"n": self.n, "k": k, "alpha": None, "items": {}}
        if cov is None:
            return out
        variances = np.diag(cov)
        total = float(cov.sum())
        out["alpha"] = cronbach_alpha(k, float(variances.sum()), total)
        with_total = cov.sum(axis=1)
        for n, j in enumerate(self.items):
            rest_var = total - 2 * with_total[n] + variances[n]
            denominator = math.sqrt(max(variances[n] * rest_var, 0.0))
            r = float((with_total[n] - variances[n]) / denominator) if denominator > 0 else None
            out["items"][j] = {
                "variance": float(variances[n]),
                "item_total": r,
                "alpha_if_deleted": cronbach_alpha(
                    k - 1, float(variances.sum() - variances[n]), rest_var
                ),
            }
        return out


def variance(total: float, squares: float, n: int) -> float:
    """The sample variance from running sums (n > 1)."""
    return (squares - total**2 / n) / (n - 1)


def spread(total: float, squares: float, n: int) -> float | None:
    """The standard deviation from running sums; None below two values."""
    return math.sqrt(max(variance(total, squares, n), 0.0)) if n > 1 else None


def histogram_quantile(counts: np.ndarray, q: float) -> float | None:
    """numpy's default ('linear') quantile of percent values kept as a histogram in
    hundredths of a percent."""
    n = int(counts.sum())
    if n == 0:
        return None
    cum = np.cumsum(counts)
    h = (n - 1) * q
    lo = math.floor(h)

    def order_statistic(k: int) -> float:
        return int(np.searchsorted(cum, k, side="right")) / 100

    low = order_statistic(lo)
    high = order_statistic(min(lo + 1, n - 1))
    return low + (h - lo) * (high - low)


def item_flag(item: Item, kind: str, value: float) -> dict[str, Any]:
    """An item whose statistics look wrong, and the figure that says so."""
    return {
        "item": item.id,
        "dimension": item.dimension,
        "text": item.text,
        "kind": kind,
        "value": float(value),
    }


def context_counts(
    questions: Sequence[ContextQuestion], chosen: Mapping[str, Counter[str]], rows: int, cell: Cell
) -> list[dict[str, Any]]:
    """Per context question: how many chose each option (small counts suppressed)."""
    return [
        {
            "id": c.id,
            "text": c.text,
            "options": [
                {"id": o.id, "label": o.label, "count": cell(chosen[c.id][o.id])} for o in c.options
            ],
            "not_given": cell(rows - sum(chosen[c.id][o.id] for o in c.options)),
        }
        for c in questions
    ]


def framework_counts(
    conditions: Sequence[FrameworkItem],
    answers: Mapping[str, Counter[str]],
    rows: int,
    cell: Cell,
) -> list[dict[str, Any]]:
    """Per framework condition: yes / no / don't know / not given."""
    return [
        {
            "id": f.id,
            "text": f.text,
            **{a: cell(answers[f.id][a]) for a in FRAMEWORK_ANSWERS},
            "not_given": cell(rows - sum(answers[f.id][a] for a in FRAMEWORK_ANSWERS)),
        }
        for f in conditions
    ]


def module_demand(
    modules: Sequence[Module],
    group_n: Counter[str],
    demand: dict[str, np.ndarray],
    cell: Cell,
    min_group: int,
    pool: bool = False,
) -> list[dict[str, Any]]:
    """Module demand per group; groups below min_group are pooled (organisations) or
    left out, and said so."""
    rows, small_n, small = [], 0, np.zeros(len(modules), dtype=np.int64)
    for group in sorted(group_n):
        n = group_n[group]
        if n < min_group:
            small_n += n
            small = small + demand[group]
            continue
        rows.append(
            {
                "group": group,
                "pooled": False,
                "n": n,
                "modules": [
                    {"module": m, "count": cell(int(c))}
                    for m, c in zip(modules, demand[group], strict=True)
                ],
            }
        )
    if small_n:
        shown = pool and small_n >= min_group
        rows.append(
            {
                "group": None,
                "pooled": True,
                "n": small_n if shown else None,
                "modules": [
                    {"module": m, "count": cell(int(c)) if shown else None}
                    for m, c in zip(modules, small, strict=True)
                ],
            }
        )
    return rows


class Cohort:
    def __init__(self, questionnaire: Questionnaire, profile: Profile) -> None:
        self.questionnaire, self.profile = questionnaire, profile
        self.centre = (questionnaire.scale.min + questionnaire.scale.max) / 2
        dims = [d.id for d in questionnaire.dimensions]
        self.dimension_ids = dims
        index = {item.id: n for n, item in enumerate(questionnaire.items)}
        self.n = 0
        n_dims, n_items = len(dims), len(questionnaire.items)
        self.hist = np.zeros((n_dims, BINS), dtype=np.int64)
        self.sum = np.zeros(n_dims)
        self.sumsq = np.zeros(n_dims)
        self.levels = np.zeros((n_dims, len(profile.levels) + 1), dtype=np.int64)  # +1: none
        self.reliability = [
            _Reliability([index[i.id] for i in questionnaire.items_of(d)]) for d in dims
        ]
        self.item_answered = np.zeros(n_items, dtype=np.int64)
        self.item_cannot = np.zeros(n_items, dtype=np.int64)
        self.item_not_applicable = np.zeros(n_items, dtype=np.int64)
        # `premise` reversals answered at the scale's bottom: how often a situation was rejected
        self.item_premise_rejected = np.zeros(n_items, dtype=np.int64)
        self.dim_cannot = np.zeros(n_dims, dtype=np.int64)  # answers, not people
        self.dim_not_applicable = np.zeros(n_dims, dtype=np.int64)
        self.context: dict[str, Counter[str]] = {c.id: Counter() for c in questionnaire.context}
        self.framework: dict[str, Counter[str]] = {f.id: Counter() for f in questionnaire.framework}
        self.context_n = 0  # rows that came with context / framework answers at all
        self.framework_n = 0
        self.item_sum = np.zeros(n_items)
        self.item_sumsq = np.zeros(n_items)
        self.role_n: Counter[str] = Counter()
        self.role_demand: dict[str, np.ndarray] = {}
        self.org_n: Counter[str] = Counter()
        self.org_demand: dict[str, np.ndarray] = {}
        # people per response style (docs/scoring.md §8), and the questionnaire's reversals;
        # no "any of them" total: with the rows it could reveal a suppressed count
        self.styles = Counter[str]()
        self.reversals = agreement_reversals(questionnaire)

    def add(
        self,
        scores: Scores,
        role: str,
        organisations: list[str],
        context: Sequence[Mapping[str, str]] | None = None,
        framework: Sequence[Mapping[str, str]] | None = None,
    ) -> None:
        """Fold in a chunk; `context` and `framework` (one mapping per row, question or
        condition id -> option id / yes, no, unknown) only when the export has them."""
        m = len(scores)
        if m == 0:
            return
        self.n += m
        self._add_unscored(context, framework)
        enough = scores.enough
        pct = np.where(enough, scores.percent, 0.0)
        bins = np.rint(pct * 100).astype(np.int64).clip(0, BINS - 1)
        for d in range(len(self.dimension_ids)):
            ok = enough[:, d]
            self.hist[d] += np.bincount(bins[ok, d], minlength=BINS)
            self.sum[d] += pct[ok, d].sum()
            self.sumsq[d] += (pct[ok, d] ** 2).sum()
            self.levels[d] += self._level_counts(scores.level[:, d])
            rel = self.reliability[d]
            rel.add(scores.item_scored[:, rel.items] - self.centre)
        scored = scores.item_scored
        answered = ~np.isnan(scored)
        self.item_answered += answered.sum(axis=0)
        self.item_cannot += scores.item_cannot.sum(axis=0)
        self.item_not_applicable += scores.item_not_applicable.sum(axis=0)
        self.item_premise_rejected += scores.item_premise_rejected.sum(axis=0)
        self.dim_cannot += scores.cannot_judge.sum(axis=0)
        self.dim_not_applicable += scores.not_applicable.sum(axis=0)
        centred = np.where(answered, scored - self.centre, 0.0)
        self.item_sum += centred.sum(axis=0)
        self.item_sumsq += (centred**2).sum(axis=0)
        styles = response_styles(scores)
        self.styles.update(
            acquiescence=int(styles.acquiescence.sum()),
            straight_lining=int(styles.straight_lining.sum()),
            no_score=int(styles.no_score.sum()),
        )
        demand = scores.recommended.sum(axis=0)
        self.role_n[role] += m
        self.role_demand[role] = self.role_demand.get(role, 0) + demand
        group_of = {org: g for g, org in enumerate(dict.fromkeys(organisations))}
        which = np.fromiter(map(group_of.__getitem__, organisations), dtype=np.intp, count=m)
        per_group = np.zeros((len(group_of), scores.recommended.shape[1]), dtype=np.int64)
        np.add.at(per_group, which, scores.recommended)
        for g, (org, count) in enumerate(zip(group_of, np.bincount(which).tolist(), strict=True)):
            self.org_n[org] += count
            self.org_demand[org] = self.org_demand.get(org, 0) + per_group[g]

    def _add_unscored(
        self,
        context: Sequence[Mapping[str, str]] | None,
        framework: Sequence[Mapping[str, str]] | None,
    ) -> None:
        for rows, counts, attr in (
            (context, self.context, "context_n"),
            (framework, self.framework, "framework_n"),
        ):
            if rows is None:
                continue
            setattr(self, attr, getattr(self, attr) + len(rows))
            for row in rows:
                for key, counter in counts.items():
                    counter[row.get(key) or ""] += 1  # "": not given

    def _level_counts(self, level: np.ndarray) -> np.ndarray:
        n = len(self.profile.levels)
        return np.bincount(np.where(level < 0, n, level), minlength=n + 1)

    # --- results -------------------------------------------------------------------------

    def quantile(self, d: int, q: float) -> float | None:
        return histogram_quantile(self.hist[d], q)

    def alpha(self, d: int) -> dict[str, Any]:
        """Cronbach's alpha of dimension d and its item statistics (_Reliability)."""
        return self.reliability[d].statistics()

    def summary(self, min_group: int = MIN_GROUP) -> dict[str, Any]:
        """Everything the cohort report shows, with small groups suppressed (None)."""
        q = self.questionnaire

        def cell(count: int) -> int | None:
            return count if count == 0 or count >= min_group else None

        shown = self.n >= min_group
        dims, item_flags = self._dimension_rows(cell, min_group)
        item_flags += self._item_flags(min_group)
        modules = self.profile.modules
        return {
            "n": self.n,
            "shown": shown,
            "min_group": min_group,
            "dimensions": dims if shown else [],
            "item_stats": self._item_rows(cell, min_group) if shown else [],
            "item_flags": item_flags if shown else [],
            "demand_by_role": module_demand(modules, self.role_n, self.role_demand, cell, min_group)
            if shown
            else [],
            "demand_by_organisation": module_demand(
                modules, self.org_n, self.org_demand, cell, min_group, pool=True
            )
            if shown
            else [],
            "not_applicable_offered": q.scale.not_applicable is not None,
            "premise_offered": any(i.premise for i in q.items),
            "context": context_counts(q.context, self.context, self.context_n, cell)
            if shown and self.context_n
            else [],
            "framework": framework_counts(q.framework, self.framework, self.framework_n, cell)
            if shown and self.framework_n
            else [],
            "response_styles": self._response_styles(cell) if shown else None,
        }

    def _dimension_rows(
        self, cell: Cell, min_group: int
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Per dimension its statistics; and the items whose corrected item-total
        correlation is negative (a mis-keyed item?)."""
        q, p = self.questionnaire, self.profile
        dims, flags = [], []
        for d, dim_id in enumerate(self.dimension_ids):
            n = int(self.levels[d, :-1].sum())
            rel = self.alpha(d)
            big = n >= min_group
            dims.append(
                {
                    "id": dim_id,
                    "dimension": q.dimension(dim_id),
                    "n": cell(n),
                    "target": p.targets.get(dim_id, 0.0),
                    "mean": self.sum[d] / n if big and n else None,
                    "sd": spread(self.sum[d], self.sumsq[d], n) if big else None,
                    **{
                        name: self.quantile(d, at) if big else None
                        for name, at in QUARTILES.items()
                    },
                    "levels": [
                        {"id": band.id, "label": band.label, "count": cell(int(self.levels[d, b]))}
                        for b, band in enumerate(p.levels)
                    ],
                    "not_enough": cell(int(self.levels[d, -1])),
                    "alpha": rel["alpha"] if rel["n"] >= min_group else None,
                    "alpha_n": cell(rel["n"]),
                    "k": rel["k"],
                    "cannot_judge": cell(int(self.dim_cannot[d])),
                    "not_applicable": cell(int(self.dim_not_applicable[d])),
                }
            )
            if rel["n"] < min_group:
                continue
            for j, stats in rel["items"].items():
                if stats["item_total"] is not None and stats["item_total"] < MIN_ITEM_TOTAL:
                    flags.append(item_flag(q.items[j], "negative_item_total", stats["item_total"]))
        return dims, flags

    def _item_flags(self, min_group: int) -> list[dict[str, Any]]:
        """Items everyone answered alike, or that many could not judge or found not
        applicable (docs/batch.md)."""
        flags = []
        # asked: answered on the scale, without a score, or a situation rejected
        item_asked = (
            self.item_answered
            + self.item_cannot
            + self.item_not_applicable
            + self.item_premise_rejected
        )
        for j, item in enumerate(self.questionnaire.items):
            answered, asked = int(self.item_answered[j]), int(item_asked[j])
            if answered >= min_group:
                if variance(self.item_sum[j], self.item_sumsq[j], answered) <= 1e-12:
                    mean = self.item_sum[j] / answered + self.centre
                    flags.append(item_flag(item, "zero_variance", mean))
            if asked < min_group:
                continue
            if self.item_cannot[j] / asked >= CANNOT_JUDGE_SHARE:
                flags.append(
                    item_flag(item, "many_cannot_judge", self.item_cannot[j] / asked * 100)
                )
            if self.item_not_applicable[j] / asked >= NOT_APPLICABLE_SHARE:
                share = self.item_not_applicable[j] / asked * 100
                flags.append(item_flag(item, "many_not_applicable", share))
        return flags

    def _item_rows(self, cell: Cell, min_group: int) -> list[dict[str, Any]]:
        """Per item: answered, cannot judge, not applicable, mean and SD."""
        items = []
        for j, item in enumerate(self.questionnaire.items):
            answered = int(self.item_answered[j])
            big = answered >= min_group
            items.append(
                {
                    "id": item.id,
                    "dimension": item.dimension,
                    "text": item.text,
                    "reverse": item.reverse,
                    "answered": cell(answered),
                    "cannot_judge": cell(int(self.item_cannot[j])),
                    "not_applicable": cell(int(self.item_not_applicable[j])),
                    "premise": item.premise,
                    "premise_rejected": cell(int(self.item_premise_rejected[j])),
                    "mean": self.item_sum[j] / answered + self.centre if big and answered else None,
                    "sd": spread(self.item_sum[j], self.item_sumsq[j], answered) if big else None,
                }
            )
        return items

    def _response_styles(self, cell: Cell) -> dict[str, Any]:
        estimable = self.reversals >= MIN_REVERSED
        return {
            "acquiescence": cell(self.styles["acquiescence"]) if estimable else None,
            "agreement_estimable": estimable,
            "reversals": self.reversals,
            "straight_lining": cell(self.styles["straight_lining"]),
            "no_score": cell(self.styles["no_score"]),
        }
