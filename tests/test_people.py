"""The one duplicate rule (core.people): the last submission of a person counts."""

from __future__ import annotations

from netzkompetenz.core.people import Submissions, person_key


def test_person_key_ignores_case_and_spacing_but_not_the_organisation():
    assert person_key("  Anna  Beispiel ", "Stadt  X") == person_key("anna beispiel", "STADT X")
    assert person_key("Anna", "Stadt") != person_key("Anna", "Dorf")
    assert person_key("   ", "Stadt") is None  # no name: never matched by name


def test_the_last_submission_counts_by_name_or_by_id():
    s = Submissions()
    anna, bernd = person_key("Anna", "X"), person_key("Bernd", "X")
    for row, person, rid in [
        (2, anna, "1"),
        (3, bernd, "2"),
        (4, anna, "3"),
        (5, None, "2"),
        (6, anna, "4"),
        (7, None, None),
        (8, None, ""),
    ]:
        s.add(row, person, rid)
    assert s.superseded_by(2) == 4 and s.superseded_by(4) == 6  # Anna three times
    assert s.superseded_by(3) == 5  # Bernd's id again, without a name
    assert [s.superseded_by(r) for r in (5, 6, 7, 8)] == [None] * 4
