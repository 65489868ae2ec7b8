"""The README's quick start, followed as a person would: a fresh clone of this repository,
the README's self-check command typed into a real terminal (tmux, 80x24), the check
interrupted and resumed with the command it printed, finished, then the command it printed
for later and the README's lines for another day. Every command typed here is one the
README or the tool printed; each must end with exit status 0 (130 for the interruption).

The clone is of the committed state (`git clone` of this checkout); the README's command
installs it into a fresh virtual environment, from the package index pip is set up with.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT, Terminal, require_tool
from walk import CONTEXT, answer_items, bundled_coordinator, give_context, items_of, plan

pytestmark = pytest.mark.terminal
INSTALL_TIMEOUT = 600.0  # the first command creates a virtual environment and installs


def quick_start() -> dict[str, list[str]]:
    """The command lines of the README's quick start, by the language of their block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[
        readme.index("## Quick start") : readme.index("\n## ", readme.index("## Quick start") + 3)
    ]
    blocks: dict[str, list[str]] = {}
    for lang, body in re.findall(r"```(\w+)\n(.*?)```", section, flags=re.S):
        blocks.setdefault(lang, []).extend(body.strip().splitlines())
    return blocks


def test_the_quick_start_has_two_commands_and_the_lines_for_another_day():
    blocks = quick_start()
    setup_check, setup_tests, *later = blocks["sh"]
    assert setup_check.endswith(".venv/bin/netzkompetenz check")
    assert setup_tests.endswith(".venv/bin/python -m pytest")
    # .ci/run runs the README's test command verbatim
    assert setup_tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/netzkompetenz check" in later
    windows = blocks["powershell"]
    assert windows[0].endswith(r".venv\Scripts\netzkompetenz check")
    assert r".venv\Scripts\netzkompetenz list --mine" in windows


def line_after(screen: str, label: str) -> str:
    """The line printed after the last line ending in `label` (a hint's command), as the
    person would copy it (the sentence before it may be wrapped over lines)."""
    lines = screen.splitlines()
    index = max(n for n, line in enumerate(lines) if line.rstrip().endswith(label))
    return lines[index + 1].strip()


@pytest.fixture
def clone(tmp_path) -> Path:
    git = require_tool("git")
    target = tmp_path / "netzkompetenz"
    subprocess.run([git, "clone", "-q", str(ROOT), str(target)], check=True, timeout=120)
    return target


def test_from_a_fresh_clone_to_a_finished_check_and_every_printed_hint(clone, user_data, artifacts):
    _, q = bundled_coordinator()
    asked = plan(q, context=CONTEXT)
    fifth = [n for n, (step, _) in enumerate(asked) if step in items_of(asked)][4] + 1
    term = Terminal(80, 24)
    try:
        term.start(clone)
        setup_check = quick_start()["sh"][0]
        term.type(setup_check)
        term.wait_for("Sprache / Language", after="English", timeout=INSTALL_TIMEOUT)
        term.send("Enter")  # Deutsch
        term.wait_for("In welcher Rolle", after="Führungskraft")
        term.send("Enter")  # coordinator
        term.wait_for("Name oder Pseudonym:")
        term.type("Alex Beispiel")
        term.wait_for("Organisation / Kommune")
        term.send("Enter")
        term.wait_for("Tandem-Kennung")
        term.type("musterstadt")
        give_context(term, q, CONTEXT)
        answer_items(term, q, asked[:fifth])  # five items (and a reflection between)
        term.wait_for("Frage 6 von", after="0) ")
        term.send("C-c")
        assert term.finished() == 130
        resume = line_after(term.screen(history=True), "Fortsetzen mit:")
        # the program by its absolute path: the hint works in a new terminal, in any folder
        assert resume.startswith(f"{clone}/.venv/bin/netzkompetenz check --answers ")
        assert str(user_data) in resume  # the answers are in the person's data folder

        term.type(resume)  # the hint, exactly as printed
        answer_items(term, q, asked[fifth:], first_index=6)
        term.wait_for("Alle Fragen sind beantwortet.")
        term.send("Enter")
        term.wait_for("Priorität 1 von 3", after="0 = fertig")
        term.send("0", "Enter")  # no own priorities now
        assert term.finished() == 0
        screen = term.screen(history=True)
        report = Path(re.findall(r"^Bericht: (.+)$", screen, flags=re.M)[-1].strip())
        assert report.is_file() and report.parent == user_data
        later = line_after(screen, "später:")  # „Ihre Selbstchecks und Berichte später:“
        assert later == f"{clone}/.venv/bin/netzkompetenz list --mine"
        hints = [resume, later]

        term.type(later)
        assert term.finished() == 0
        mine = term.screen(history=True)
        assert "vollständig" in mine and report.name in mine.replace("\n", "")

        for line in quick_start()["sh"][2:]:  # the README's lines for another day
            if line.endswith(" check"):
                continue  # a new check would start: shown above already
            term.type(line)
            assert term.finished() == 0, line
        hints += tandem_conversation(term, clone)
        (artifacts / "readme-tmux.txt").write_text(term.screen(history=True), encoding="utf-8")
    finally:
        term.close()

    # the next day, a new terminal window in the home folder: every hint typed as printed
    home = clone.parent / "home"
    home.mkdir()
    term = Terminal(80, 24)
    try:
        term.start(home, {"HOME": str(home)})
        for hint in hints:
            term.type(hint)
            if " check " in hint:  # the resume of a finished check: summary and report again
                term.wait_for("Wie möchten Sie weitermachen?", after="3) ", timeout=60)
                term.send("1", "Enter")
            if " agree " in hint:  # the agreement again: kept as it is with Enter
                term.wait_for("Vereinbarte Priorität 1 von 3", after="0) überspringen")
                term.send("Enter")
                term.wait_for("Warum diese?", after="Zuerst")
                term.send("Enter")
                term.wait_for("Vereinbarte Priorität 2 von 3", after="» 0) fertig")
                term.send("Enter")
            assert term.finished() == 0, hint
        screen = term.screen(history=True)
        assert "No such file" not in screen and "not found" not in screen
        (artifacts / "readme-tmux-home.txt").write_text(screen, encoding="utf-8")
    finally:
        term.close()


def tandem_conversation(term: Terminal, clone: Path) -> list[str]:
    """The leader's check in the same terminal, then compare --guide, agree and the next
    commands as printed; no file name typed by hand. Returns the hints printed on the way."""
    catalog, _ = bundled_coordinator()
    lq = catalog.questionnaire_of(catalog.profile_for_role("leader"))
    screen = term.screen(history=True)
    coordinator = re.findall(r"^Antworten: (.+)$", screen, flags=re.M)[-1].strip()
    term.type(".venv/bin/netzkompetenz check --role leader --lang de")
    term.wait_for("Name oder Pseudonym:")
    term.type("Jens Leitung")
    term.wait_for("Organisation / Kommune")
    term.send("Enter")
    term.wait_for("Tandem-Kennung")
    term.type("musterstadt")
    give_context(term, lq, CONTEXT)
    answer_items(term, lq, plan(lq, context=CONTEXT))
    term.wait_for("Alle Fragen sind beantwortet.")
    term.send("Enter")
    term.wait_for("Priorität 1 von 3", after="0 = fertig")
    term.send("0", "Enter")
    assert term.finished() == 0
    screen = term.screen(history=True)
    leader = re.findall(r"^Antworten: (.+)$", screen, flags=re.M)[-1].strip()
    assert leader != coordinator

    term.type(f".venv/bin/netzkompetenz compare {leader} {coordinator} --guide -o guide.html")
    assert term.finished() == 0
    agree = line_after(term.screen(history=True), "gemeinsam mit:")
    assert agree.startswith(f"{clone}/.venv/bin/netzkompetenz agree ")
    term.type(agree)
    term.wait_for("Vereinbarte Priorität 1 von 3", after="0) überspringen")
    term.send("1", "Enter")
    term.wait_for("Warum diese?")
    term.send("-l", "Zuerst")
    term.send("Enter")
    term.wait_for("Vereinbarte Priorität 2 von 3", after="0) fertig")
    term.send("0", "Enter")
    assert term.finished() == 0
    screen = term.screen(history=True)
    following = [
        line.strip() for line in screen[screen.rindex("Als Nächstes:") :].splitlines()[1:4]
    ]
    assert [line.split()[1] for line in following] == ["plan", "report", "report"]
    for line in following:
        term.type(line)
        assert term.finished() == 0, line
    assert "Vereinbarte Prioritäten" in term.screen(history=True).split(following[-1])[-1]
    return [agree, *following]
