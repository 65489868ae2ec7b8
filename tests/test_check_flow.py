"""The self-check's walk through the items (checkflow.Walk): pure, no prompts."""

from __future__ import annotations

import pytest

from helpers import MINI
from netzkompetenz.core.checkflow import Walk
from netzkompetenz.core.model import CANNOT_JUDGE
from netzkompetenz.io.loader import load_document


@pytest.fixture
def mini():
    return load_document(MINI / "questionnaires" / "mini.yaml")[1]


def ids(walk: Walk, answers: list) -> list[str]:
    """Answer in order; return the ids of the items that were asked."""
    seen = []
    for value in answers:
        seen.append(walk.current.id)
        walk.answer(value)
    return seen


def test_forward_in_questionnaire_order_with_condition_holding(mini):
    walk = Walk(mini, {})
    assert walk.start().id == "A1"
    assert ids(walk, [4, 2, 3, 2, CANNOT_JUDGE]) == ["A1", "A2", "B1", "B2", "B3"]
    assert walk.current is None and walk.complete
    assert walk.values == {"A1": 4, "A2": 2, "B1": 3, "B2": 2, "B3": CANNOT_JUDGE}


def test_conditional_item_skipped_when_condition_fails(mini):
    walk = Walk(mini, {})
    walk.start()
    assert ids(walk, [4, 2, 3, 5]) == ["A1", "A2", "B1", "B2"]
    assert walk.current is None and walk.complete
    assert "B3" not in walk.values


def test_position_and_dimension_start(mini):
    walk = Walk(mini, {})
    walk.start()
    assert walk.enters_dimension()
    # B3 is conditional: the total counts it from the start ("von etwa 5") and never jumps
    assert walk.position().__dict__ == {
        "dimension": 1,
        "dimensions": 2,
        "index": 1,
        "total": 5,
        "about": True,
    }
    walk.answer(3)
    assert not walk.enters_dimension()
    walk.answer(3)
    assert walk.current.id == "B1" and walk.enters_dimension()
    assert walk.position().__dict__ == {
        "dimension": 2,
        "dimensions": 2,
        "index": 3,
        "total": 5,
        "about": True,
    }
    walk.answer(3)
    walk.answer(1)  # B2 = 1 opens B3
    assert walk.position().__dict__ == {
        "dimension": 2,
        "dimensions": 2,
        "index": 5,
        "total": 5,
        "about": True,
    }
    assert walk.answered() == 4


def test_total_is_exact_without_conditions(mini):
    plain = mini.model_copy(update={"items": [i for i in mini.items if i.condition is None]})
    walk = Walk(plain, {})
    walk.start()
    assert walk.position().total == 4 and not walk.position().about


def test_back_preselects_and_forward_revisits(mini):
    walk = Walk(mini, {})
    walk.start()
    walk.answer(4)
    walk.answer(2)
    assert walk.current.id == "B1"
    assert walk.back().id == "A2"
    assert walk.enters_dimension()  # back across the dimension border: show A again
    assert walk.value() == 2
    assert walk.back().id == "A1" and walk.value() == 4
    assert not walk.can_go_back()
    assert walk.back().id == "A1"  # stays at the first item
    walk.answer(5)
    assert walk.current.id == "A2"  # shown again, not skipped, although answered
    walk.answer(1)
    assert walk.current.id == "B1"
    assert walk.values == {"A1": 5, "A2": 1}


def test_changing_an_answer_on_the_way_back_opens_or_closes_the_condition(mini):
    walk = Walk(mini, {})
    walk.start()
    ids(walk, [3, 3, 3, 5])
    assert walk.current is None
    assert walk.back().id == "B2"  # from the end to the last asked item
    walk.answer(2)
    assert walk.current.id == "B3"  # now asked
    walk.answer(4)
    assert walk.complete
    walk.back()
    walk.back()
    walk.answer(5)  # B3 is no longer asked
    assert walk.current is None and walk.complete


def test_resume_goes_to_first_open_item_then_skips_earlier_answers(mini):
    walk = Walk(mini, {"A1": 2, "B1": 4})
    assert walk.start().id == "A2"
    walk.answer(3)
    assert walk.current.id == "B2"  # B1 answered in an earlier session: not asked again
    assert walk.back().id == "B1" and walk.value() == 4  # but reachable by going back


def test_review_steps_through_every_answer(mini):
    values = {"A1": 4, "A2": 2, "B1": 3, "B2": 5}
    walk = Walk(mini, values)
    assert walk.start() is None and walk.complete
    assert walk.review().id == "A1"
    assert ids(walk, [4, 2, 3, 5]) == ["A1", "A2", "B1", "B2"]
    assert walk.values == values
