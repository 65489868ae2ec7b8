"""Scoring checked against numbers computed by hand (the arithmetic is in the comments).

The mini questionnaire (tests/fixtures/mini): scale 1..5, min_coverage 0.5.
  A: A1, A2 (reverse)            target 75 %
  B: B1, B2 (weight 2), B3 (asked only if B2 <= 3)   target 50 %
Modules: basics (A, min_gap 10, priority 1); moderation (B, min_gap 5, priority 2,
requires basics). Levels: entry [0, 50), advanced [50, 80), expert [80, 100].
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, run_cli
from netzkompetenz.core.model import CANNOT_JUDGE
from netzkompetenz.core.scoring import applicable_items, score
from netzkompetenz.io.catalog import Catalog

ANSWERS = FIXTURES / "answers"


@pytest.fixture(scope="module")
def mini():
    catalog = Catalog.load([MINI])
    return catalog.questionnaire("mini"), catalog.profile("mini-coordinator")


def _without_titles(value):
    """The JSON without the titles beside the ids (tested on their own below)."""
    if isinstance(value, dict):
        return {
            k: _without_titles(v)
            for k, v in value.items()
            if k not in ("title", "level_title", "language")
        }
    if isinstance(value, list):
        return [_without_titles(v) for v in value]
    return value


@pytest.mark.parametrize(
    "lang, dimension, level, module",
    [
        ("de", "Netzwerkwissen", "Einstieg", "Grundlagen"),
        ("en", "Network knowledge", "Entry", "Basics"),
    ],
)
def test_score_json_carries_titles_in_the_language_of_the_run(lang, dimension, level, module):
    proc = run_cli(
        "--data",
        str(MINI),
        "score",
        str(ANSWERS / "mini-complete.json"),
        "--format",
        "json",
        "--lang",
        lang,
    )
    assert proc.returncode == 0, proc.stderr
    [person] = json.loads(proc.stdout)
    a = person["dimensions"][0]
    assert person["language"] == lang
    assert (a["id"], a["title"], a["level"]) == ("A", dimension, "entry")
    assert a["level_title"].startswith(level)
    rec = person["recommendations"][0]
    assert rec["module"] == "basics" and rec["title"].startswith(module)
    assert rec["reasons"][0]["title"] == dimension
    assert person["questionnaire"]["title"] and person["profile"]["title"]


def test_score_json_matches_hand_computed_numbers():
    proc = run_cli(
        "--data", str(MINI), "score", str(ANSWERS / "mini-complete.json"), "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    [person] = _without_titles(json.loads(proc.stdout))
    assert person["respondent"]["name"] == "Erika Mustermann"
    assert person["status"] == "complete"
    assert person["questionnaire"] == {"id": "mini", "version": "1.0"}
    assert person["profile"] == {"id": "mini-coordinator", "role": "coordinator"}
    a, b = person["dimensions"]
    # A: A1 = 2; A2 = 4 reverse-keyed -> 1 + 5 - 4 = 2. mean = (2 + 2) / 2 = 2.0
    # percent = (2 - 1) / (5 - 1) * 100 = 25.0; level entry (0 <= 25 < 50)
    # gap = 75 - 25 = 50.0
    assert a == {
        "id": "A",
        "mean": 2.0,
        "percent": 25.0,
        "answered": 2,
        "applicable": 2,
        "cannot_judge": 0,
        "not_applicable": 0,
        "premise_rejected": 0,
        "enough_answers": True,
        "level": "entry",
        "target": 75.0,
        "gap": 50.0,
    }
    # B: B2 = 3 <= 3, so B3 is asked (applicable 3) but answered "cannot judge".
    # mean = (1 * 2 + 2 * 3) / (1 + 2) = 8 / 3 = 2.6667 (B2 weighs 2)
    # percent = (8/3 - 1) / 4 * 100 = 41.6667; coverage 2/3 >= 0.5; level entry
    # gap = 50 - 41.6667 = 8.3333
    assert b == {
        "id": "B",
        "mean": 2.6667,
        "percent": 41.6667,
        "answered": 2,
        "applicable": 3,
        "cannot_judge": 1,
        "not_applicable": 0,
        "premise_rejected": 0,
        "enough_answers": True,
        "level": "entry",
        "target": 50.0,
        "gap": 8.3333,
    }
    # basics: gap on A 50 >= 10. Items below the target (75 % = 1 + 0.75 * 4 = 4.0 on the
    # scale): A1 (2) and A2 (scored 2), lowest first, ties by id.
    # moderation: gap on B 8.3333 >= 5; target 50 % = 3.0 on the scale: only B1 (2) is
    # below; B2 (3) is not. Ranked by priority: basics (1), then moderation (2).
    assert person["recommendations"] == [
        {
            "module": "basics",
            "priority": 1,
            "prerequisites": [],
            "most_important": True,
            "reasons": [
                {
                    "dimension": "A",
                    "percent": 25.0,
                    "target": 75.0,
                    "gap": 50.0,
                    "items": ["A1", "A2"],
                }
            ],
        },
        {
            "module": "moderation",
            "priority": 2,
            "prerequisites": ["basics"],
            "most_important": True,
            "reasons": [
                {
                    "dimension": "B",
                    "percent": 41.6667,
                    "target": 50.0,
                    "gap": 8.3333,
                    "items": ["B1"],
                }
            ],
        },
    ]


def test_partial_answers_give_not_enough_answers_not_a_low_score():
    proc = run_cli(
        "--data", str(MINI), "score", str(ANSWERS / "mini-partial.json"), "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    [person] = json.loads(proc.stdout)
    assert person["status"] == "partial"
    a, b = person["dimensions"]
    # A: A1 unanswered, A2 cannot judge -> 0 of 2 answered, below coverage 0.5.
    assert a["enough_answers"] is False
    assert a["mean"] is None and a["percent"] is None and a["gap"] is None
    assert a["level"] is None and (a["answered"], a["applicable"]) == (0, 2)
    assert a["cannot_judge"] == 1
    # B: B2 = 5 > 3 so B3 is not asked; B1 unanswered: 1 of 2 = 0.5 >= 0.5 -> scored.
    # mean 5, percent 100, gap 50 - 100 = -50 -> no module.
    assert (b["mean"], b["percent"], b["gap"], b["level"]) == (5.0, 100.0, -50.0, "expert")
    assert (b["answered"], b["applicable"]) == (1, 2)
    # No module for A (not enough answers is never a gap), none for B (no gap).
    assert person["recommendations"] == []


def test_score_table_says_partial_and_not_enough(tmp_path):
    proc = run_cli("--data", str(MINI), "score", str(ANSWERS / "mini-partial.json"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "incomplete" in proc.stdout
    assert "not enough" in proc.stdout


def test_percent_is_exact_on_band_edges(mini):
    questionnaire, profile = mini
    # A: A1 = 4, A2 = 1 reverse -> 5; mean 4.5 -> (4.5 - 1) / 4 * 100 = 87.5 %
    # B: B2 = 4 > 3 so B3 is not asked; (5 + 2 * 4) / 3 = 13/3 -> 83.33 %
    result = score(questionnaire, profile, {"A1": 4, "A2": 1, "B1": 5, "B2": 4})
    assert result.dimension("A").percent == 87.5
    assert result.dimension("B").percent == pytest.approx(250 / 3)
    # Five items in one dimension answered 5, 5, 5, 4, 4 (sum 23): mean 4.6 ->
    # (4.6 - 1) / 4 * 100 = 90 exactly. Computed as ((23/5) - 1) / 4 * 100 in floats it is
    # 89.99999999999999, which would miss a level band or trigger starting at 90.
    five = questionnaire.model_copy(
        update={
            "items": [questionnaire.items[0].model_copy(update={"id": f"X{n}"}) for n in range(5)]
        }
    )
    targets = profile.model_copy(update={"targets": {"A": 100, "B": 0}})
    dim = score(five, targets, {"X0": 5, "X1": 5, "X2": 5, "X3": 4, "X4": 4}).dimension("A")
    assert dim.percent == 90.0
    assert dim.gap == 10.0
    assert dim.level == "expert"


def test_conditions_follow_the_chain_of_asked_items(mini):
    questionnaire, _ = mini
    # B3 is asked when B2 <= 3.
    asked = {i.id for i in applicable_items(questionnaire, {"B2": 3})}
    assert "B3" in asked
    assert "B3" not in {i.id for i in applicable_items(questionnaire, {"B2": 4})}
    # Unanswered and "cannot judge" never satisfy a condition.
    assert "B3" not in {i.id for i in applicable_items(questionnaire, {})}
    assert "B3" not in {i.id for i in applicable_items(questionnaire, {"B2": CANNOT_JUDGE})}


def test_answer_to_an_item_that_was_not_asked_is_left_out(mini):
    questionnaire, profile = mini
    # B2 = 5 -> B3 not asked; an export may still carry a value for B3. It must not count.
    with_stray = score(questionnaire, profile, {"B1": 4, "B2": 5, "B3": 1})
    without = score(questionnaire, profile, {"B1": 4, "B2": 5})
    assert with_stray.dimension("B") == without.dimension("B")
    # (4 + 2 * 5) / 3 = 14/3
    assert with_stray.dimension("B").mean == pytest.approx(14 / 3)


def test_nothing_is_recommended_without_a_gap(mini):
    questionnaire, profile = mini
    result = score(questionnaire, profile, {"A1": 5, "A2": 1, "B1": 5, "B2": 5})
    assert all(d.gap <= 0 for d in result.dimensions)
    assert result.recommendations == ()


def test_prerequisite_is_placed_before_the_module_that_needs_it(mini):
    questionnaire, profile = mini
    # Make moderation rank first (priority 1) while it requires basics.
    modules = [
        m.model_copy(update={"priority": 3})
        if m.id == "basics"
        else m.model_copy(update={"priority": 1})
        for m in profile.modules
    ]
    reordered = profile.model_copy(update={"modules": modules})
    result = score(questionnaire, reordered, {"A1": 1, "A2": 5, "B1": 1, "B2": 1})
    assert [r.module for r in result.recommendations] == ["basics", "moderation"]


def test_score_rejects_a_value_off_the_scale_with_its_position(tmp_path: Path):
    bad = tmp_path / "bad.json"
    data = json.loads((ANSWERS / "mini-complete.json").read_text())
    data["values"]["A1"] = 7
    bad.write_text(json.dumps(data, indent=2))
    proc = run_cli("--data", str(MINI), "score", str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert f"{bad}:" in proc.stderr and "A1" in proc.stderr
