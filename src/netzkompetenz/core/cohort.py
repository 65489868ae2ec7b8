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
from netzkompetenz.core.model import FRAMEWORK_ANSWERS, Profile, Questionnaire
from netzkompetenz.core.response_style import MIN_REVERSED, response_styles

MIN_GROUP = 5
BINS = 10_001  # percent in hundredths: 0.00 .. 100.00
# When an item's statistics look wrong (documented in docs/batch.md):
CANNOT_JUDGE_SHARE = 0.25
NOT_APPLICABLE_SHARE = 0.25  # "no opportunity" this often: the item may be too specific
MIN_ITEM_TOTAL = 0.0
Cell = Callable[[int], int | None]  # a count, or None where the group is too small to show


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
        self.item_asked = np.zeros(n_items, dtype=np.int64)
        self.item_answered = np.zeros(n_items, dtype=np.int64)
        self.item_cannot = np.zeros(n_items, dtype=np.int64)
        self.item_not_applicable = np.zeros(n_items, dtype=np.int64)
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
        self.reversals = sum(1 for item in questionnaire.items if item.reverse)

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
        self.item_asked += (
            answered.sum(axis=0)
            + scores.item_cannot.sum(axis=0)
            + scores.item_not_applicable.sum(axis=0)
        )
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
        """numpy's default ('linear') quantile of the percent values, from the histogram."""
        counts = self.hist[d]
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

    def alpha(self, d: int) -> dict[str, Any]:
        """Cronbach's alpha of dimension d with its n, item variances and corrected
        item-total correlations (None where they cannot be computed)."""
        rel = self.reliability[d]
        k = len(rel.items)
        cov = rel.covariance()
        out: dict[str, Any] = {"n": rel.n, "k": k, "alpha": None, "items": {}}
        if cov is None:
            return out
        variances = np.diag(cov)
        total = float(cov.sum())
        out["alpha"] = cronbach_alpha(k, float(variances.sum()), total)
        with_total = cov.sum(axis=1)
        for n, j in enumerate(rel.items):
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

    def summary(self, min_group: int = MIN_GROUP) -> dict[str, Any]:
        """Everything the cohort report shows, with small groups suppressed (None)."""
        q, p = self.questionnaire, self.profile

        def cell(count: int) -> int | None:
            return count if count == 0 or count >= min_group else None

        shown = self.n >= min_group
        dims = []
        item_flags = []
        for d, dim_id in enumerate(self.dimension_ids):
            n = int(self.levels[d, :-1].sum())
            mean = self.sum[d] / n if n else None
            sd = (
                math.sqrt(max((self.sumsq[d] - self.sum[d] ** 2 / n) / (n - 1), 0.0))
                if n > 1
                else None
            )
            rel = self.alpha(d)
            big = n >= min_group
            dims.append(
                {
                    "id": dim_id,
                    "dimension": q.dimension(dim_id),
                    "n": cell(n),
                    "target": p.targets.get(dim_id, 0.0),
                    "mean": mean if big else None,
                    "sd": sd if big else None,
                    "min": self.quantile(d, 0) if big else None,
                    "q1": self.quantile(d, 0.25) if big else None,
                    "median": self.quantile(d, 0.5) if big else None,
                    "q3": self.quantile(d, 0.75) if big else None,
                    "max": self.quantile(d, 1) if big else None,
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
            for j, stats in rel["items"].items():
                if (
                    rel["n"] >= min_group
                    and stats["item_total"] is not None
                    and stats["item_total"] < MIN_ITEM_TOTAL
                ):
                    item_flags.append(self._flag(j, "negative_item_total", stats["item_total"]))
        for j in range(len(q.items)):
            answered, asked = int(self.item_answered[j]), int(self.item_asked[j])
            if answered >= min_group:
                var = (self.item_sumsq[j] - self.item_sum[j] ** 2 / answered) / (answered - 1)
                if var <= 1e-12:
                    item_flags.append(
                        self._flag(j, "zero_variance", self.item_sum[j] / answered + self.centre)
                    )
            if asked >= min_group and self.item_cannot[j] / asked >= CANNOT_JUDGE_SHARE:
                item_flags.append(
                    self._flag(j, "many_cannot_judge", self.item_cannot[j] / asked * 100)
                )
            if asked >= min_group and self.item_not_applicable[j] / asked >= NOT_APPLICABLE_SHARE:
                item_flags.append(
                    self._flag(j, "many_not_applicable", self.item_not_applicable[j] / asked * 100)
                )
        items = []
        for j, item in enumerate(q.items):
            answered = int(self.item_answered[j])
            mean = self.item_sum[j] / answered + self.centre if answered else None
            sd = (
                math.sqrt(
                    max(
                        (self.item_sumsq[j] - self.item_sum[j] ** 2 / answered) / (answered - 1),
                        0.0,
                    )
                )
                if answered > 1
                else None
            )
            items.append(
                {
                    "id": item.id,
                    "dimension": item.dimension,
                    "text": item.text,
                    "reverse": item.reverse,
                    "answered": cell(answered),
                    "cannot_judge": cell(int(self.item_cannot[j])),
                    "not_applicable": cell(int(self.item_not_applicable[j])),
                    "mean": mean if answered >= min_group else None,
                    "sd": sd if answered >= min_group else None,
                }
            )
        return {
            "n": self.n,
            "shown": shown,
            "min_group": min_group,
            "dimensions": dims if shown else [],
            "item_stats": items if shown else [],
            "item_flags": item_flags if shown else [],
            "demand_by_role": self._demand(self.role_n, self.role_demand, cell, min_group)
            if shown
            else [],
            "demand_by_organisation": self._demand(
                self.org_n, self.org_demand, cell, min_group, pool=True
            )
            if shown
            else [],
            "not_applicable_offered": q.scale.not_applicable is not None,
            "context": self._context(cell) if shown and self.context_n else [],
            "framework": self._framework(cell) if shown and self.framework_n else [],
            "response_styles": {
                "acquiescence": cell(self.styles["acquiescence"])
                if self.reversals >= MIN_REVERSED
                else None,
                "agreement_estimable": self.reversals >= MIN_REVERSED,
                "reversals": self.reversals,
                "straight_lining": cell(self.styles["straight_lining"]),
                "no_score": cell(self.styles["no_score"]),
            }
            if shown
            else None,
        }

    def _context(self, cell: Callable[[int], int | None]) -> list[dict[str, Any]]:
        """Per context question: how many chose each option (small counts suppressed)."""
        return [
            {
                "id": c.id,
                "text": c.text,
                "options": [
                    {"id": o.id, "label": o.label, "count": cell(self.context[c.id][o.id])}
                    for o in c.options
                ],
                "not_given": cell(
                    self.context_n - sum(self.context[c.id][o.id] for o in c.options)
                ),
            }
            for c in self.questionnaire.context
        ]

    def _framework(self, cell: Callable[[int], int | None]) -> list[dict[str, Any]]:
        """Per framework condition: yes / no / don't know / not given."""
        return [
            {
                "id": f.id,
                "text": f.text,
                **{a: cell(self.framework[f.id][a]) for a in FRAMEWORK_ANSWERS},
                "not_given": cell(
                    self.framework_n - sum(self.framework[f.id][a] for a in FRAMEWORK_ANSWERS)
                ),
            }
            for f in self.questionnaire.framework
        ]

    def _flag(self, j: int, kind: str, value: float) -> dict[str, Any]:
        item = self.questionnaire.items[j]
        return {
            "item": item.id,
            "dimension": item.dimension,
            "text": item.text,
            "kind": kind,
            "value": float(value),
        }

    def _demand(
        self,
        group_n: Counter[str],
        demand: dict[str, np.ndarray],
        cell: Cell,
        min_group: int,
        pool: bool = False,
    ) -> list[dict[str, Any]]:
        """Module demand per group; groups below min_group are pooled (organisations) or
        left out, and said so."""
        modules = self.profile.modules
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
            rows.append(
                {
                    "group": None,
                    "pooled": True,
                    "n": small_n if pool and small_n >= min_group else None,
                    "modules": [
                        {
                            "module": m,
                            "count": cell(int(c)) if pool and small_n >= min_group else None,
                        }
                        for m, c in zip(modules, small, strict=True)
                    ],
                }
            )
        return rows
