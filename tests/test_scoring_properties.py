"""Properties of scoring that must hold for ANY valid questionnaire and profile (hypothesis).

Questionnaires are generated: scales of 2 to 7 points starting anywhere from -2 to 1,
one to three dimensions of one to four items, reverse keys, weights, minimum coverage;
profiles with random targets and a module per dimension plus one that needs all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURES, MINI
from netzkompetenz.core.model import CANNOT_JUDGE, Profile, Questionnaire
from netzkompetenz.core.scoring import score
from netzkompetenz.io.answers_file import score_file, score_files
from netzkompetenz.io.catalog import Catalog

EXAMPLES = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
T = {"de": "x"}


@st.composite
def questionnaires(draw) -> Questionnaire:
    low = draw(st.integers(-2, 1))
    points = [{"value": v, "label": T} for v in range(low, low + draw(st.integers(2, 7)))]
    dimensions, items = [], []
    for d in range(draw(st.integers(1, 3))):
        dimensions.append({"id": f"D{d}", "title": T, "description": T})
        for k in range(draw(st.integers(1, 4))):
            items.append({"id": f"I{d}_{k}", "dimension": f"D{d}", "kind": "skill",
                          "text": T, "reverse": draw(st.booleans()),
                          "weight": draw(st.sampled_from([1.0, 0.5, 1.5, 2.0]))})
    return Questionnaire.model_validate({
        "kind": "questionnaire", "id": "gen", "version": "1", "languages": ["de"],
        "title": T, "scale": {"points": points, "cannot_judge": T},
        "min_coverage": draw(st.sampled_from([0.25, 0.5, 0.75, 1.0])),
        "dimensions": dimensions, "items": items})


def profile_for(q: Questionnaire, targets: dict[str, float], min_gaps: list[float]
                ) -> Profile:
    dims = [d.id for d in q.dimensions]
    module = {"content": T, "format": "online", "duration_days": 1, "target_group": T,
              "title": T}
    modules = [{**module, "id": f"M{d}", "dimensions": [d],
                "trigger": {"min_gap": min_gaps[n % len(min_gaps)]}}
               for n, d in enumerate(dims)]
    modules.append({**module, "id": "Mall", "dimensions": dims,
                    "trigger": {"min_gap": min_gaps[0], "match": "all"},
                    "prerequisites": [f"M{dims[0]}"]})
    return Profile.model_validate({
        "kind": "profile", "id": "gen-p", "role": "coordinator", "questionnaire": q.id,
        "title": T, "description": T, "targets": targets,
        "levels": [{"id": "low", "from": 0, "to": 40, "label": T, "description": T},
                   {"id": "mid", "from": 40, "to": 75, "label": T, "description": T},
                   {"id": "high", "from": 75, "to": 100, "label": T, "description": T}],
        "modules": modules})


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
    mirrored_answers = {k: (low + high - v if isinstance(v, int) else v)
                        for k, v in answers.items()}
    flipped_keys = q.model_copy(update={"items": [
        i.model_copy(update={"reverse": not i.reverse}) for i in q.items]})
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
    # item, a lower one on a reverse-keyed (negatively worded) item.
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
    worse = {k: (v if not isinstance(v, int) else
                 (min(high, v + 1) if q.item(k).reverse else max(low, v - 1)))
             for k, v in answers.items()}
    assert modules(base) <= modules(score(q, p, worse))
    # No gap anywhere (all targets 0) -> nothing is recommended.
    none = score(q, p.model_copy(update={"targets": {d: 0.0 for d in p.targets}}), answers)
    assert none.recommendations == ()


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.fixed_dictionaries(
    {k: st.one_of(st.sampled_from([1, 2, 3, 4, 5, CANNOT_JUDGE]), st.none())
     for k in ("A1", "A2", "B1", "B2", "B3")}), min_size=2, max_size=4), st.randoms())
def test_a_persons_result_does_not_depend_on_who_else_is_scored(tmp_path_factory, people,
                                                                 rng):
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
