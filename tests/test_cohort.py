"""Cohort statistics against independent computations from the item matrix."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import numpy as np

from netzkompetenz.core.cohort import Cohort
from netzkompetenz.core.matrix import MatrixScorer
from netzkompetenz.io.catalog import Catalog

WIDE = Path(__file__).resolve().parent / "fixtures" / "exports" / "wide"


def correlated_codes(
    q, rows: int, seed: int, flip: int | None = None, constant: int | None = None
) -> np.ndarray:
    """Answers driven by one trait per person (reverse-keyed items answered the other way
    round), some blanks and "cannot judge"."""
    rng = random.Random(seed)
    items = len(q.items)
    out = np.zeros((rows, items), dtype=np.int8)
    for r in range(rows):
        trait = rng.gauss(0, 1)
        for j in range(items):
            x = rng.random()
            if x < 0.04:
                continue
            if x < 0.06:
                out[r, j] = -1
                continue
            value = min(5, max(1, round(3 + trait + rng.gauss(0, 0.8))))
            out[r, j] = 6 - value if q.items[j].reverse else value
    if flip is not None:
        out[:, flip] = np.where(out[:, flip] > 0, 6 - out[:, flip], out[:, flip])
    if constant is not None:
        out[:, constant] = 4
    return out


def setup(flip=None, constant=None):
    catalog = Catalog.load([WIDE])
    profile = catalog.profile("wide-coordinator")
    q = catalog.questionnaire_of(profile)
    scorer = MatrixScorer(q, profile)
    codes = correlated_codes(q, 900, 11, flip, constant)
    cohort = Cohort(q, profile)
    for start in range(0, len(codes), 256):  # in chunks, as a batch streams them
        part = codes[start : start + 256]
        cohort.add(scorer.score(part), profile.role, ["Amt"] * len(part))
    return q, profile, scorer, codes, cohort


def reversed_items(q, codes: np.ndarray, dimension: str) -> np.ndarray:
    """Complete cases of a dimension's items, reverse keying applied, straight from the
    codes (values 1..5 are codes 1..5 in this questionnaire)."""
    idx = [n for n, item in enumerate(q.items) if item.dimension == dimension]
    x = codes[:, idx].astype(float)
    x = x[(x > 0).all(axis=1)]
    for k, n in enumerate(idx):
        if q.items[n].reverse:
            x[:, k] = 6 - x[:, k]
    return x


def test_cronbach_alpha_agrees_with_independent_computation() -> None:
    q, _, _, codes, cohort = setup()
    for d, dim in enumerate(q.dimensions):
        if any(i.condition for i in q.items_of(dim.id)):
            continue  # conditional items: complete cases depend on the condition
        x = reversed_items(q, codes, dim.id)
        k = x.shape[1]
        expected = k / (k - 1) * (1 - x.var(axis=0, ddof=1).sum() / x.sum(axis=1).var(ddof=1))
        got = cohort.alpha(d)
        assert got["n"] == len(x) > 100
        assert abs(got["alpha"] - expected) < 1e-9
        for col, j in enumerate(cohort.reliability[d].items):
            rest = x.sum(axis=1) - x[:, col]
            r = np.corrcoef(x[:, col], rest)[0, 1]
            assert abs(got["items"][j]["item_total"] - r) < 1e-9


def test_distribution_matches_numpy_and_statistics() -> None:
    _, _, scorer, codes, cohort = setup()
    scores = scorer.score(codes)
    summary = cohort.summary()
    for d, dim in enumerate(summary["dimensions"]):
        pct = scores.percent[scores.enough[:, d], d]
        assert dim["n"] == len(pct)
        assert abs(dim["mean"] - statistics.fmean(pct)) < 1e-9
        assert abs(dim["sd"] - statistics.stdev(pct)) < 1e-9
        hundredths = np.rint(pct * 100) / 100
        for key, q in (("min", 0), ("q1", 25), ("median", 50), ("q3", 75), ("max", 100)):
            assert abs(dim[key] - np.percentile(hundredths, q)) < 1e-9, key
        counts = [lv["count"] for lv in dim["levels"]]
        assert sum(c or 0 for c in counts) + (dim["not_enough"] or 0) <= 900


def test_wrongly_keyed_and_constant_items_are_flagged() -> None:
    q, _, _, _, cohort = setup(flip=0, constant=8)
    flags = {(f["item"], f["kind"]) for f in cohort.summary()["item_flags"]}
    assert (q.items[0].id, "negative_item_total") in flags
    assert (q.items[8].id, "zero_variance") in flags
    clean = {(f["item"], f["kind"]) for f in setup()[4].summary()["item_flags"]}
    assert not any(kind == "negative_item_total" for _, kind in clean)


def test_groups_below_five_are_not_shown() -> None:
    catalog = Catalog.load([WIDE])
    profile = catalog.profile("wide-coordinator")
    q = catalog.questionnaire_of(profile)
    scorer = MatrixScorer(q, profile)
    cohort = Cohort(q, profile)
    cohort.add(scorer.score(correlated_codes(q, 4, 3)), "coordinator", ["A"] * 4)
    summary = cohort.summary()
    assert not summary["shown"] and summary["dimensions"] == []
    cohort.add(scorer.score(correlated_codes(q, 3, 4)), "coordinator", ["B", "B", "C"])
    summary = cohort.summary()
    assert summary["shown"]
    orgs = summary["demand_by_organisation"]
    assert [o["group"] for o in orgs] == [None]  # A (4), B (2), C (1): all pooled
    assert orgs[0]["pooled"] and orgs[0]["n"] == 7
    for dim in summary["dimensions"]:
        for level in dim["levels"]:
            assert level["count"] is None or level["count"] == 0 or level["count"] >= 5


def test_not_applicable_is_counted_apart_from_cannot_judge_and_context_is_counted() -> None:
    """Bundled v2 coordinator questionnaire: "not applicable" (code -2) and "cannot judge"
    (-1) per dimension and per item, counted independently from the codes; context and
    framework answers counted per option, small counts suppressed."""
    catalog = Catalog.load()
    profile = catalog.profile_for_role("coordinator")
    q = catalog.questionnaire_of(profile)
    scorer = MatrixScorer(q, profile)
    rng = random.Random(5)
    rows = 60
    codes = np.array(
        [[rng.choice([-2, -1, 1, 2, 3, 4, 5, 3, 4]) for _ in q.items] for _ in range(rows)],
        dtype=np.int8,
    )
    unconditioned = np.array([item.condition is None for item in q.items])
    codes[:, ~unconditioned] = 0  # asked or not depends on context: leave them out here
    context = [
        {"employer": "traeger" if r % 3 else "verwaltung", "tenure": ""} for r in range(rows)
    ]
    framework = [{"R1": "yes" if r < 40 else "no", "R2": "unknown"} for r in range(rows)]
    cohort = Cohort(q, profile)
    for start in range(0, rows, 16):
        part = slice(start, start + 16)
        cohort.add(
            scorer.score(codes[part]),
            profile.role,
            ["Amt"] * len(codes[part]),
            context=context[part],
            framework=framework[part],
        )
    summary = cohort.summary()
    assert summary["not_applicable_offered"]
    for dim in summary["dimensions"]:
        idx = [n for n, item in enumerate(q.items) if item.dimension == dim["id"]]
        assert dim["not_applicable"] == int((codes[:, idx] == -2).sum())
        assert dim["cannot_judge"] == int((codes[:, idx] == -1).sum())
    for n, item in enumerate(summary["item_stats"]):
        na, cj = int((codes[:, n] == -2).sum()), int((codes[:, n] == -1).sum())
        assert item["not_applicable"] == (na if na == 0 or na >= 5 else None)
        assert item["cannot_judge"] == (cj if cj == 0 or cj >= 5 else None)
    employer = next(c for c in summary["context"] if c["id"] == "employer")
    assert {o["id"]: o["count"] for o in employer["options"]} == {
        "verwaltung": 20,
        "traeger": 40,
        "andere": 0,
    }
    tenure = next(c for c in summary["context"] if c["id"] == "tenure")
    assert tenure["not_given"] == rows
    r1, r2, r3 = summary["framework"][:3]
    assert (r1["yes"], r1["no"], r1["unknown"], r1["not_given"]) == (40, 20, 0, 0)
    assert (r2["unknown"], r3["not_given"]) == (rows, rows)


def test_without_context_the_cohort_shows_none_and_a_v1_scale_no_not_applicable() -> None:
    q, profile, scorer, codes, cohort = setup()
    summary = cohort.summary()
    assert summary["context"] == [] and summary["framework"] == []
    assert not summary["not_applicable_offered"]
    assert all(d["not_applicable"] == 0 for d in summary["dimensions"])
