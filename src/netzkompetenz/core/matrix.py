"""Scoring many respondents at once: `scoring.score` on a matrix, with numpy.

Same semantics as scoring.py, row by row, and the same floating-point operations in the
same order (sums run item by item, left to right), so the results are identical, not just
close; tests/test_batch_fastscore.py checks that on random answers. A batch of 100,000
people would take seconds through scoring.score; here it takes a fraction of that.

Answers come as codes: 0 = unanswered, -1 = cannot judge, k = the k-th point of the scale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

import numpy as np

from netzkompetenz.core.model import CANNOT_JUDGE, Profile, Questionnaire
from netzkompetenz.core.scoring import Recommendation, _prerequisites_first, percent_to_scale
from netzkompetenz.io.tabular import render_column

UNANSWERED = 0
CANNOT = -1


@dataclass
class Scores:
    """Scores of m respondents over D dimensions (arrays are m x D unless said)."""

    applicable: np.ndarray  # int
    answered: np.ndarray  # int
    cannot_judge: np.ndarray  # int
    enough: np.ndarray  # bool
    mean: np.ndarray  # float, nan = not enough answers
    percent: np.ndarray
    gap: np.ndarray
    level: np.ndarray  # index into profile.levels, -1 = none
    item_scored: np.ndarray  # m x items: value after reverse keying, nan = not answered/asked
    item_cannot: np.ndarray  # m x items, bool: asked and "cannot judge"
    modules: list[tuple[int, ...]]  # per row: indices into profile.modules, in final order
    recommended: np.ndarray  # m x modules, bool
    module_gap: np.ndarray  # m x modules: largest gap that triggered it (nan = not)

    def __len__(self) -> int:
        return len(self.modules)

    def take(self, rows: list[int]) -> Scores:
        """The given rows only."""
        return Scores(**{f.name: getattr(self, f.name)[rows] for f in fields(self)
                         if f.name != "modules"}, modules=[self.modules[i] for i in rows])


class MatrixScorer:
    def __init__(self, questionnaire: Questionnaire, profile: Profile) -> None:
        q, p = questionnaire, profile
        self.questionnaire, self.profile = q, p
        scale = q.scale
        self.low, self.high = scale.min, scale.max
        self.point_values = [pt.value for pt in scale.points]
        # value by code + 1: [cannot judge, unanswered, point 1, ...]
        self._value_of_code = np.array([np.nan, np.nan] + self.point_values, dtype=float)
        index = {item.id: n for n, item in enumerate(q.items)}
        self.item_ids = [item.id for item in q.items]
        self._conditions = [
            None if item.condition is None else
            (index[item.condition.item],
             -np.inf if item.condition.min is None else item.condition.min,
             np.inf if item.condition.max is None else item.condition.max)
            for item in q.items]
        self._reverse = np.array([item.reverse for item in q.items])
        self._weights = [item.weight for item in q.items]
        self.dimension_ids = [d.id for d in q.dimensions]
        self._dim_items = [[index[i.id] for i in q.items_of(d)] for d in self.dimension_ids]
        self.targets = np.array([p.targets.get(d, 0.0) for d in self.dimension_ids])
        self._target_on_scale = [percent_to_scale(t, q) for t in self.targets.tolist()]
        self._bands = [(b.from_, b.to) for b in p.levels]
        dim_index = {d: n for n, d in enumerate(self.dimension_ids)}
        self._module_dims = [[dim_index.get(d) for d in m.dimensions] for m in p.modules]
        self._min_gap = [m.trigger.min_gap for m in p.modules]
        self._match_all = [m.trigger.match == "all" for m in p.modules]
        self._priority = np.array([m.priority for m in p.modules], dtype=float)
        order = sorted(range(len(p.modules)), key=lambda n: p.modules[n].id)
        self._id_rank = np.empty(len(p.modules), dtype=float)
        self._id_rank[order] = np.arange(len(p.modules))
        self._placed: dict[bytes, tuple[int, ...]] = {}

    # --- scores --------------------------------------------------------------------------

    def score(self, codes: np.ndarray) -> Scores:
        m, n_items = codes.shape
        value = self._value_of_code[codes.astype(np.int64) + 1]
        given = codes > 0
        asked = np.ones((m, n_items), dtype=bool)
        for j, cond in enumerate(self._conditions):
            if cond is not None:  # asked only if the earlier item was asked and holds
                c, low, high = cond
                asked[:, j] = asked[:, c] & given[:, c] & (value[:, c] >= low) \
                    & (value[:, c] <= high)
        answered = asked & given
        scored = np.where(self._reverse, (self.low + self.high) - value, value)
        scored = np.where(answered, scored, np.nan)
        cannot = asked & (codes == CANNOT)

        shape = (m, len(self.dimension_ids))
        applicable = np.zeros(shape, dtype=np.int64)
        n_answered = np.zeros(shape, dtype=np.int64)
        n_cannot = np.zeros(shape, dtype=np.int64)
        mean = np.full(shape, np.nan)
        percent = np.full(shape, np.nan)
        enough = np.zeros(shape, dtype=bool)
        coverage = self.questionnaire.min_coverage - 1e-9
        with np.errstate(invalid="ignore", divide="ignore"):
            for d, items in enumerate(self._dim_items):
                weighted = np.zeros(m)
                total = np.zeros(m)
                for j in items:  # item by item, as Python's sum() adds them
                    w = self._weights[j]
                    weighted = weighted + np.where(answered[:, j], w * scored[:, j], 0.0)
                    total = total + np.where(answered[:, j], w, 0.0)
                applicable[:, d] = asked[:, items].sum(axis=1)
                n_answered[:, d] = answered[:, items].sum(axis=1)
                n_cannot[:, d] = cannot[:, items].sum(axis=1)
                ok = (applicable[:, d] > 0) & (n_answered[:, d] > 0) \
                    & (n_answered[:, d] / np.maximum(applicable[:, d], 1) >= coverage)
                enough[:, d] = ok
                mean[:, d] = np.where(ok, weighted / total, np.nan)
                percent[:, d] = np.where(
                    ok, (weighted - self.low * total) * 100 / (total * (self.high - self.low)),
                    np.nan)
        gap = self.targets - percent
        level = np.full(shape, -1, dtype=np.int64)
        last = len(self._bands) - 1
        level[enough] = last
        for b in range(last, -1, -1):  # the first band that holds wins
            start, end = self._bands[b]
            level[enough & (percent >= start) & (percent < end)] = b
        recommended, module_gap = self._recommend(enough, gap)
        return Scores(applicable, n_answered, n_cannot, enough, mean, percent, gap, level,
                      scored, cannot, self._rank(recommended, module_gap), recommended,
                      module_gap)

    def _recommend(self, enough: np.ndarray, gap: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        m = enough.shape[0]
        n_modules = len(self._module_dims)
        recommended = np.zeros((m, n_modules), dtype=bool)
        largest = np.full((m, n_modules), np.nan)
        for k, dims in enumerate(self._module_dims):
            hits = np.zeros(m, dtype=np.int64)
            best = np.full(m, -np.inf)
            for d in dims:
                if d is None:
                    continue
                hit = enough[:, d] & (gap[:, d] >= self._min_gap[k])
                hits += hit
                best = np.where(hit, np.maximum(best, gap[:, d]), best)
            ok = hits == len(dims) if self._match_all[k] else hits > 0
            recommended[:, k] = ok
            largest[:, k] = np.where(ok, best, np.nan)
        return recommended, largest

    def _rank(self, recommended: np.ndarray, largest: np.ndarray) -> list[tuple[int, ...]]:
        """Order as scoring.recommend: priority, largest gap, id; then prerequisites first."""
        m, n_modules = recommended.shape
        if n_modules == 0:
            return [()] * m
        keys = (np.broadcast_to(self._id_rank, (m, n_modules)),
                -np.nan_to_num(largest, nan=0.0),
                np.broadcast_to(self._priority, (m, n_modules)),
                ~recommended)
        order = np.lexsort(keys, axis=1).astype(np.int16)
        counts = recommended.sum(axis=1)
        order[np.arange(n_modules) >= counts[:, None]] = -1  # not recommended
        # Few distinct rankings: each is put in final order once (and remembered).
        rankings = np.ascontiguousarray(order).view(np.dtype((np.void, order.itemsize
                                                              * n_modules))).ravel()
        distinct, which = np.unique(rankings, return_inverse=True)
        placed = self._placed
        final = np.empty(len(distinct), dtype=object)
        for n, ranking in enumerate(distinct.tolist()):
            found = placed.get(ranking)
            if found is None:
                ranked = [k for k in np.frombuffer(ranking, dtype=np.int16).tolist() if k >= 0]
                found = placed[ranking] = self._prerequisites_first(ranked)
            final[n] = found
        return final[which].tolist()

    def _prerequisites_first(self, ranked: list[int]) -> tuple[int, ...]:
        modules = self.profile.modules
        recs = {modules[k].id: Recommendation(modules[k].id, modules[k].priority, (),
                                              tuple(modules[k].prerequisites))
                for k in ranked}
        ordered = _prerequisites_first([recs[modules[k].id] for k in ranked], recs)
        index = {m.id: k for k, m in enumerate(modules)}
        return tuple(index[r.module] for r in ordered)

    # --- results.jsonl ------------------------------------------------------------------

    def result_json(self, s: Scores, prefixes: list[str]) -> list[str]:
        """Each row as one JSON line: prefix (the caller's opening keys, ending in ", ")
        + the keys of scoring.result_to_dict.

        Built a chunk at a time and a column at a time: each distinct number is formatted
        once, each reason's item list is sorted by numpy, and a row is a few joins (dicts
        and json.dumps per person took most of a 100,000-person batch). Numbers have 4
        decimals where result_to_dict rounds to 4: json.loads gives the same floats, which
        the tests check line by line against scoring.score."""
        q, p = self.questionnaire, self.profile
        head = _json({"questionnaire": {"id": q.id, "version": q.version},
                      "profile": {"id": p.id, "role": p.role}})[1:-1] + ', "dimensions": ['
        return [f'{prefix}{head}{dims}], "recommendations": [{recs}]}}\n'
                for prefix, dims, recs in zip(prefixes, self._dimensions_json(s),
                                              self._recommendations_json(s), strict=True)]

    def _dimensions_json(self, s: Scores) -> list[str]:
        targets = self.targets.tolist()
        template = ", ".join(
            '{"id": ' + _json(d).replace("%", "%%") + ', "mean": %s, "percent": %s, '
            '"answered": %d, "applicable": %d, "cannot_judge": %d, "enough_answers": %s, '
            '"level": %s, "target": ' + _json(targets[n]) + ', "gap": %s}'
            for n, d in enumerate(self.dimension_ids))
        levels = [_json(b.id) for b in self.profile.levels] + ["null"]  # -1: not enough
        columns: list[list] = []
        for d in range(len(self.dimension_ids)):
            columns += [_decimals(s.mean[:, d]), _decimals(s.percent[:, d]),
                        s.answered[:, d].tolist(), s.applicable[:, d].tolist(),
                        s.cannot_judge[:, d].tolist(),
                        render_column(s.enough[:, d], lambda e: "true" if e else "false"),
                        render_column(s.level[:, d], levels.__getitem__),
                        _decimals(s.gap[:, d])]
        return [template % row for row in zip(*columns, strict=True)]

    def _recommendations_json(self, s: Scores) -> list[str]:
        """Per row the recommended modules in order, each with its reasons: the
        dimensions that triggered it, largest gap first, with the items below target."""
        modules = self.profile.modules
        hits = [self._hits(s, k) for k in range(len(modules))]
        needed = np.zeros(s.enough.shape, dtype=bool)
        for rows, dims, hit in hits:
            needed[np.ix_(rows, dims)] |= hit
        reasons = [self._reasons_json(s, d, np.flatnonzero(needed[:, d]))
                   for d in range(len(self.dimension_ids))]
        module_json: list[list[str]] = []
        for k, (rows, dims, hit) in enumerate(hits):
            m = modules[k]
            start = _json({"module": m.id, "priority": m.priority,
                           "prerequisites": list(m.prerequisites)})[:-1] + ', "reasons": ['
            texts = [""] * len(s)
            gaps = np.where(hit, -s.gap[np.ix_(rows, dims)], np.inf)
            order = np.argsort(gaps, axis=1, kind="stable").tolist()  # largest gap first
            for i, ranked, n in zip(rows.tolist(), order, hit.sum(axis=1).tolist(),
                                    strict=True):
                texts[i] = start + ", ".join([reasons[dims[c]][i] for c in ranked[:n]]) + "]}"
            module_json.append(texts)
        return [", ".join([module_json[k][i] for k in ranked])
                for i, ranked in enumerate(s.modules)]

    def _hits(self, s: Scores, k: int) -> tuple[np.ndarray, list[int], np.ndarray]:
        """Rows that module k is recommended to, its dimensions, and which of them
        triggered it (as in _recommend)."""
        rows = np.flatnonzero(s.recommended[:, k])
        dims = [d for d in self._module_dims[k] if d is not None]
        cells = np.ix_(rows, dims)
        return rows, dims, s.enough[cells] & (s.gap[cells] >= self._min_gap[k])

    def _reasons_json(self, s: Scores, d: int, rows: np.ndarray) -> list[str]:
        """Dimension d as a reason, for the given rows (other rows: ""). Its items below
        the target, lowest value first, then by id: as scoring.recommend sorts them."""
        items = self._dim_items[d]
        values = s.item_scored[np.ix_(rows, items)]
        below = values < self._target_on_scale[d]
        id_rank = np.argsort(np.argsort([self.item_ids[j] for j in items]))
        order = np.lexsort((np.broadcast_to(id_rank, values.shape),
                            np.where(below, values, np.inf)))
        quoted = [_json(self.item_ids[j]) for j in items]
        template = ('{"dimension": ' + _json(self.dimension_ids[d]).replace("%", "%%")
                    + ', "percent": %s, "target": ' + _json(self.targets.tolist()[d])
                    + ', "gap": %s, "items": [%s]}')
        out = [""] * len(s)
        for i, percent, gap, ranked, n in zip(
                rows.tolist(), _decimals(s.percent[rows, d]), _decimals(s.gap[rows, d]),
                order.tolist(), below.sum(axis=1).tolist(), strict=True):
            out[i] = template % (percent, gap, ", ".join([quoted[j] for j in ranked[:n]]))
        return out

    # --- one row as the shapes the rest of the tool uses --------------------------------

    def values(self, codes_row: np.ndarray) -> dict[str, int | str]:
        """The answers of one row as an answers file holds them."""
        out: dict[str, int | str] = {}
        for item_id, code in zip(self.item_ids, codes_row.tolist(), strict=True):
            if code == CANNOT:
                out[item_id] = CANNOT_JUDGE
            elif code > 0:
                out[item_id] = self.point_values[code - 1]
        return out

    def result_dict(self, s: Scores, i: int) -> dict:
        """Row i as scoring.result_to_dict(scoring.score(...)) would give it."""
        return json.loads(self.result_json(s.take([i]), ["{"])[0])


_json = json.JSONEncoder(ensure_ascii=False).encode


def _decimals(values: np.ndarray) -> list[str]:
    """4 decimals (the value of round(x, 4)); nan (not enough answers) as null."""
    return render_column(values, lambda v: "null" if v != v else f"{v:.4f}")
