"""Properties of scoring that must hold for ANY valid questionnaire and profile (hypothesis).

Questionnaires are generated: scales of 2 to 7 points starting anywhere from -2 to 1,
one to three dimensions of one to four items, reverse keys, weights, minimum coverage;
profiles with random targets and a module per dimension plus one that needs all of them.
The last property adds format v2 (context questions, item and context conditions, "not
applicable", item-level triggers, a cap) and checks that one person scored alone, the same
person as a row among others, the JSON writer and the rules written out plainly agree.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, MINI
from netzkompetenz.core.matrix import MatrixScorer
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Profile, Questionnaire
from netzkompetenz.core.scoring import result_of, score
from netzkompetenz.io.answers_file import score_file, score_files
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_lines, result_to_dict

EXAMPLES = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T = {"de": "x"}


@st.composite
def questionnaires(draw) -> Questionnaire:
    low = draw(st.integers(-2, 1))
    points = [{"value": v, "label": T} for v in range(low, low + draw(st.integers(2, 7)))]
    dimensions, items = [], []
    for d in range(draw(st.integers(1, 3))):
        dimensions.append({"id": f"D{d}", "title": T, "description": T})
        for k in range(draw(st.integers(1, 4))):
            items.append(
                {
                    "id": f"I{d}_{k}",
                    "dimension": f"D{d}",
                    "kind": "skill",
                    "text": T,
                    "reverse": draw(st.booleans()),
                    "weight": draw(st.sampled_from([1.0, 0.5, 1.5, 2.0])),
                }
            )
    return Questionnaire.model_validate(
        {
            "kind": "questionnaire",
            "id": "gen",
            "version": "1",
            "languages": ["de"],
            "title": T,
            "scale": {"points": points, "cannot_judge": T},
            "min_coverage": draw(st.sampled_from([0.25, 0.5, 0.75, 1.0])),
            "dimensions": dimensions,
            "items": items,
        }
    )


def profile_for(q: Questionnaire, targets: dict[str, float], min_gaps: list[float]) -> Profile:
    dims = [d.id for d in q.dimensions]
    module = {"content": T, "format": "online", "duration_days": 1, "target_group": T, "title": T}
    modules = [
        {
            **module,
            "id": f"M{d}",
            "dimensions": [d],
            "trigger": {"min_gap": min_gaps[n % len(min_gaps)]},
        }
        for n, d in enumerate(dims)
    ]
    modules.append(
        {
            **module,
            "id": "Mall",
            "dimensions": dims,
            "trigger": {"min_gap": min_gaps[0], "match": "all"},
            "prerequisites": [f"M{dims[0]}"],
        }
    )
    return Profile.model_validate(
        {
            "kind": "profile",
            "id": "gen-p",
            "role": "coordinator",
            "questionnaire": q.id,
            "title": T,
            "description": T,
            "targets": targets,
            "levels": [
                {"id": "low", "from": 0, "to": 40, "label": T, "description": T},
                {"id": "mid", "from": 40, "to": 75, "label": T, "description": T},
                {"id": "high", "from": 75, "to": 100, "label": T, "description": T},
            ],
            "modules": modules,
        }
    )


@st.composite
def cases(draw):
    """A questionnaire, a profile for it and one person's answers."""
    q = draw(questionnaires())
    targets = {d.id: float(draw(st.integers(0, 100))) for d in q.dimensions}
    min_gaps = draw(st.lists(st.integers(1, 60).map(float), min_size=1, max_size=3))
    values = [p.value for p in q.scale.points]
    answer = st.one_of(st.sampled_from(values), st.just(CANNOT_JUDGE), st.none())
    answers = {i.id: a for i in q.items if (a := draw(answer)) is not None}
    return q, profile_for(q, targets, min_gaps), answers


def modules(result) -> set[str]:
    return {r.module for r in result.recommendations}


@EXAMPLES
@given(cases())
def test_scores_stay_in_bounds(case):
    q, p, answers = case
    result = score(q, p, answers)
    low, high = q.scale.min, q.scale.max
    for d in result.dimensions:
        assert 0 <= d.answered <= d.applicable
        assert d.answered + d.cannot_judge <= d.applicable
        if d.enough:
            assert low <= d.mean <= high
            assert 0 <= d.percent <= 100
            assert d.gap == pytest.approx(d.target - d.percent)
            assert d.level in {"low", "mid", "high"}
            assert d.answered / d.applicable >= q.min_coverage - 1e-9
        else:
            assert d.mean is d.percent is d.gap is d.level is None
    for rec in result.recommendations:
        for reason in rec.reasons:  # every reason is a real gap that reached the trigger
            assert reason.gap >= p.module(rec.module).trigger.min_gap > 0
            assert reason.items  # some item pulled the score below the target


@EXAMPLES
@given(cases())
def test_reverse_keying_is_symmetric(case):
    q, p, answers = case
    low, high = q.scale.min, q.scale.max
    mirrored_answers = {
        k: (low + high - v if isinstance(v, int) else v) for k, v in answers.items()
    }
    flipped_keys = q.model_copy(
        update={"items": [i.model_copy(update={"reverse": not i.reverse}) for i in q.items]}
    )
    original = score(q, p, answers)
    # Mirroring every answer and flipping every key gives the same scores ...
    same = score(flipped_keys, p, mirrored_answers)
    # ... and mirroring the answers alone mirrors the percent around 50.
    mirrored = score(q, p, mirrored_answers)
    for a, b, c in zip(original.dimensions, same.dimensions, mirrored.dimensions, strict=True):
        assert b.mean == pytest.approx(a.mean) if a.enough else b.mean is None
        if a.enough:
            assert c.percent == pytest.approx(100 - a.percent)
            assert c.mean == pytest.approx(low + high - a.mean)
        else:
            assert not c.enough


@EXAMPLES
@given(cases(), st.data())
def test_more_agreement_never_lowers_a_dimension(case, data):
    q, p, answers = case
    numeric = [i for i in q.items if isinstance(answers.get(i.id), int)]
    if not numeric:
        return
    item = data.draw(st.sampled_from(numeric))
    # "More agreement" with what the item measures: a higher answer on a positively worded
    # item, a lower one on a reverse-keyed (oppositely worded) item.
    step = -1 if item.reverse else 1
    values = [pt.value for pt in q.scale.points]
    moved = answers[item.id] + step
    if moved not in values:
        return
    before = score(q, p, answers).dimension(item.dimension)
    after = score(q, p, {**answers, item.id: moved}).dimension(item.dimension)
    assert after.enough == before.enough
    if before.enough:
        assert after.mean >= before.mean - 1e-12
        assert after.gap <= before.gap + 1e-9


@EXAMPLES
@given(cases(), st.data())
def test_recommended_modules_grow_with_the_gap(case, data):
    q, p, answers = case
    base = score(q, p, answers)
    # Larger targets -> every gap grows -> every module recommended before still is.
    raised = {d: min(100.0, t + data.draw(st.integers(0, 50))) for d, t in p.targets.items()}
    wider = score(q, p.model_copy(update={"targets": raised}), answers)
    assert modules(base) <= modules(wider)
    for rec in base.recommendations:
        again = next(r for r in wider.recommendations if r.module == rec.module)
        assert again.largest_gap >= rec.largest_gap - 1e-9
    # Less agreement on any items -> lower scores -> again a superset.
    low, high = q.scale.min, q.scale.max
    worse = {
        k: (
            v
            if not isinstance(v, int)
            else (min(high, v + 1) if q.item(k).reverse else max(low, v - 1))
        )
        for k, v in answers.items()
    }
    assert modules(base) <= modules(score(q, p, worse))
    # No gap anywhere (all targets 0) -> nothing is recommended.
    none = score(q, p.model_copy(update={"targets": {d: 0.0 for d in p.targets}}), answers)
    assert none.recommendations == ()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                k: st.one_of(st.sampled_from([1, 2, 3, 4, 5, CANNOT_JUDGE]), st.none())
                for k in ("A1", "A2", "B1", "B2", "B3")
            }
        ),
        min_size=2,
        max_size=4,
    ),
    st.randoms(),
)
def test_a_persons_result_does_not_depend_on_who_else_is_scored(tmp_path_factory, people, rng):
    catalog = Catalog.load([MINI])
    template = json.loads((FIXTURES / "answers" / "mini-complete.json").read_text())
    folder = tmp_path_factory.mktemp("cohort")
    paths = []
    for n, values in enumerate(people):
        doc = {**template, "values": {k: v for k, v in values.items() if v is not None}}
        path = folder / f"p{n}.json"
        path.write_text(json.dumps(doc))
        paths.append(path)
    alone = {p: score_file(catalog, p).result for p in paths}
    shuffled = list(paths)
    rng.shuffle(shuffled)
    together = {s.path: s.result for s in score_files(catalog, shuffled)}
    assert together == alone
    # Adding more people (copies of the others) changes nobody's result either.
    crowd = {s.path: s.result for s in score_files(catalog, shuffled + paths[:1] * 3)}
    assert all(crowd[Path(p)] == alone[p] for p in paths)


# --- one person, many people and the rules as written agree (format v2) ---------------------


@st.composite
def v2_questionnaires(draw) -> Questionnaire:
    """Like questionnaires(), plus context questions, item and context conditions and
    "not applicable"."""
    low = draw(st.integers(-2, 1))
    points = [{"value": v, "label": T} for v in range(low, low + draw(st.integers(2, 7)))]
    context = [
        {
            "id": f"c{n}",
            "text": T,
            "options": [{"id": f"o{k}", "label": T} for k in range(draw(st.integers(1, 3)))],
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    dimensions, items = [], []
    for d in range(draw(st.integers(1, 3))):
        dimensions.append({"id": f"D{d}", "title": T, "description": T})
        for k in range(draw(st.integers(1, 4))):
            item = {
                "id": f"I{d}_{k}",
                "dimension": f"D{d}",
                "kind": "skill",
                "text": T,
                "reverse": draw(st.booleans()),
                "weight": draw(st.sampled_from([1.0, 0.5, 1.5, 2.0])),
            }
            kind = draw(st.sampled_from(["none", "none", "item", "context"]))
            if kind == "item" and items:
                bounds = draw(st.sampled_from(["min", "max", "both"]))
                a, b = sorted(
                    draw(
                        st.lists(
                            st.sampled_from([p["value"] for p in points]), min_size=2, max_size=2
                        )
                    )
                )
                item["condition"] = {
                    "item": draw(st.sampled_from(items))["id"],
                    **({"min": a} if bounds != "max" else {}),
                    **({"max": b} if bounds != "min" else {}),
                }
            elif kind == "context" and context:
                question = draw(st.sampled_from(context))
                options = [o["id"] for o in question["options"]]
                item["condition"] = {
                    "context": question["id"],
                    "in": draw(st.lists(st.sampled_from(options), min_size=1, unique=True)),
                }
            items.append(item)
    scale = {"points": points, "cannot_judge": T}
    if draw(st.booleans()):
        scale["not_applicable"] = T
    return Questionnaire.model_validate(
        {
            "kind": "questionnaire",
            "id": "gen",
            "version": "2.0",
            "languages": ["de"],
            "title": T,
            "scale": scale,
            "context": context,
            "min_coverage": draw(st.sampled_from([0.25, 0.5, 0.75, 1.0])),
            "min_answered": draw(st.sampled_from([1, 1, 2, 3])),
            "dimensions": dimensions,
            "items": items,
        }
    )


@st.composite
def v2_cases(draw):
    """A v2 questionnaire, a profile with item triggers and a cap, and a few people."""
    q = draw(v2_questionnaires())
    targets = {d.id: float(draw(st.integers(0, 100))) for d in q.dimensions}
    min_gaps = draw(st.lists(st.integers(1, 60).map(float), min_size=1, max_size=3))
    base = profile_for(q, targets, min_gaps).model_dump(by_alias=True)
    values = [pt.value for pt in q.scale.points]
    for n in range(draw(st.integers(1, 3))):  # item-level triggers
        listed = draw(
            st.lists(st.sampled_from([i.id for i in q.items]), min_size=1, max_size=4, unique=True)
        )
        below = draw(st.sampled_from([v + 0.5 for v in values[:-1]] + values[1:]))
        base["modules"].append(
            {
                **base["modules"][0],
                "id": f"T{n}",
                "dimensions": [q.items[0].dimension],
                "trigger": {"items": listed, "below": below},
                "priority": draw(st.integers(1, 3)),
                "prerequisites": draw(st.sampled_from([[], [base["modules"][0]["id"]]])),
            }
        )
    for module in base["modules"]:
        module["priority"] = draw(st.integers(1, 3))
    base["max_recommendations"] = draw(st.sampled_from([None, 1, 2, 3]))
    if base["max_recommendations"] is not None:
        base["max_also_possible"] = draw(st.sampled_from([None, 0, 1, 3]))
    profile = Profile.model_validate(base)
    no_score = [CANNOT_JUDGE] + ([NOT_APPLICABLE] if q.scale.not_applicable else [])
    answer = st.one_of(st.sampled_from(values), st.sampled_from(no_score), st.none())
    people = []
    for _ in range(draw(st.integers(1, 4))):
        answers = {i.id: a for i in q.items if (a := draw(answer)) is not None}
        context = {
            c.id: draw(st.sampled_from([o.id for o in c.options]))
            for c in q.context
            if draw(st.booleans())
        }
        people.append((answers, context))
    return q, profile, people


def has_enough(answered: int, applicable: int, q: Questionnaire) -> bool:
    """Coverage: min_answered answers (one at least) and the share min_coverage."""
    if answered < max(1, q.min_answered) or applicable == 0:
        return False
    return answered / applicable >= q.min_coverage - 1e-9


def short_list_length(p: Profile, found: int) -> int:
    """How many ranked modules are listed: the cap and max_also_possible after it."""
    if p.max_recommendations is None or p.max_also_possible is None:
        return found
    return min(found, p.max_recommendations + p.max_also_possible)


def by_the_rules(q: Questionnaire, p: Profile, answers: dict, context: dict) -> dict:
    """docs/scoring.md, written out plainly for one person (an oracle for the scorer)."""
    low, high = q.scale.min, q.scale.max

    def is_value(v) -> bool:
        return isinstance(v, int) and not isinstance(v, bool)

    def scored(item) -> float:
        v = answers[item.id]
        return low + high - v if item.reverse else float(v)

    asked: list = []
    for item in q.items:
        c = item.condition
        if c is None:
            asked.append(item)
        elif c.context is not None:
            if context.get(c.context) in (c.in_ or []):
                asked.append(item)
        elif c.item in {i.id for i in asked} and c.holds(answers.get(c.item)):
            asked.append(item)
    asked_ids = {i.id for i in asked}
    dims = {}
    for dim in q.dimensions:
        items = [i for i in asked if i.dimension == dim.id]
        done = [i for i in items if is_value(answers.get(i.id))]
        not_applicable = sum(answers.get(i.id) == NOT_APPLICABLE for i in items)
        applicable = len(items) - not_applicable
        enough = has_enough(len(done), applicable, q)
        entry = {
            "answered": len(done),
            "applicable": applicable,
            "cannot_judge": sum(answers.get(i.id) == CANNOT_JUDGE for i in items),
            "not_applicable": not_applicable,
            "enough": enough,
            "mean": None,
            "percent": None,
            "gap": None,
            "level": None,
            "target": p.targets[dim.id],
            "scored": {i.id: scored(i) for i in done},
        }
        if enough:
            total = sum(i.weight for i in done)
            weighted = sum(i.weight * scored(i) for i in done)
            entry["mean"] = weighted / total
            entry["percent"] = (weighted - low * total) * 100 / (total * (high - low))
            entry["gap"] = entry["target"] - entry["percent"]
            entry["level"] = p.level_of(entry["percent"]).id
        dims[dim.id] = entry
    found = {}
    for module in p.modules:
        t = module.trigger
        if t.on_items:
            listed = [
                q.item(i)
                for i in t.items
                if i in asked_ids
                and is_value(answers.get(i))
                and dims[q.item(i).dimension]["enough"]  # not from a dimension without enough
            ]
            if not listed or len(listed) < min(2, len(t.items)):  # never on one answer
                continue
            s = sum(scored(i) for i in listed)
            if s / len(listed) >= t.below:
                continue
            percent = (s - low * len(listed)) * 100 / (len(listed) * (high - low))
            target = (t.below - low) * 100 / (high - low)
            reasons = [
                (
                    None,
                    target - percent,
                    sorted((i.id for i in listed), key=lambda x: (scored(q.item(x)), x)),
                )
            ]
        else:
            hits = [
                d for d in module.dimensions if dims[d]["enough"] and dims[d]["gap"] >= t.min_gap
            ]
            if not hits or (t.match == "all" and len(hits) < len(module.dimensions)):
                continue
            below = {d: low + dims[d]["target"] / 100 * (high - low) for d in hits}
            reasons = sorted(
                (
                    (
                        d,
                        dims[d]["gap"],
                        sorted(
                            (i for i, x in dims[d]["scored"].items() if x < below[d]),
                            key=lambda i, d=d: (dims[d]["scored"][i], i),
                        ),
                    )
                    for d in hits
                ),
                key=lambda r: -r[1],
            )
        found[module.id] = (module, reasons)
    authored = [m.id for m in p.modules]
    ranked = sorted(
        found,
        key=lambda m: (
            -round(max(r[1] for r in found[m][1]), 9),  # gaps equal to 9 decimals are equal
            found[m][0].priority,
            authored.index(m),
        ),
    )
    ordered: list[str] = []

    def place(m: str) -> None:
        if m in ordered:
            return
        for pre in found[m][0].prerequisites:
            if pre in found and pre not in ordered:
                place(pre)
        ordered.append(m)

    for m in ranked:
        place(m)
    cap = p.max_recommendations
    ordered = ordered[: short_list_length(p, len(ordered))]
    return {
        "dimensions": dims,
        "recommendations": [(m, [(r[0], r[1], r[2]) for r in found[m][1]]) for m in ordered],
        "most_important": len(ordered) if cap is None else min(cap, len(ordered)),
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(v2_cases())
def test_one_person_many_people_and_the_rules_agree(case):
    q, p, people = case
    scorer = MatrixScorer(q, p)
    codes = np.vstack([scorer.encode(a) for a, _ in people])
    context = np.vstack([scorer.encode_context(c) for _, c in people])
    many = scorer.score(codes, context)
    lines = result_lines(many, ["{"] * len(people))
    for i, (answers, ctx) in enumerate(people):
        alone = score(q, p, answers, ctx)
        assert result_of(many, i) == alone  # a row among others = the person alone
        assert json.loads(lines[i]) == result_to_dict(alone)  # one JSON writer
        expected = by_the_rules(q, p, answers, ctx)
        for d in alone.dimensions:
            want = expected["dimensions"][d.dimension]
            assert (
                d.answered,
                d.applicable,
                d.cannot_judge,
                d.not_applicable,
                d.enough,
                d.level,
            ) == (
                want["answered"],
                want["applicable"],
                want["cannot_judge"],
                want["not_applicable"],
                want["enough"],
                want["level"],
            )
            assert (d.mean, d.percent, d.gap) == (want["mean"], want["percent"], want["gap"])
        got = [
            (r.module, [(x.dimension, x.gap, list(x.items)) for x in r.reasons])
            for r in alone.recommendations
        ]
        assert got == expected["recommendations"]
        assert alone.most_important == expected["most_important"]
