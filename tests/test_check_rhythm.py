"""The check's answering rhythm in a real terminal (tmux, 80x24): a digit and Enter at the
"example?" prompt after a dimension leaves the example out (it is the default) instead of
opening the text field, where the next digit would become the example (UX review m7)."""

from __future__ import annotations

import shlex
import sys

import pytest

from helpers import ROOT, Terminal
from netzkompetenz.io.answers_file import read_answers
from walk import CONTEXT, REFLECTION, answer_items, bundled_coordinator, give_context, plan

pytestmark = pytest.mark.terminal


def test_a_rating_digit_at_the_example_prompt_does_not_open_the_text_field(tmp_path):
    _, q = bundled_coordinator()
    asked = plan(q, context=CONTEXT)
    first = next(n for n, (step, _) in enumerate(asked) if step.startswith(REFLECTION))
    dimension = asked[first][0][len(REFLECTION) :]
    answers = tmp_path / "a.json"
    term = Terminal(80, 24)
    try:
        term.start(tmp_path, env={"PYTHONPATH": str(ROOT / "src")})
        term.type(
            f"{shlex.quote(sys.executable)} -m netzkompetenz check --role coordinator "
            f"--lang de --answers {answers}"
        )
        term.wait_for("Name oder Pseudonym:")
        term.type("Alex")
        term.wait_for("Organisation")
        term.send("Enter")
        term.wait_for("Tandem")
        term.send("Enter")
        give_context(term, q, CONTEXT)
        answer_items(term, q, asked[:first])
        term.wait_for("0) Kein Beispiel, weiter")
        term.send("3", "Enter")  # the rhythm of the ratings before
        n = sum(1 for step, _ in asked[:first] if not step.startswith(REFLECTION)) + 1
        term.wait_for(f"Frage {n}", after="0) ")  # the next statement, no text field
        assert "Ihr Beispiel" not in term.screen()
        term.send("C-c")
        assert term.finished() == 130
    finally:
        term.close()
    saved = read_answers(answers)
    assert not saved.reflections.get(dimension)
    assert len(saved.values) == n - 1
