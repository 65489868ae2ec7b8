"""One language per run: with --lang de no English word of ours in any command's output, with
--lang en no German one (a few marker words per language, matched as whole words). The
outputs of every command are scanned: terminal text, messages, written reports and pages.
Not scanned: JSON keys (identifiers). Typer's own words (help headings, usage errors) are
scanned through the real command line (views/usage.py)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.plain_text import PlainTextOutput
from typer.testing import CliRunner

from helpers import FIXTURES, MINI, run_cli
from netzkompetenz.cli import app
from netzkompetenz.core.model import CANNOT_JUDGE
from netzkompetenz.io.catalog import Catalog
from walk import plan

MARKERS = {
    # words of the other language that our texts use often
    "de": [
        "Ziel",
        "Bericht",
        "geschrieben",
        "Fragen",
        "Frage",
        "nicht",
        "Stufe",
        "Punkte",
        "Empfohlene",
        "Ihre",
        "Ihr",
        "oder",
        "und",
        "Antworten",
        "Datei",
        "gibt",
    ],
    "en": [
        "target",
        "Target",
        "report",
        "Report",
        "written",
        "questions",
        "Question",
        "Level",
        "level",
        "points",
        "Recommended",
        "Your",
        "your",
        "the",
        "and",
        "not",
        "answers",
        "file",
        "with",
    ],
}
TANDEM = FIXTURES / "tandem"
LEADER = TANDEM / "answers" / "lange-2025.json"
COORDINATOR = TANDEM / "answers" / "yilmaz-2025.json"
COMPLETE = FIXTURES / "answers" / "mini-complete.json"


def other(lang: str) -> str:
    return "en" if lang == "de" else "de"


def found(text: str, lang: str) -> list[str]:
    """Marker words of the other language in `text` (paths, file names and options such as
    --answers left out: they are typed, not read)."""
    words = re.findall(r"[^\W\d_]+", re.sub(r"\S*[/\\]\S*|--[\w-]+", " ", text))
    return sorted({w for w in words if w in MARKERS[other(lang)]})


def page_text(path: Path) -> str:
    """A written page as a reader sees it: HTML without its tags and style sheet."""
    from html.parser import HTMLParser

    text = path.read_text(encoding="utf-8")
    if path.suffix != ".html":
        return text

    class Text(HTMLParser):
        parts: list[str] = []
        skip = False

        def handle_starttag(self, tag, attrs):
            self.skip = tag in ("style", "script")
            self.parts.extend(v for k, v in attrs if k in ("title", "aria-label", "alt") and v)

        def handle_endtag(self, tag):
            self.skip = False

        def handle_data(self, data):
            if not self.skip:
                self.parts.append(data)

    parser = Text()
    parser.parts = []
    parser.feed(text)
    return " ".join(parser.parts)


def invoke(args: list[str], typed: str = "") -> str:
    screen = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(typed)
        with create_app_session(input=pipe, output=PlainTextOutput(screen)):
            result = CliRunner().invoke(app, args, catch_exceptions=False)
    return result.output + screen.getvalue()


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_command_speaks_the_language_of_the_run(tmp_path, lang, user_data):
    runs: dict[str, str] = {}
    d_mini, d_tandem = ["--data", str(MINI)], ["--data", str(TANDEM)]
    runs["list"] = invoke([*d_mini, "list", "--lang", lang])
    runs["score"] = invoke([*d_mini, "score", str(COMPLETE), "--lang", lang])
    runs["report (terminal)"] = invoke([*d_mini, "report", str(COMPLETE), "--lang", lang])
    for suffix in ("md", "html"):
        out = tmp_path / f"report.{suffix}"
        runs[f"report -o {suffix}"] = invoke(
            [*d_mini, "report", str(COMPLETE), "-o", str(out), "--lang", lang]
        ) + page_text(out)
        out = tmp_path / f"compare.{suffix}"
        runs[f"compare -o {suffix}"] = invoke(
            [*d_tandem, "compare", str(LEADER), str(COORDINATOR), "-o", str(out), "--lang", lang]
        ) + page_text(out)
        out = tmp_path / f"plan.{suffix}"
        runs[f"plan -o {suffix}"] = invoke(
            [*d_tandem, "plan", str(LEADER), str(COORDINATOR), "-o", str(out), "--lang", lang]
        ) + page_text(out)
    runs["compare (terminal)"] = invoke(
        [*d_tandem, "compare", str(LEADER), str(COORDINATOR), "--lang", lang]
    )
    runs["plan (terminal)"] = invoke(
        [*d_tandem, "plan", str(LEADER), str(COORDINATOR), "--lang", lang]
    )
    runs["validate"] = invoke(
        ["validate", str(MINI / "questionnaires" / "mini.yaml"), "--lang", lang]
    )
    runs["error"] = invoke(["report", str(tmp_path / "missing.json"), "--lang", lang])
    runs["refusal"] = invoke(
        [*d_mini, "report", str(COMPLETE), "-o", str(tmp_path / "no" / "r.md"), "--lang", lang]
    )

    # the check: a run interrupted, then resumed and finished; then list --mine
    q = Catalog.load([MINI]).questionnaire("mini")
    asked = plan(q)
    keys = "".join(("0" if v == CANNOT_JUDGE else str(v)) + "\r" for _, v in asked)
    base = [*d_mini, "check", "--role", "coordinator", "--lang", lang]
    runs["check (interrupted)"] = invoke(base, "Alex\r\r\r" + keys[:4] + "\x03")
    runs["check (resumed)"] = invoke(base, "1\r" + keys[4:] + "\r" + "0\r")  # 0: no priorities
    runs["list --mine"] = invoke([*d_mini, "list", "--mine", "--lang", lang])

    mixed = {name: found(text, lang) for name, text in runs.items() if found(text, lang)}
    assert not mixed, "\n".join(f"{name}: {words}\n{runs[name]}" for name, words in mixed.items())
    assert all(runs.values())


WRONG_CALLS = {
    "unknown option": ["report", "--bogus"],
    "missing argument": ["report"],
    "bad choice": ["export", "x", "--format", "foo", "-o", "y.csv"],
    "unknown command": ["scor"],
    "option without value": ["report", "x.json", "-o"],
    "too many arguments": ["export", "a", "b", "--format", "csv-template", "-o", "y.csv"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_typers_own_words_are_in_the_language_of_the_run(tmp_path, lang):
    """Usage errors and help pages as a person sees them from the real command line (Typer
    writes these in English; cli.main says them again through our catalog)."""
    import os
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "netzkompetenz", "--lang", lang, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
            env={**os.environ, "COLUMNS": "80"},  # a standard terminal: help lines wrap
        )

    def words(text: str) -> list[str]:
        # command names ("netzkompetenz report", the help's list of commands) are typed, not read
        text = re.sub(r"(?m)^  [a-z]+(?= )", " ", text)
        return found(re.sub(r"netzkompetenz(?: [a-z]+)?", " ", text), lang)

    error_word = {"de": "Fehler:", "en": "Error:"}[lang]
    for what, args in WRONG_CALLS.items():
        done = run(*args)
        assert done.returncode == 2, (what, done.stderr)
        assert error_word in done.stderr and "Traceback" not in done.stderr, (what, done.stderr)
        assert words(done.stderr) == [], (what, done.stderr)
        english = [
            "Usage:",
            "Error:",
            "Missing",
            "No such",
            "Invalid value",
            "Did you mean",
            "Try '",
        ]
        if lang == "de":
            assert not [w for w in english if w in done.stderr], (what, done.stderr)
    for args in (["--help"], ["report", "--help"], ["batch", "--help"]):
        done = run(*args)
        assert done.returncode == 0, done.stderr
        headings = {
            "de": ["Aufruf:", "Optionen:", "Diese Hilfe zeigen"],
            "en": ["Usage:", "Options:", "Show this message"],
        }[lang]
        assert all(h in done.stdout for h in headings), done.stdout
        assert words(done.stdout) == [], (args, done.stdout)
        if lang == "de":  # also where the help wraps a default after its colon
            assert "[default:" not in done.stdout, done.stdout
            assert "[OPTIONS]" not in done.stdout and "COMMAND" not in done.stdout, done.stdout
        assert "..." not in done.stdout.split(headings[0])[1].split("\n", 1)[1], done.stdout


@pytest.mark.parametrize("lang", ["de", "en", None])
def test_a_batch_of_mixed_start_languages_writes_every_page_in_the_run_s_language(tmp_path, lang):
    """LimeSurvey records the language each response was given in (6 of these 30 scored
    rows in English). batch has one language per run: every person report, its interface
    texts and the questionnaire's own wordings alike, is in --lang, else in the
    questionnaire's first language (German), whatever language a row was answered in."""
    import json

    from netzkompetenz.i18n import gettext_in

    real = FIXTURES / "limesurvey-6.4.2"
    rows = json.loads((real / "truth.json").read_text(encoding="utf-8"))["netzwerkkoordination"]
    given = {r["startlanguage"] for r in rows["respondents"].values() if r["complete"]}
    assert given == {"de", "en"}  # a mixed export
    args = ["--reports", "md", "--outputs", "csv"] + (["--lang", lang] if lang else [])
    done = run_cli(
        "batch",
        str(real / "nk_csv_code_short_de.csv"),
        "--questionnaire",
        "netzwerkkoordination",
        "-o",
        str(tmp_path / "out"),
        *args,
    )
    assert done.returncode == 1, done.stderr  # the two incomplete responses are rejected
    run = lang or "de"
    dimensions = Catalog.load().questionnaire("netzwerkkoordination", "2.0").dimensions
    pages = sorted((tmp_path / "out" / "reports").glob("*.md"))
    assert len(pages) == 30
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith(f"# {gettext_in(run, 'Competence profile')}: "), page.name
        for dim in dimensions:  # the content's texts in the same language as ours
            assert f"### {dim.id} {dim.title[run]}" in text, (page.name, dim.id)
            assert f"### {dim.id} {dim.title[other(run)]}" not in text, (page.name, dim.id)
        assert found(text, run) == [], page.name
