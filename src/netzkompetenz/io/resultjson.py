"""The JSON of results (docs/scoring.md §7): one writer for `score --format json` and for
the lines of a batch's results.jsonl.

It works on `Scores` (one row per person), a column at a time: each distinct number is
formatted once and a row is a few joins, because a dict and json.dumps per person took most
of a 100,000-person batch. The shape is written down once, as the dicts below; their SLOT
values become the places a row's values go. Numbers derived by division have 4 decimals
(json.loads gives round(x, 4)); `null` means no value.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from netzkompetenz.core import rules
from netzkompetenz.core.matrix import Scores
from netzkompetenz.core.scoring import Result
from netzkompetenz.io.table import render_column

_json = json.JSONEncoder(ensure_ascii=False).encode
SLOT = "\x00"  # a value filled in per row


def _template(shape: object) -> str:
    """The JSON text of `shape` with each SLOT as %s (other % doubled)."""
    return _json(shape).replace("%", "%%").replace(_json(SLOT), "%s")


def opening(keys: dict[str, Any]) -> str:
    """The caller's keys that open a line, e.g. {"file": ...}, as `result_lines` wants."""
    return _json(keys)[:-1] + ", " if keys else "{"


def result_lines(s: Scores, heads: list[str]) -> list[str]:
    """Each row as one line of JSON: its head (the caller's opening keys, from `opening`)
    and the result: questionnaire, profile, dimensions, recommendations."""
    sc = s.scorer
    q, p = sc.questionnaire, sc.profile
    head = (
        _json(
            {
                "questionnaire": {"id": q.id, "version": q.version},
                "profile": {"id": p.id, "role": p.role},
            }
        )[1:-1]
        + ', "dimensions": ['
    )
    return [
        f'{first}{head}{dims}], "recommendations": [{recs}]}}\n'
        for first, dims, recs in zip(heads, _dimensions(s), _recommendations(s), strict=True)
    ]


def result_line(result: Result, head: str = "{") -> str:
    """One result's line of JSON, after `head` (from `opening`)."""
    if result.scores is None:
        raise ValueError("a result without its scores (made by hand) has no JSON")
    return result_lines(result.scores, [head])[0]


def result_to_dict(result: Result) -> dict[str, Any]:
    """One result as data (what its JSON line parses to), e.g. for comparisons."""
    data: dict[str, Any] = json.loads(result_line(result))
    return data


def _dimensions(s: Scores) -> list[str]:
    sc = s.scorer
    targets = sc.targets.tolist()
    # Without any "not applicable" (all v1 data) the zeros are part of the template.
    na = SLOT if s.not_applicable.any() else 0
    rejected = SLOT if s.premise_rejected.any() else 0  # none without `premise` items
    template = ", ".join(
        _template(
            {
                "id": d,
                "mean": SLOT,
                "percent": SLOT,
                "answered": SLOT,
                "applicable": SLOT,
                "cannot_judge": SLOT,
                "not_applicable": na,
                "premise_rejected": rejected,
                "enough_answers": SLOT,
                "level": SLOT,
                "target": targets[n],
                "gap": SLOT,
            }
        )
        for n, d in enumerate(sc.dimension_ids)
    )
    levels = [_json(b.id) for b in sc.profile.levels] + ["null"]  # -1: not enough
    columns: list[list[Any]] = []
    for d in range(len(sc.dimension_ids)):
        columns += [
            _decimals(s.mean[:, d]),
            _decimals(s.percent[:, d]),
            s.answered[:, d].tolist(),
            s.applicable[:, d].tolist(),
            s.cannot_judge[:, d].tolist(),
            *([s.not_applicable[:, d].tolist()] if na == SLOT else []),
            *([s.premise_rejected[:, d].tolist()] if rejected == SLOT else []),
            render_column(s.enough[:, d], lambda e: "true" if e else "false"),
            render_column(s.level[:, d], levels.__getitem__),
            _decimals(s.gap[:, d]),
        ]
    return [template % row for row in zip(*columns, strict=True)]


def _recommendations(s: Scores) -> list[str]:
    """Per row the recommended modules in order, each with its reasons."""
    sc = s.scorer
    modules = sc.profile.modules
    dimension_rows = np.zeros(s.enough.shape, dtype=bool)
    hits: list[tuple[np.ndarray, np.ndarray | None]] = []
    for k in range(len(modules)):
        rows = np.flatnonzero(s.recommended[:, k])
        if sc.trigger_items[k] is None:
            on_dims = sc.dimension_hits(s.enough[rows], s.gap[rows], k)
            dimension_rows[np.ix_(rows, np.asarray(sc.module_dimensions[k]))] |= on_dims
            hits.append((rows, on_dims))
        else:
            hits.append((rows, None))
    reasons = [
        _dimension_reasons(s, d, np.flatnonzero(dimension_rows[:, d]))
        for d in range(len(sc.dimension_ids))
    ]
    module_json: list[list[str]] = []
    demoted: list[tuple[int, str]] = []
    for k, (rows, hit) in enumerate(hits):
        m = modules[k]
        start, later = (
            _json(
                {
                    "module": m.id,
                    "priority": m.priority,
                    "prerequisites": list(m.prerequisites),
                    "most_important": flag,
                }
            )[:-1]
            + ', "reasons": ['
            for flag in (True, False)
        )
        texts = [""] * len(s)
        if hit is None:
            for i, reason in zip(rows.tolist(), _item_reasons(s, k, rows), strict=True):
                texts[i] = start + reason + "]}"
        else:
            dims = sc.module_dimensions[k]
            gap = rules.comparable_gap(s.gap[np.ix_(rows, np.asarray(dims))])
            gaps = np.where(hit, -gap, np.inf)
            order = np.argsort(gaps, axis=1, kind="stable").tolist()  # largest gap first
            for i, ranked, n in zip(rows.tolist(), order, hit.sum(axis=1).tolist(), strict=True):
                texts[i] = start + ", ".join([reasons[dims[c]][i] for c in ranked[:n]]) + "]}"
        module_json.append(texts)
        # Beyond the cap the same text says "most_important": false.
        demoted.append((len(start), later))
    out = [", ".join([module_json[k][i] for k in ranked]) for i, ranked in enumerate(s.modules)]
    if sc.profile.max_recommendations is not None:
        for i in np.flatnonzero(s.recommended.sum(axis=1) > s.most_important).tolist():
            parts = [
                module_json[k][i]
                if n < s.most_important[i]
                else demoted[k][1] + module_json[k][i][demoted[k][0] :]
                for n, k in enumerate(s.modules[i])
            ]
            out[i] = ", ".join(parts)
    return out


def _dimension_reasons(s: Scores, d: int, rows: np.ndarray) -> list[str]:
    """Dimension d as a reason, for the given rows (other rows: "")."""
    sc = s.scorer
    template = _template(
        {
            "dimension": sc.dimension_ids[d],
            "percent": SLOT,
            "target": sc.targets.tolist()[d],
            "gap": SLOT,
            "items": [SLOT],
        }
    )
    items, order, count = sc.low_items(s, d, rows)
    quoted = [_json(sc.item_ids[j]) for j in items]
    out = [""] * len(s)
    for i, percent, gap, ranked, n in zip(
        rows.tolist(),
        _decimals(s.percent[rows, d]),
        _decimals(s.gap[rows, d]),
        order,
        count,
        strict=True,
    ):
        out[i] = template % (percent, gap, ", ".join([quoted[j] for j in ranked[:n]]))
    return out


def _item_reasons(s: Scores, k: int, rows: np.ndarray) -> list[str]:
    """Module k's item trigger as a reason, for the given rows."""
    sc = s.scorer
    below = sc.profile.modules[k].trigger.below
    found = sc.item_trigger(s.item_scored[rows], s.enough[rows], k)
    template = _template(
        {
            "dimension": None,
            "percent": SLOT,
            "target": round(found.target, 4),
            "gap": SLOT,
            "items": [SLOT],
            "mean": SLOT,
            "below": below,
        }
    )
    items, order, count = sc.trigger_items_of(s, k, rows)
    quoted = [_json(sc.item_ids[j]) for j in items]
    return [
        template % (percent, gap, ", ".join([quoted[j] for j in ranked[:n]]), mean)
        for percent, gap, ranked, n, mean in zip(
            _decimals(found.percent),
            _decimals(found.gap),
            order,
            count,
            _decimals(found.mean),
            strict=True,
        )
    ]


def _decimals(values: np.ndarray) -> list[str]:
    """4 decimals (the value of round(x, 4)); nan (not enough answers) as null."""
    return render_column(values, lambda v: "null" if v != v else f"{v:.4f}")
