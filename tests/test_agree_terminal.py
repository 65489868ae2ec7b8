"""`agree` in a real terminal (tmux, 80x24), as a tandem uses it: the command that
`compare --guide` printed typed in a new shell in another folder, a choice with its sentence,
back, Ctrl-C, the printed command to continue typed again, and then the printed next
commands. The agreed file is read back as the tool's readers read it. The tandem's content
has a paired statement to agree on (K5_09 and F6_02 paired as P4 in a --data copy: the
bundled content has none), given in NETZKOMPETENZ_DATA as a user of their own content sets
it for every shell."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from content_copy import PAIRED, data_copy
from helpers import Terminal, run_cli
from netzkompetenz.core.dialogue import Priority
from netzkompetenz.io.answers_file import read_answers, write_answers
from netzkompetenz.io.catalog import Catalog
from test_dialogue_bundled import answer

pytestmark = pytest.mark.terminal


def printed_after(screen: str, label: str) -> str:
    """The command on the line after the last line ending in `label`."""
    lines = screen.splitlines()
    index = max(n for n, line in enumerate(lines) if line.rstrip().endswith(label))
    return lines[index + 1].strip()


@pytest.fixture
def data(tmp_path) -> Path:
    return data_copy(tmp_path / "data", *PAIRED)


@pytest.fixture
def tandem(tmp_path, data) -> tuple[Path, Path, dict[str, str]]:
    """Lea and Kim, and the environment that gives every shell their content."""
    catalog = Catalog.load([data])
    leader, coordinator = tmp_path / "lea.json", tmp_path / "kim.json"
    answer(catalog, "leader", "Lea", leader, middle=3, paired=5)
    answer(catalog, "coordinator", "Kim", coordinator, middle=3, paired=1)
    own = read_answers(coordinator)  # Kim chose one priority of her own in her check
    own.priorities = [Priority(module="tandem-werkstatt", why="gemeinsam anfangen")]
    write_answers(coordinator, own)
    return leader, coordinator, {"NETZKOMPETENZ_DATA": str(data)}


def test_the_tandem_agrees_from_the_printed_commands_in_a_new_shell(tmp_path, tandem, data):
    leader, coordinator, content = tandem
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    # the program started by a relative path, as the README's .venv/bin/netzkompetenz
    (work / "bin").symlink_to(Path(sys.executable).parent, target_is_directory=True)
    catalog = Catalog.load([data])
    lq = catalog.questionnaire_of(catalog.profile_for_role("leader"))
    cq = catalog.questionnaire_of(catalog.profile_for_role("coordinator"))

    term = Terminal(80, 24)
    try:
        term.start(work, content)
        term.type(f"bin/netzkompetenz compare {leader} {coordinator} --guide -o guide.html")
        assert term.finished() == 0
        agree = printed_after(term.screen(history=True), "gemeinsam mit:")
        assert agree == (
            f"{work}/bin/netzkompetenz agree {leader} {coordinator} -o {work}/guide.agreed.yaml"
        )
    finally:
        term.close()

    term = Terminal(80, 24)  # a new terminal window, in the home folder
    try:
        term.start(home, {"HOME": str(home), **content})
        term.type(agree)
        term.wait_for("Vereinbarte Priorität 1 von 3", after="0) überspringen")
        screen = term.screen()
        # her own priority first, keyed 1; a module in both profiles is for both
        assert "1) Priorität von Kim: Tandem-Werkstatt" in screen
        term.send("1", "Enter")
        term.wait_for("1 von 3 Priorität von Kim", after="Warum diese?")
        term.send("-l", "Gemeinsam zuerst")
        term.send("Enter")
        term.wait_for("Vereinbarte Priorität 2 von 3", after="z) ← zurück")
        term.send("z", "Enter")  # back: the first pick again, its choice pre-selected
        term.wait_for("2 von 3 ← zurück", after="0) überspringen")
        assert "» 1) Priorität von Kim" in term.screen()
        term.send("Enter")
        term.wait_for("2 von 3 ← zurück", after="Warum diese? (freiwillig, ein Satz) Gemeinsam")
        term.send("Enter")  # the sentence kept
        term.wait_for("Gemeinsam zuerst", after="z) ← zurück")
        term.send("2", "Enter")  # the first statement they see differently
        term.wait_for("\n  Unterschiedlich eingeschätzt", after="Warum diese?")  # echoed below
        term.send("Enter")
        term.wait_for("Vereinbarte Priorität 3 von 3", after="z) ← zurück")
        term.send("C-c")
        assert term.finished() == 130
        again = printed_after(term.screen(history=True), "Fortsetzen mit:")
        assert again == agree

        agreed = work / "guide.agreed.yaml"
        pair = next(i for i in lq.items if i.pair)  # the first paired statement
        partner = next(i for i in cq.items if i.pair == pair.pair)
        kept = yaml.safe_load(agreed.read_text(encoding="utf-8"))
        assert [(p["name"], p["priorities"]) for p in kept["people"]] == [
            (
                "Lea",
                [
                    {"module": "tandem-werkstatt", "why": "Gemeinsam zuerst"},
                    {"dimension": pair.dimension},
                ],
            ),
            (
                "Kim",
                [
                    {"module": "tandem-werkstatt", "why": "Gemeinsam zuerst"},
                    {"dimension": partner.dimension},
                ],
            ),
        ]

        term.type("clear")  # a clean screen: the waits below see the resumed run only
        term.wait_until(lambda lines: lines and lines[0].startswith("[exit 0]"), "a clear screen")
        term("clear-history", "-t", "t")
        term.type(again)  # resumed: both choices pre-selected, kept with Enter
        term.wait_for("Vereinbarte Priorität 1 von 3", after="» 1) Priorität von Kim")
        term.send("Enter")
        term.wait_for("1 von 3 Priorität von Kim", after="Warum diese?")
        term.send("Enter")
        term.wait_for("Vereinbarte Priorität 2 von 3", after="» 2) Unterschiedlich")
        term.send("Enter")
        term.wait_for("\n  Unterschiedlich eingeschätzt", after="Warum diese?")  # echoed below
        term.send("Enter")
        term.wait_for("Vereinbarte Priorität 3 von 3", after="z) ← zurück")
        term.send("0", "Enter")
        assert term.finished() == 0
        screen = term.screen(history=True)
        assert f"2 vereinbarte Prioritäten gespeichert in {agreed}" in screen
        assert yaml.safe_load(agreed.read_text(encoding="utf-8")) == kept
        following = screen[screen.rindex("Als Nächstes:") :].splitlines()[1:4]
        assert [line.split()[1] for line in following] == ["plan", "report", "report"]
        for line in following:  # each next command as printed, in this new shell
            term.type(line.strip())
            assert term.finished() == 0, line
        shown = term.screen(history=True)
        shown = shown[shown.rindex(following[-1].strip()) :]
        assert "Vereinbarte Prioritäten\n1. Tandem-Werkstatt\n   Gemeinsam zuerst" in shown
    finally:
        term.close()

    # the terminal shows the modules in the order of the written report
    page = tmp_path / "kim.md"
    report = ("report", str(coordinator), "--agreed", str(agreed), "-o", str(page))
    done = run_cli(*report, env=content)
    assert done.returncode == 0, done.stderr
    shown_modules = re.findall(r"^\d+\. (.+)$", shown.split("Empfohlene Module")[1], flags=re.M)
    written = re.findall(r"^### \d+\. (.+?)$", page.read_text(encoding="utf-8"), flags=re.M)
    assert shown_modules and [m.split(" (")[0] for m in written[: len(shown_modules)]] == [
        m.split(" (")[0] for m in shown_modules
    ]


def test_stopped_in_english_it_resumes_in_english(tmp_path, tandem):
    """Their answers are German, the run is English (`--lang en`): the command printed on
    Ctrl-C keeps `--lang en`, and typed again the choice continues in English."""
    leader, coordinator, content = tandem
    agreed = tmp_path / "x.agreed.yaml"
    term = Terminal(80, 24)
    try:
        term.start(tmp_path, content)
        program = Path(sys.executable).parent / "netzkompetenz"
        term.type(f"{program} agree {leader} {coordinator} -o {agreed} --lang en")
        term.wait_for("Agreed priority 1 of 3", after="0) skip")
        term.send("C-c")
        assert term.finished() == 130
        again = printed_after(term.screen(history=True), "Continue with:")
        assert again.endswith(f"-o {agreed} --lang en")
        term.type(again)
        term.wait_for("Agreed priority 1 of 3", after="0) skip")
        term.send("C-c")
        assert term.finished() == 130
    finally:
        term.close()
