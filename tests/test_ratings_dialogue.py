"""Ratings by others in the dialogue (issue 24 item 4): `compare --guide --ratings` and
`agree --ratings` turn the self–other differences beyond measurement noise into questions
for the conversation – questions, never verdicts; within noise, nothing."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from helpers import Terminal, run_cli
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.ratings import rated_items
from netzkompetenz.io.answers_file import write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.ratings_file import new_rating
from test_dialogue_bundled import answer


@pytest.fixture
def tandem(tmp_path: Path) -> tuple[Path, Path]:
    catalog = Catalog.load([])
    leader, coordinator = tmp_path / "lea.json", tmp_path / "kim.json"
    answer(catalog, "leader", "Lea", leader, middle=3)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3)
    return leader, coordinator


def rating(tmp_path: Path, name: str, relation: str, value: int, n: int = 0) -> Path:
    """A rating of Kim (coordinator): `value` as meant on every statement asked."""
    catalog = Catalog.load([])
    q = catalog.questionnaire("netzwerkkoordination")
    found = new_rating(q, Respondent(name="Kim"), relation, None, "de")  # type: ignore[arg-type]  # a Relation
    found.values = {i.id: (6 - value if i.reverse else value) for i in rated_items(q, relation)}
    found.status = "complete"
    path = tmp_path / f"{name}-{n}.json"
    write_answers(path, found)
    return path


def test_the_guide_asks_about_what_others_see(tmp_path, tandem):
    leader, coordinator = tandem
    # Kim answered 3 on most statements; her leader sees 5 everywhere (a hidden strength
    # beyond noise), three partners see 3 (within noise: no question)
    ratings = [rating(tmp_path, "lea", "leader", 5)]
    ratings += [rating(tmp_path, "partner", "partner", 3, n) for n in range(3)]
    guide = tmp_path / "guide.md"
    more = [a for r in ratings for a in ("--ratings", str(r))]
    done = run_cli(
        "compare", str(leader), str(coordinator), "--guide", "-o", str(guide), *more,
        "--lang", "de",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = guide.read_text(encoding="utf-8")
    section = page.split("## Wie andere es sehen: Fragen für das Gespräch")[1].split("\n## ")[0]
    assert "Zur Entwicklung, nicht zur Beurteilung." in section
    questions = re.findall(r"^- (.+)$", section, re.M)
    assert questions and all(q.endswith("?") for q in questions)
    assert all("Führungskraft (1)" in q and "Kim" in q for q in questions)
    assert not any("Netzwerkpartner" in q for q in questions)  # within noise: no question
    assert any(q.startswith("K4 ") for q in questions)
    # the same without ratings: no such section
    plain = tmp_path / "plain.md"
    done = run_cli("compare", str(leader), str(coordinator), "--guide", "-o", str(plain))
    assert done.returncode == 0 and "Wie andere es sehen" not in plain.read_text()


def test_a_rating_of_neither_is_refused(tmp_path, tandem):
    leader, coordinator = tandem
    other = rating(tmp_path, "lea", "leader", 5)
    text = other.read_text(encoding="utf-8").replace('"Kim"', '"Karl"')
    other.write_text(text, encoding="utf-8")
    done = run_cli(
        "compare", str(leader), str(coordinator), "--guide", "-o", str(tmp_path / "g.md"),
        "--ratings", str(other),
    )  # fmt: skip
    assert done.returncode == 2 and str(other) in done.stderr and "Karl" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "g.md").exists()


@pytest.mark.terminal
def test_agree_shows_the_questions_before_the_choice(tmp_path, tandem):
    leader, coordinator = tandem
    lea = rating(tmp_path, "lea", "leader", 5)
    term = Terminal(80, 24)
    try:
        term.start(tmp_path)
        term.type(
            f"{sys.executable} -m netzkompetenz agree {leader} {coordinator} "
            f"--ratings {lea} -o {tmp_path / 'agreed.yaml'} --lang de"
        )
        term.wait_for("Vereinbarte Priorität 1 von 3", after="0) überspringen")
        history = term.screen(history=True)
        assert "Wie andere es sehen: Fragen für das Gespräch" in history
        assert "Zur Entwicklung, nicht zur Beurteilung." in history
        term.send("C-c")
        assert term.finished() == 130
    finally:
        term.close()
