"""`netzkompetenz check` in process: questionary reads keys from a prompt_toolkit pipe.

The keys are the ones a person presses: a digit moves the pointer to a scale point
("0" = cannot judge, "z" = back), Enter confirms. `plan` works out, with the pure walk,
which items a run asks for a given answering pattern, so the tests hold for any valid
questionnaire, the bundled ones included.
"""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.plain_text import PlainTextOutput
from typer.testing import CliRunner

from helpers import MINI, run_cli
from netzkompetenz.cli import app
from netzkompetenz.core.model import CANNOT_JUDGE, NOT_APPLICABLE, Questionnaire
from netzkompetenz.io.answers_file import read_answers, score_file
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_to_dict
from walk import (
    CONTEXT,
    FRAMEWORK,
    REFLECTION,
    bundled_coordinator,
    context_choices,
    framework_of,
    items_of,
    plan,
    reflections_of,
)

ENTER = "\r"
CTRL_C = "\x03"
RESPONDENT = "Alex Beispiel" + ENTER + "Stadt Musterstadt" + ENTER + "T-01" + ENTER
NO_PRIORITIES = "0" + ENTER  # after the summary: skip choosing priorities


def key(questionnaire: Questionnaire, step: str, value) -> str:
    if step.startswith(REFLECTION):  # 1: write an example, then its text; 0: none
        return "1" + ENTER + value + ENTER if value else "0" + ENTER
    if step.startswith(FRAMEWORK):
        return {"yes": "1", "no": "2", "unknown": "3"}[value] + ENTER
    if value == CANNOT_JUDGE:
        return "0" + ENTER
    if value == NOT_APPLICABLE:
        return "9" + ENTER
    values = [p.value for p in questionnaire.scale.points]
    return str(values.index(value) + 1) + ENTER


def keys(questionnaire: Questionnaire, asked) -> str:
    return "".join(key(questionnaire, step, value) for step, value in asked)


def context_keys(questionnaire: Questionnaire, context: dict) -> str:
    return "".join(k + ENTER for k in context_choices(questionnaire, context))


def check(args: list[str], typed: str, cwd: Path | None = None, screen: io.StringIO | None = None):
    """Run `netzkompetenz check` in process with `typed` as the keyboard; the prompts'
    own text (questions, choices) goes to `screen` when given."""
    output = DummyOutput() if screen is None else PlainTextOutput(screen)
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=output):
            result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result


def flat(text: str) -> str:
    """Output with rich's line wrapping undone (it breaks at spaces and keeps them)."""
    return text.replace(" \n", " ")


@pytest.fixture
def mini_catalog() -> Catalog:
    return Catalog.load([MINI])


@pytest.fixture
def mini_q(mini_catalog) -> Questionnaire:
    return mini_catalog.questionnaire("mini")


def mini_args(answers: Path, *extra: str) -> list[str]:
    return [
        "--data",
        str(MINI),
        "check",
        "--role",
        "coordinator",
        "--lang",
        "de",
        "--answers",
        str(answers),
        *extra,
    ]


def result_of(catalog: Catalog, path: Path) -> dict:
    return result_to_dict(score_file(catalog, path).result)


def test_full_run_saves_answers_privately_and_writes_report(tmp_path, mini_catalog, mini_q):
    answers = tmp_path / "a.json"
    asked = plan(mini_q)
    result = check(mini_args(answers), RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    saved = read_answers(answers)
    assert saved.status == "complete"
    assert saved.values == dict(asked)
    assert saved.respondent.name == "Alex Beispiel"
    assert saved.respondent.organisation == "Stadt Musterstadt"
    assert saved.respondent.tandem == "T-01"
    assert saved.profile == "mini-coordinator" and saved.language == "de"
    assert stat.S_IMODE(answers.stat().st_mode) == 0o600
    out = result.output
    assert f"gespeichert in:\n  {answers}" in out
    assert "A · Netzwerkwissen" in out and "Wissen über Netzwerke." in out
    # mini has a conditional item (B3): the total is fixed up front and said as an estimate
    assert "Dimension 1/2 · Frage 1 von etwa 5" in out
    assert "Dimension 2/2 · Frage 3 von etwa 5" in out
    assert "Etwa 5 Fragen, etwa 2 Minuten." in flat(out)
    assert "„kann ich nicht einschätzen“ (Taste 0) ist kein niedriger Wert" in flat(out)
    assert "Wissen über Netzwerke." in out
    assert "Ihr Kompetenzprofil" in out and "Netzwerkwissen" in out
    report = answers.with_suffix(".html")
    assert report.is_file()
    assert "Alex Beispiel" in report.read_text(encoding="utf-8")
    assert f"Bericht: {report}" in out


def test_markdown_report_and_english(tmp_path, mini_q):
    answers, report = tmp_path / "a.json", tmp_path / "out" / "profil.md"
    report.parent.mkdir()
    asked = plan(mini_q)
    args = mini_args(answers, "--report", str(report))
    args[args.index("de")] = "en"
    result = check(args, RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    assert "Dimension 2/2 · Question 3 of about 5" in result.output
    assert "Network knowledge" in result.output
    assert read_answers(answers).language == "en"
    assert report.is_file() and not answers.with_suffix(".html").exists()


def test_back_changes_an_earlier_answer(tmp_path, mini_q):
    answers = tmp_path / "a.json"
    # A1=4, A2=2, then on B1 back to A2 (pre-selected 2) and change it to 5, on to B1 again.
    typed = RESPONDENT + "4\r" + "2\r" + "z\r" + "5\r" + "3\r" + "5\r" + ENTER + NO_PRIORITIES
    result = check(mini_args(answers), typed)
    assert result.exit_code == 0, result.output
    assert read_answers(answers).values == {"A1": 4, "A2": 5, "B1": 3, "B2": 5}
    # B1 was shown twice: the dimension header again after going back into A
    assert result.output.count("Dimension 2/2 · Frage 3 von etwa 5") == 2
    assert result.output.count("A · Netzwerkwissen") == 2


def test_back_from_the_end_and_cannot_judge(tmp_path, mini_catalog, mini_q):
    answers = tmp_path / "a.json"
    # B2=2 opens B3; at the end go back to B3 and say "cannot judge" instead.
    typed = (
        RESPONDENT + "1\r" + "1\r" + "0\r" + "2\r" + "4\r" + "z\r" + "0\r" + ENTER + NO_PRIORITIES
    )
    result = check(mini_args(answers), typed)
    assert result.exit_code == 0, result.output
    assert read_answers(answers).values == {
        "A1": 1,
        "A2": 1,
        "B1": CANNOT_JUDGE,
        "B2": 2,
        "B3": CANNOT_JUDGE,
    }
    dims = {d["id"]: d for d in result_of(mini_catalog, answers)["dimensions"]}
    assert dims["B"]["cannot_judge"] == 2 and dims["B"]["answered"] == 1
    # 1 of 3 answered is below the mini questionnaire's coverage of 0.5
    assert not dims["B"]["enough_answers"]
    assert "nicht genug Antworten" in result.output  # one term, as in the report


@pytest.mark.parametrize("where", ["mini", "bundled"])
def test_interrupt_then_resume_keeps_every_answer(tmp_path, where):
    if where == "mini":
        catalog, q, after = Catalog.load([MINI]), Catalog.load([MINI]).questionnaire("mini"), 3
        base = ["--data", str(MINI), "check", "--role", "coordinator", "--lang", "de"]
        context: dict = {}
    else:  # v2: context first, both no-score answers, reflections, framework checklist
        (catalog, q), after = bundled_coordinator(), 7
        base = ["check", "--role", "coordinator", "--lang", "de"]
        context = CONTEXT
    asked = plan(q, context=context)
    assert len(asked) > after
    interrupted, straight = tmp_path / "interrupted.json", tmp_path / "straight.json"
    typed_context = context_keys(q, context)

    first = check(
        base + ["--answers", str(interrupted)],
        RESPONDENT + typed_context + keys(q, asked[:after]) + CTRL_C,
    )
    assert first.exit_code == 130, first.output
    saved = read_answers(interrupted)
    assert saved.status == "partial" and saved.values == items_of(asked[:after])
    assert saved.context == context
    assert f"check --answers {interrupted} --resume" in first.output

    rest = plan(
        q,
        values=items_of(asked[:after]),
        context=context,
        reflections=reflections_of(asked[:after]),
        framework=framework_of(asked[:after]),
    )
    assert rest == asked[after:]
    second = check(
        base + ["--answers", str(interrupted), "--resume"], keys(q, rest) + ENTER + NO_PRIORITIES
    )
    assert second.exit_code == 0, second.output
    answered = len(items_of(asked[:after]))
    position = f"Frage {answered + 1} von"
    assert position in second.output and f"Frage {answered} von" not in second.output

    uninterrupted = check(
        base + ["--answers", str(straight)],
        RESPONDENT + typed_context + keys(q, asked) + ENTER + NO_PRIORITIES,
    )
    assert uninterrupted.exit_code == 0, uninterrupted.output
    for saved in (read_answers(interrupted), read_answers(straight)):
        assert saved.values == items_of(asked) and saved.status == "complete"
        assert saved.context == context
        assert saved.reflections == reflections_of(asked)
        assert saved.framework == framework_of(asked)
    assert result_of(catalog, interrupted) == result_of(catalog, straight)
    if where == "bundled":
        assert set(items_of(asked).values()) >= {CANNOT_JUDGE, NOT_APPLICABLE}
        assert any(reflections_of(asked).values()) and set(framework_of(asked).values()) == {
            "yes",
            "no",
            "unknown",
        }
        # the context decides: K1_09 is for independent providers, K1_13 for administrations
        assert "K1_09" in items_of(asked) and "K1_13" not in items_of(asked)
        assert "Rahmenbedingungen" in uninterrupted.output


def test_check_on_a_partial_file_asks_and_continues(tmp_path, mini_q):
    answers = tmp_path / "a.json"
    asked = plan(mini_q)
    check(mini_args(answers), RESPONDENT + keys(mini_q, asked[:2]) + CTRL_C)
    # no --resume: the tool says what it found and offers to continue (the first choice)
    result = check(mini_args(answers), ENTER + keys(mini_q, asked[2:]) + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    # counted as the progress line counts ("Frage 3 von etwa 5"), not another way
    assert "2 von etwa 5 Fragen beantwortet" in result.output
    assert "Frage 3 von etwa 5" in result.output
    assert read_answers(answers).values == dict(asked)


def test_complete_file_report_only_or_start_over(tmp_path, mini_q):
    answers = tmp_path / "a.json"
    asked = plan(mini_q)
    check(mini_args(answers), RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES)
    report = answers.with_suffix(".html")
    report.unlink()
    again = check(mini_args(answers), ENTER)  # 1 = only summary and report
    assert again.exit_code == 0, again.output
    assert "Selbstcheck abgeschlossen" in again.output and report.is_file()
    assert read_answers(answers).values == dict(asked)

    # 3 = start over: respondent pre-filled (Enter keeps it), every item asked again
    over = check(mini_args(answers), "3\r" + ENTER * 3 + "5\r" * 4 + ENTER + NO_PRIORITIES)
    assert over.exit_code == 0, over.output
    saved = read_answers(answers)
    assert saved.values == {"A1": 5, "A2": 5, "B1": 5, "B2": 5}
    assert saved.respondent.name == "Alex Beispiel"


def test_changed_questionnaire_asks_changed_and_new_items(tmp_path, mini_q):
    answers = tmp_path / "a.json"
    asked = plan(mini_q)
    check(mini_args(answers), RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES)
    # a newer version of the questionnaire: A1 reworded, A3 added, B3 removed
    data = tmp_path / "data"
    (data / "questionnaires").mkdir(parents=True)
    (data / "profiles").mkdir()
    (data / "profiles" / "mini.yaml").write_text(
        (MINI / "profiles" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    source = (MINI / "questionnaires" / "mini.yaml").read_text(encoding="utf-8")
    source = source.replace('version: "1.0"', 'version: "1.1"')
    source = source.replace("Ich kenne die Netzwerkarten.", "Ich kenne alle Netzwerkarten.")
    start_b3 = source.index("  - id: B3")
    source = source[:start_b3] + (
        "  - id: A3\n    dimension: A\n    kind: knowledge\n"
        "    text: {de: Ich kenne die Akteure vor Ort., en: I know the local actors.}\n"
    )
    (data / "questionnaires" / "mini.yaml").write_text(source, encoding="utf-8")

    args = ["--data", str(data), "check", "--answers", str(answers), "--resume"]
    # asked: A1 (changed), then A3 (new)
    result = check(args, "2\r" + "3\r" + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Version 1.0 → 1.1" in out
    assert "Neue Fragen" in out and "A3 Ich kenne die Akteure vor Ort." in out
    assert "Geänderte Fragen" in out and "A1 Ich kenne alle Netzwerkarten." in out
    assert "Entfallene Fragen" in out and "B3" in out
    saved = read_answers(answers)
    assert saved.questionnaire.version == "1.1"
    expected = {**dict(asked), "A1": 2, "A3": 3}
    expected.pop("B3", None)
    assert saved.values == expected


def test_default_answers_file_in_the_user_data_folder(tmp_path, monkeypatch, mini_q, user_data):
    monkeypatch.chdir(tmp_path)
    asked = plan(mini_q)
    # no --lang, no --answers: the language is asked first (1 = Deutsch)
    args = ["--data", str(MINI), "check", "--role", "coordinator"]
    result = check(args, "1\r" + RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.iterdir())  # nothing personal in the folder it was started in
    files = list(user_data.glob("netzkompetenz-coordinator-*.json"))
    assert len(files) == 1 and read_answers(files[0]).values == dict(asked)
    assert files[0].with_suffix(".html").is_file()
    assert f"gespeichert in:\n  {files[0]}" in result.output  # where they are, said up front


def test_bare_resume_finds_the_partial_file(tmp_path, monkeypatch, mini_q, user_data):
    monkeypatch.chdir(tmp_path)
    asked = plan(mini_q)
    base = ["--data", str(MINI), "check", "--role", "coordinator", "--lang", "de"]
    first = check(base, RESPONDENT + keys(mini_q, asked[:1]) + CTRL_C)
    assert first.exit_code == 130
    (path,) = user_data.glob("netzkompetenz-coordinator-*.json")
    assert f"check --answers {path} --resume" in first.output
    # the long path on a line of its own, not run on after other words (UX m29)
    assert f"Unterbrochen. Ihre Antworten (1) sind gespeichert in:\n  {path}\n" in first.output
    result = check(base + ["--resume"], keys(mini_q, asked[1:]) + ENTER + NO_PRIORITIES)
    assert result.exit_code == 0, result.output
    assert read_answers(path).values == dict(asked)


def _age(path: Path, days: int) -> None:
    """Make an answers file look as if it was started and saved `days` ago."""
    import os
    from datetime import UTC, datetime, timedelta

    doc = json.loads(path.read_text(encoding="utf-8"))
    then = datetime.now(UTC) - timedelta(days=days)
    doc["started"] = doc["updated"] = then.isoformat()
    path.write_text(json.dumps(doc), encoding="utf-8")
    os.utime(path, (then.timestamp(), then.timestamp()))


def test_a_plain_check_on_another_day_offers_to_continue(tmp_path, monkeypatch, mini_q, user_data):
    from netzkompetenz.i18n import format_date

    monkeypatch.chdir(tmp_path)
    asked = plan(mini_q)
    base = ["--data", str(MINI), "check"]
    first = check(base, "1\r" + "1\r" + RESPONDENT + keys(mini_q, asked[:2]) + CTRL_C)
    assert first.exit_code == 130, first.output
    (path,) = user_data.glob("netzkompetenz-coordinator-*.json")
    _age(path, 3)  # three days later, the same plain command
    started = read_answers(path).started
    # 1 = yes, continue: no language, role or name asked again; on at question 3
    screen = io.StringIO()
    result = check(base, "1\r" + keys(mini_q, asked[2:]) + ENTER + NO_PRIORITIES, screen=screen)
    assert result.exit_code == 0, result.output
    assert (
        f"Unvollständiger Selbstcheck vom {format_date(started)} gefunden "
        "(2 von etwa 5 Fragen) – fortsetzen?"
    ) in " ".join(screen.getvalue().split())
    assert "Frage 3 von etwa 5" in result.output and "Frage 2 von" not in result.output
    assert read_answers(path).values == dict(asked) and read_answers(path).status == "complete"
    assert len(list(user_data.glob("*.json"))) == 1


def test_declining_the_offer_starts_a_new_check_beside_the_old(tmp_path, mini_q, user_data):
    asked = plan(mini_q)
    base = ["--data", str(MINI), "check", "--role", "coordinator", "--lang", "en"]
    assert check(base, RESPONDENT + keys(mini_q, asked[:1]) + CTRL_C).exit_code == 130
    (old,) = user_data.glob("*.json")
    screen = io.StringIO()
    result = check(
        base, "2\r" + RESPONDENT + keys(mini_q, asked) + ENTER + NO_PRIORITIES, screen=screen
    )
    assert result.exit_code == 0, result.output
    assert "Incomplete self-check of" in screen.getvalue()
    new = [p for p in user_data.glob("*.json") if p != old]
    assert len(new) == 1 and read_answers(new[0]).status == "complete"
    assert read_answers(old).status == "partial"


def test_report_into_a_missing_folder_is_refused_before_the_first_question(tmp_path):
    result = check(mini_args(tmp_path / "a.json", "--report", str(tmp_path / "no" / "r.md")), "")
    assert result.exit_code == 2
    assert "Den Ordner" in result.output and not (tmp_path / "no").exists()
    assert not (tmp_path / "a.json").exists()


def test_resume_without_a_partial_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check(["--data", str(MINI), "check", "--resume"], "")
    assert result.exit_code == 2
    assert "Keine unvollständige Antwortdatei" in result.output


def test_interrupt_before_anything_is_saved(tmp_path):
    answers = tmp_path / "a.json"
    result = check(mini_args(answers), "Alex" + CTRL_C)
    assert result.exit_code == 130
    assert "Es wurde noch nichts gespeichert." in result.output
    assert "Neu beginnen mit:" in result.output
    assert "--resume" not in result.output
    assert not answers.exists()


def test_bad_values_in_answers_file_are_reported_with_position(tmp_path, mini_q):
    answers = tmp_path / "a.json"
    check(mini_args(answers), RESPONDENT + keys(mini_q, plan(mini_q)[:2]) + CTRL_C)
    doc = json.loads(answers.read_text(encoding="utf-8"))
    doc["values"]["A2"] = 9
    answers.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = check(mini_args(answers, "--resume"), "")
    assert result.exit_code == 2
    assert f"{answers}:" in result.output and "A2" in result.output
    assert "Traceback" not in result.output


def test_without_a_terminal_the_real_cli_refuses(tmp_path):
    result = run_cli(
        "--data",
        str(MINI),
        "check",
        "--role",
        "coordinator",
        "--answers",
        str(tmp_path / "a.json"),
        input="4\n",
    )
    assert result.returncode == 2
    # the other ways in, with the --data folder of this run (typed again, the same content)
    said = " ".join(result.stderr.split())
    assert f"netzkompetenz --data {MINI.absolute()} score" in said
    assert f"netzkompetenz --data {MINI.absolute()} batch" in said
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "a.json").exists()


@pytest.mark.parametrize(
    "option, value, message",
    [
        ("--lang", "fr", "Invalid value for '--lang': Value error, 'fr' is not one of 'de', 'en'"),
        ("--role", "mayor", "Invalid value for '--role'"),
        ("--report", "x.pdf", ".md- oder .html-Datei"),
    ],
)
def test_bad_options(tmp_path, option, value, message):
    result = check(["--data", str(MINI), "check", option, value], "")
    assert result.exit_code == 2
    assert message in result.output
