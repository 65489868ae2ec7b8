"""What several test modules share: paths, the real command line, external tools, the
walk through a questionnaire, and reading HTML pages. (Fixtures are in conftest.py.)"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from netzkompetenz.core.checkflow import Walk
from netzkompetenz.core.model import CANNOT_JUDGE, Questionnaire
from netzkompetenz.io.catalog import Catalog

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"


def require_tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} not installed"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must install it: see .ci/run)")
    pytest.skip(message)


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None, timeout: float = 60
            ) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("NETZKOMPETENZ_DATA", None) if env is None or \
        "NETZKOMPETENZ_DATA" not in env else None
    return subprocess.run([sys.executable, "-m", "netzkompetenz", *args], input=input,
                          capture_output=True, text=True, cwd=cwd or ROOT, env=full_env,
                          timeout=timeout)


# --- batch ---------------------------------------------------------------------------------

def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def batch(*args: str, data: Path = MINI, env: dict | None = None) -> Done:
    """In process (fast); test_command_line_end_to_end runs the real program once."""
    from typer.testing import CliRunner

    from netzkompetenz.cli import app

    result = CliRunner().invoke(app, ["--data", str(data), "batch", *args], env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Done(result.exit_code, result.stdout, result.stderr)


# --- LimeSurvey ----------------------------------------------------------------------------

def read_structure(text: str) -> dict:
    """Survey settings, and per language the groups with their questions, subquestions
    and answers, as LimeSurvey's TSV import groups them."""
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter="\t"))
    survey = {r["name"]: r["text"] for r in rows if r["class"] == "S"}
    settings: dict[str, dict[str, str]] = {}
    langs: dict[str, list[dict]] = {}
    group = question = None
    for row in rows:
        kind, lang = row["class"], row["language"]
        if kind == "SL":
            settings.setdefault(lang, {})[row["name"]] = html.unescape(row["text"])
        elif kind == "G":
            group = {"seq": row["type/scale"], "name": html.unescape(row["name"]),
                     "text": html.unescape(row["text"]), "questions": []}
            langs.setdefault(lang, []).append(group)
        elif kind == "Q":
            question = {"code": row["name"], "type": row["type/scale"],
                        "text": html.unescape(row["text"]), "sub": [], "answers": []}
            group["questions"].append(question)
        elif kind == "SQ":
            question["sub"].append((row["name"], row["relevance"], html.unescape(row["text"])))
        elif kind == "A":
            question["answers"].append((row["name"], html.unescape(row["text"])))
            question.setdefault("values", []).append(row["assessment_value"])
    return {"survey": survey, "settings": settings, "languages": langs}


# --- the check's walk ----------------------------------------------------------------------

def pattern(questionnaire: Questionnaire, item_id: str):
    """A fixed, varied answer per item: every scale point, and "cannot judge" now and then."""
    index = [i.id for i in questionnaire.items].index(item_id)
    if index % 6 == 5:
        return CANNOT_JUDGE
    points = questionnaire.scale.points
    return points[(index * 3) % len(points)].value


def plan(questionnaire: Questionnaire, answer=pattern, values=None) -> list[tuple[str, object]]:
    """(item, value) in the order the check asks them, answering with `answer`."""
    walk = Walk(questionnaire, values or {})
    walk.start()
    asked = []
    while walk.current is not None:
        value = answer(questionnaire, walk.current.id)
        asked.append((walk.current.id, value))
        walk.answer(value)
    return asked


def bundled_coordinator() -> tuple[Catalog, Questionnaire]:
    """The bundled coordinator profile's catalogue and questionnaire, looked up by role."""
    catalog = Catalog.load([])
    return catalog, catalog.questionnaire_of(catalog.profile_for_role("coordinator"))


# --- HTML pages ----------------------------------------------------------------------------

class Elements(HTMLParser):
    """Collects elements with data-* attributes and class, with their text."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        entry = {"tag": tag, **dict(attrs), "text": ""}
        if tag in ("tr", "li", "ol", "ul", "p", "h1"):
            self.found.append(entry)
            self._open.append(entry)

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] == tag:
            self._open.pop()

    def handle_data(self, data):
        for entry in self._open:
            entry["text"] += data


def parse(path: Path) -> list[dict]:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


def headless_chromium(*args: str) -> None:
    """Run Chromium headless with a fresh profile and no background connections (this
    machine has no network), as the tests open every page."""
    chromium = require_tool("chromium", "chromium-browser")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        *args], capture_output=True, timeout=60, check=False)


def screenshot(html: Path, png: Path) -> None:
    """Open the page in headless Chromium, as a person would, and keep a screenshot."""
    headless_chromium("--window-size=1280,1600", f"--screenshot={png}", html.as_uri())
    assert png.is_file() and png.stat().st_size > 10_000, "chromium wrote no screenshot"


def pdf_pages(html: Path, pdf: Path) -> int:
    """Print the page as Chromium prints it (A4 from the page's @page rule); count pages."""
    headless_chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), "chromium wrote no PDF"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
