"""The tandem's conversation guide in real headless Chromium: on screen (a screenshot) and
printed to PDF on A4, where it must fit on two pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import FIXTURES, pdf_pages, run_cli, screenshot
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.io.answers_file import new_answers, write_answers
from netzkompetenz.io.catalog import Catalog

pytestmark = pytest.mark.browser

DIALOGUE = FIXTURES / "dialogue"
XSS = "<script>alert(1)</script>"


def person(path: Path, profile: str, name: str, values: dict, **extra) -> Path:
    catalog = Catalog.load([DIALOGUE])
    prof = catalog.profile(profile)
    answers = new_answers(
        catalog.questionnaire_of(prof),
        prof.id,
        Respondent(name=name, organisation="Stadt Musterstadt", tandem="musterstadt"),
        "de",
    )
    answers.values, answers.status = values, "complete"
    for key, value in extra.items():
        setattr(answers, key, value)
    write_answers(path, answers)
    return path


def test_the_guide_prints_on_at_most_two_a4_pages(tmp_path, artifacts):
    leader = person(
        tmp_path / "leader.json",
        "d-leader",
        f"Petra {XSS}",
        {"L1_01": 5, "L1_02": 5, "L2_01": 1, "L2_02": 2},
        priorities=[
            Priority(module="rueckendeckung", why=XSS),
            Priority(dimension="L1", why="Auftrag schriftlich fassen"),
        ],
    )
    coordinator = person(
        tmp_path / "coordinator.json",
        "d-coordinator",
        "Ali Yılmaz",
        {"D1_01": 1, "D1_02": 2, "D2_01": 4, "D2_02": 4, "D3_01": 2, "D3_02": 1},
        priorities=[
            Priority(dimension="D1", why="Was darf ich entscheiden?"),
            Priority(module="wirkung"),
            Priority(dimension="D2"),
        ],
    )
    guide = tmp_path / "guide.html"
    done = run_cli(
        "--data",
        str(DIALOGUE),
        "compare",
        str(leader),
        str(coordinator),
        "--guide",
        "-o",
        str(guide),
    )
    assert done.returncode == 0, done.stderr
    html = guide.read_text(encoding="utf-8")
    assert XSS not in html and "&lt;script&gt;" in html
    screenshot(guide, artifacts / "guide.png")
    pages = pdf_pages(guide, artifacts / "guide.pdf")
    assert 1 <= pages <= 2, f"the guide prints on {pages} pages"
