"""Reading the result: answers listed as pulling a score down say why when they look fine;
a prerequisite is recommended too or said to be fine already."""

from __future__ import annotations

import pytest

from helpers import MINI
from netzkompetenz.core.answers import Respondent
from netzkompetenz.io.answers_file import new_answers, score_file, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.views.person_report import render_person_report


def scored(tmp_path, values):
    catalog = Catalog.load([MINI])
    q = catalog.questionnaire("mini")
    answers = new_answers(q, "mini-coordinator", Respondent(name="Pat"), "de")
    answers.values.update(values)
    answers.status = "complete"
    path = tmp_path / "a.json"
    write_answers(path, answers)
    return score_file(catalog, path)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_middle_answer_listed_as_low_says_why(tmp_path, fmt):
    # A's target 75 % is 4.0 on the 1-5 scale: "teils/teils" (3) is below it, though middle
    page = render_person_report(scored(tmp_path, {"A1": 3, "A2": 4, "B1": 5, "B2": 5}), fmt)
    assert (
        "Antworten ab der Mitte der Skala stehen hier auch: Das Ziel von 75 % ist "
        "etwa „trifft eher zu“."
    ) in " ".join(page.split())
    assert "umgekehrt gewertet" in page  # A2 is worded negatively: its own reason


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_prerequisite_not_recommended_is_fine_already(tmp_path, fmt):
    # A at 100 %: basics is not recommended; moderation (B at 0 %) requires it
    result = scored(tmp_path, {"A1": 5, "A2": 1, "B1": 1, "B2": 1, "B3": 1})
    assert [r.module for r in result.result.recommendations] == ["moderation"]
    page = render_person_report(result, fmt)
    assert "Grundlagen (laut Ihrem Profil schon gut abgedeckt)" in page


def test_a_prerequisite_without_enough_answers_says_so(tmp_path):
    result = scored(
        tmp_path, {"A1": "cannot_judge", "A2": "cannot_judge", "B1": 1, "B2": 1, "B3": 1}
    )
    page = render_person_report(result, "md")
    assert "Grundlagen (nicht genug Antworten, um zu sagen, ob Sie es brauchen)" in page
