"""`netzkompetenz check` in a real terminal, as a person runs it (helpers.Terminal: tmux
with a private server, keys sent with send-keys, the screen read with capture-pane). Every
wait polls the screen for text (no fixed sleeps); PROMPT_TOOLKIT_NO_CPR=1 spares the
cursor-position query.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from helpers import FIXTURES, Terminal
from netzkompetenz.core.answers import Respondent
from netzkompetenz.core.scoring import score
from netzkompetenz.io.answers_file import new_answers, read_answers, score_file, write_answers
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_to_dict
from walk import (
    CONTEXT,
    REFLECTION,
    answer_items,
    bundled_coordinator,
    framework_of,
    give_context,
    items_of,
    plan,
    reflections_of,
)

pytestmark = pytest.mark.terminal

INSTRUCTION = "(Pfeiltasten oder Ziffer, dann Enter)"
LIVE_ITEM = "0) "  # the choice list is on screen only while the item's prompt is live
TIMEOUT = 20.0


@pytest.fixture
def term():
    session = Terminal(130, 50)
    yield session
    session.close()


def give_respondent(term: Terminal) -> None:
    term.wait_for("Name oder Pseudonym:")
    term.type("Alex <b>Beispiel</b>")
    term.wait_for("Organisation / Kommune (optional):")
    term.type("Stadt Musterstadt")
    term.wait_for("Tandem-Kennung")
    term.send("Enter")


def test_full_coordinator_check_in_a_terminal(term, tmp_path, artifacts):
    catalog, q = bundled_coordinator()
    profile = catalog.profile_for_role("coordinator")
    asked = plan(q, context=CONTEXT)
    answers = tmp_path / "selbstcheck.json"
    term.start_program(["check", "--role", "coordinator", "--answers", str(answers)], tmp_path)

    term.wait_for("Sprache / Language", after="English")  # the first prompt
    term.send("Enter")  # Deutsch
    give_respondent(term)
    give_context(term, q, CONTEXT)
    screen = term.wait_for("Frage 1 von", after=LIVE_ITEM)
    assert str(answers) in term.screen(history=True)  # where the answers go, said up front
    first_dim = q.dimensions[0]
    assert first_dim.title["de"] in screen and f"Dimension 1/{len(q.dimensions)}" in screen
    answer_items(term, q, asked)
    term.wait_for("Alle Fragen sind beantwortet.", after=INSTRUCTION)
    term.send("Enter")
    # after the summary: the first option (the top recommendation) as priority, with a reason
    term.wait_for("Priorität 1 von 3", after="0 = fertig")
    term.send("1", "Enter")
    term.wait_for("Warum diese?")
    term.type("Damit fange ich an")
    term.wait_for("Priorität 2 von 3", after="0 = fertig")
    term.send("0", "Enter")
    final = term.wait_for("Bericht:")
    assert term.finished() == 0
    history = term.screen(history=True)
    (artifacts / "check-tmux-final.txt").write_text(history, encoding="utf-8")
    # the summary of content 3.0 (67 items, cautions) is taller than the screen: its heading
    # has scrolled up by the end
    assert "Ihr Kompetenzprofil" in history and "Empfohlene Module" in final

    saved = read_answers(answers)
    assert saved.status == "complete" and saved.values == items_of(asked)
    assert saved.context == CONTEXT and saved.framework == framework_of(asked)
    assert saved.reflections == reflections_of(asked)
    assert saved.respondent.name == "Alex <b>Beispiel</b>"
    scored = score_file(catalog, answers)
    assert result_to_dict(scored.result) == result_to_dict(
        score(q, profile, items_of(asked), CONTEXT)
    )
    top = scored.result.recommendations[0].module
    assert [(p.module, p.why) for p in saved.priorities] == [(top, "Damit fange ich an")]
    report = answers.with_suffix(".html").read_text(encoding="utf-8")
    assert "Alex &lt;b&gt;Beispiel&lt;/b&gt;" in report and "<b>Beispiel" not in report


def test_ctrl_c_after_the_seventh_item_then_resume(term, tmp_path, artifacts):
    catalog, q = bundled_coordinator()
    profile = catalog.profile_for_role("coordinator")
    asked = plan(q, context=CONTEXT)
    answers = tmp_path / "a.json"
    args = ["check", "--role", "coordinator", "--lang", "de", "--answers", str(answers)]
    term.start_program(args, tmp_path)
    give_respondent(term)
    give_context(term, q, CONTEXT)
    # the seventh item (a reflection may come before it: count items, not steps)
    seventh = [n for n, (step, _) in enumerate(asked) if step in items_of(asked)][6] + 1
    answer_items(term, q, asked[:seventh])
    if asked[seventh][0].startswith(REFLECTION):  # stopped on a reflection: resumed there
        term.wait_for("0) Kein Beispiel, weiter")
    else:
        term.wait_for("Frage 8 von", after=LIVE_ITEM)
    term.send("C-c")
    screen = term.wait_for("Fortsetzen mit:")
    assert term.finished() == 130
    assert f"check --answers {answers} --resume" in screen.replace("\n", "")
    assert read_answers(answers).values == items_of(asked[:seventh])
    assert read_answers(answers).context == CONTEXT

    term.close()
    term.start_program(args + ["--resume"], tmp_path)
    answer_items(term, q, asked[seventh:], first_index=8)
    term.wait_for("Alle Fragen sind beantwortet.", after=INSTRUCTION)
    term.send("Enter")
    term.wait_for("Priorität 1 von 3", after="0 = fertig")
    term.send("0", "Enter")  # no priorities
    term.wait_for("Bericht:")
    assert term.finished() == 0
    (artifacts / "check-tmux-resumed.txt").write_text(term.screen(history=True), encoding="utf-8")
    saved = read_answers(answers)
    assert saved.status == "complete" and saved.values == items_of(asked)
    assert saved.framework == framework_of(asked)
    # the same result as an uninterrupted run with the same answers
    assert result_to_dict(score_file(catalog, answers).result) == result_to_dict(
        score(q, profile, items_of(asked), CONTEXT)
    )


def test_a_bare_check_asks_the_language_first_and_keeps_the_choice(term, tmp_path):
    """`netzkompetenz check` as typed: the language question comes before the command line
    is built (launch.py); the choice carries over into the check, and Ctrl-C at the
    question says that nothing was saved."""
    term.start_program(["check"], tmp_path)
    term.wait_for("Sprache / Language", after="English")
    term.send("2", "Enter")  # English
    term.wait_for("In which role do you assess yourself?", after="leader")
    term.send("C-c")
    assert term.finished() == 130
    assert "Nothing was saved yet." in term.screen(history=True)

    term.close()
    term.start_program(["check"], tmp_path)
    term.wait_for("Sprache / Language", after="English")
    term.send("C-c")
    assert term.finished() == 130
    screen = term.screen(history=True)
    assert "Es wurde noch nichts gespeichert." in screen and "Traceback" not in screen
    assert not list(tmp_path.glob("*.json"))


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_terminated_or_hung_up_keeps_the_answers(term, tmp_path, mini_data, how):
    answers = tmp_path / "a.json"
    q = Catalog.load([mini_data]).questionnaire("mini")
    asked = plan(q)
    term.start_program(
        [
            "--data",
            str(mini_data),
            "check",
            "--role",
            "coordinator",
            "--lang",
            "de",
            "--answers",
            str(answers),
        ],
        tmp_path,
    )
    give_respondent(term)
    answer_items(term, q, asked[:2])
    term.wait_for("Frage 3 von", after=LIVE_ITEM)
    pid = term.program_pid()
    # Every atomic save makes a new file (temporary file + rename), hence a new inode: a
    # clock-independent sign that the handler saved once more (timestamps may be equal).
    before = answers.stat().st_ino
    if how == "SIGTERM":
        os.kill(pid, signal.SIGTERM)
        screen = term.wait_for("Fortsetzen mit:")
        assert term.finished() == 130
        assert "Ihre Antworten (2) sind gespeichert" in screen
        assert f"--data {mini_data} check --answers {answers} --resume" in screen
    else:  # the terminal goes away: tmux hangs up on the program
        term.hang_up()
        deadline = time.monotonic() + TIMEOUT
        while _alive(pid):
            assert time.monotonic() < deadline, "the program outlived its terminal"
            time.sleep(0.02)
        # the shell writes the status a moment after the program has gone
        while not term.status_file.exists() or not term.status_file.read_text().strip():
            assert time.monotonic() < deadline, "no exit status written"
            time.sleep(0.02)
        assert term.status_file.read_text().strip() == "130"
    saved = read_answers(answers)
    assert saved.status == "partial" and saved.values == dict(asked[:2])
    assert answers.stat().st_ino != before  # saved once more on the way out: the handler ran
    assert not list(tmp_path.glob(".a.json.*.tmp"))  # no half-written file left behind


def _alive(pid: int) -> bool:
    """Running (a zombie has ended: it only waits for its parent to collect the status)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_then_ratings_and_later_priorities_in_a_terminal(term, tmp_path, artifacts):
    """A second check with --before asks a then-rating per dimension (tests/fixtures/dialogue);
    `priorities` changes the priorities later without answering again."""
    data = FIXTURES / "dialogue"
    catalog = Catalog.load([data])
    q = catalog.questionnaire("d-koordination")
    first, second = tmp_path / "2025.json", tmp_path / "2026.json"
    earlier = catalog.profile("d-coordinator")
    answers = new_answers(
        q,
        earlier.id,
        Respondent(name="Alex <b>Beispiel</b>", organisation="Stadt Musterstadt"),
        "de",
    )
    answers.values = {i.id: 2 for i in q.items}
    answers.status = "complete"
    write_answers(first, answers)
    term.start_program(
        [
            "--data",
            str(data),
            "check",
            "--lang",
            "de",
            "--answers",
            str(second),
            "--before",
            str(first),
        ],
        tmp_path,
    )
    give_respondent(term)
    answer_items(term, q, [(i.id, 5) for i in q.items])
    screen = term.wait_for("Vor der Fortbildung war ich", after="z) ← zurück")
    assert "rückblickend für die Zeit vor der Fortbildung" in screen
    term.send("z", "Enter")  # back from the first then-rating to the last item, and on
    term.wait_for(f"Frage {len(q.items)} von {len(q.items)}", after=LIVE_ITEM)
    term.send("5", "Enter")
    for key, dim in (("1", "D1"), ("2", "D2"), ("0", "D3")):
        term.wait_for(f"{dim} · ", after="0) auslassen")
        term.send(key, "Enter")
    term.wait_for("Alle Fragen sind beantwortet.", after=INSTRUCTION)
    term.send("Enter")
    term.wait_for("Priorität 1 von 3", after="0 = fertig")
    term.send("0", "Enter")
    term.wait_for("Vorher/nachher:")
    assert term.finished() == 0
    (artifacts / "check-tmux-then-test.txt").write_text(term.screen(history=True), encoding="utf-8")
    assert read_answers(second).retro == {"D1": 1, "D2": 2}
    assert (tmp_path / "2026.before-after.html").is_file()

    term.close()
    term.start_program(["--data", str(data), "priorities", str(second)], tmp_path)
    screen = term.wait_for("Priorität 1 von 3", after="0 = fertig")
    # each option's gap in the summary's words (the scores are above target now)
    assert re.search(r"D1 .* · \d+ Prozentpunkte? über dem Ziel", screen) and "Lücke" not in screen
    term.send("2", "Enter")  # the second option: dimension D2 (all gaps are negative now)
    term.wait_for("Warum diese?")
    term.send("Enter")
    term.wait_for("Priorität 2 von 3", after="0 = fertig")
    term.send("0", "Enter")
    term.wait_for("gespeichert")
    assert term.finished() == 0
    assert [p.target for p in read_answers(second).priorities] == ["D2"]
