"""The dialogue steps of the interactive check, in process with real prompt input (a
prompt_toolkit pipe): priorities after the summary, `priorities` later, then-ratings with
--before. The same in a real terminal: test_dialogue_terminal.py."""

from __future__ import annotations

import re
from pathlib import Path

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from helpers import FIXTURES
from netzkompetenz.cli import app
from netzkompetenz.io.answers_file import read_answers

DIALOGUE = FIXTURES / "dialogue"
ENTER = "\r"
CTRL_C = "\x03"
RESPONDENT = "Ali Yılmaz" + ENTER + "Stadt Musterstadt" + ENTER + "musterstadt" + ENTER


def check(args: list[str], typed: str):
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=DummyOutput()):
            return CliRunner().invoke(app, ["--data", str(DIALOGUE), *args], catch_exceptions=False)


def coordinator(answers: Path, *extra: str) -> list[str]:
    return ["check", "--role", "coordinator", "--lang", "de", "--answers", str(answers), *extra]


def test_priorities_after_the_summary_come_first_in_the_report(tmp_path):
    answers = tmp_path / "ali.json"
    # six items "trifft eher nicht zu", finish; then priority 1 = option 3 (the module
    # "Wirkung auswerten") with a reason, priority 2 = option 5 (D2: the options keep their
    # keys from pick to pick), then done
    typed = RESPONDENT + "2\r" * 6 + ENTER + "3\r" + "Wirkung <zeigen>\r" + "5\r" + ENTER + "0\r"
    result = check(coordinator(answers), typed)
    assert result.exit_code == 0, result.output
    assert "Ihre Prioritäten (freiwillig)" in result.output
    saved = read_answers(answers).priorities
    assert [(p.target, p.why) for p in saved] == [("wirkung", "Wirkung <zeigen>"), ("D2", "")]
    html = answers.with_suffix(".html").read_text(encoding="utf-8")
    assert html.index('id="priorities-1"') < html.index('class="about"')
    assert "Wirkung &lt;zeigen&gt;" in html and "<zeigen>" not in html
    order = re.findall(r'<li class="module[^"]*" data-module="([^"]+)"', html)
    assert order == ["wirkung", "moderation", "auftrag-klaeren"]  # chosen ones first


def test_priorities_later_keep_earlier_choices_until_replaced(tmp_path):
    answers = tmp_path / "ali.json"
    check(
        coordinator(answers),
        RESPONDENT + "2\r" * 6 + ENTER + "3\r" + "Grund\r" + "5\r" + ENTER + "0\r",
    )
    # Enter keeps the pre-selected first priority and its reason; Ctrl-C on the second
    result = check(["priorities", str(answers)], ENTER + ENTER + CTRL_C)
    assert result.exit_code == 130
    assert [p.target for p in read_answers(answers).priorities] == ["wirkung", "D2"]
    result = check(["priorities", str(answers), "--lang", "en"], ENTER + ENTER + "0\r")
    assert result.exit_code == 0, result.output
    assert "Saved 1 priority in" in result.output
    assert [(p.target, p.why) for p in read_answers(answers).priorities] == [("wirkung", "Grund")]


def test_a_second_check_with_before_asks_then_ratings_and_compares(tmp_path):
    first, second = tmp_path / "2025.json", tmp_path / "2026.json"
    check(coordinator(first), RESPONDENT + "2\r" * 6 + ENTER + "0\r")
    # the second check takes the role from the earlier file; the then-ratings follow the
    # items (before "all answered"), D3 is left out ("0")
    typed = RESPONDENT + "5\r" * 6 + "1\r" + "2\r" + "0\r" + ENTER + "0\r"
    result = check(
        ["check", "--lang", "de", "--answers", str(second), "--before", str(first)], typed
    )
    assert result.exit_code == 0, result.output
    assert "rückblickend für die Zeit vor der Fortbildung" in result.output
    assert read_answers(second).retro == {"D1": 1, "D2": 2}
    page = (tmp_path / "2026.before-after.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-dimension="D1"[^>]*>(.*?)</tr>', page)[1]
    cells = [re.sub("<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
    assert cells[1:6] == ["25", "100", "+75", "0", "+100"]


def test_priorities_without_a_terminal_is_refused(tmp_path):
    from helpers import run_cli

    answers = tmp_path / "ali.json"
    check(coordinator(answers), RESPONDENT + "2\r" * 6 + ENTER + "0\r")
    done = run_cli("--data", str(DIALOGUE), "priorities", str(answers), "--lang", "en", input="")
    assert done.returncode == 2
    assert "choosing priorities needs a terminal to answer in" in done.stderr
