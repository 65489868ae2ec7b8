"""Consent (issue 24 item 5): the rated person writes an invitation (`invite`) naming
themselves, the questionnaire version and the relations they invite; `rate` and `export`
take the person from it and refuse a relation that was not invited."""

from __future__ import annotations

import csv
import json
import shlex
import sys
from pathlib import Path

import pytest

from helpers import ROOT, Terminal, run_cli
from netzkompetenz.core.ratings import rated_items
from netzkompetenz.io.catalog import Catalog

PERSON = "Kira Köhler"


def invite(tmp_path: Path, *relations: str) -> Path:
    path = tmp_path / "invitation.json"
    more = [a for r in relations for a in ("--relation", r)]
    done = run_cli(
        "invite", "--role", "coordinator", "--person", PERSON, *more, "-o", str(path),
        "--lang", "de",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Zur Entwicklung, nicht zur Beurteilung." in done.stdout
    assert f"rate --invitation {path} --relation {relations[0]}" in done.stdout
    return path


def test_the_invitation_names_the_person_the_version_and_the_relations(tmp_path):
    q = Catalog.load().questionnaire("netzwerkkoordination")
    path = invite(tmp_path, "partner", "leader")
    found = json.loads(path.read_text(encoding="utf-8"))
    assert found["format"] == "netzkompetenz-invitation/1"
    assert found["rated"]["name"] == PERSON
    assert (found["questionnaire"]["id"], found["questionnaire"]["version"]) == (q.id, q.version)
    assert found["relations"] == ["leader", "partner"]
    assert "rater" not in found  # whom exactly the person asks stays with them


def test_a_form_made_from_the_invitation_is_prefilled(tmp_path):
    q = Catalog.load().questionnaire("netzwerkkoordination")
    path = invite(tmp_path, "partner")
    form = tmp_path / "form.csv"
    done = run_cli(
        "export", q.id, "--invitation", str(path), "--relation", "partner",
        "--format", "xlsform", "-o", str(tmp_path / "form.xlsx"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    from openpyxl import load_workbook

    survey = {r[1]: r for r in load_workbook(tmp_path / "form.xlsx")["survey"].values}
    assert survey["rated"][-1] == PERSON and survey["relation"][-1] == "partner"
    done = run_cli(
        "export", q.id, "--invitation", str(path), "--relation", "colleague",
        "--format", "csv-template", "-o", str(form),
    )  # fmt: skip
    assert done.returncode == 2 and not form.exists()
    assert "colleague" in done.stderr and "Traceback" not in done.stderr
    done = run_cli(
        "export", "netzwerkmanagement", "--invitation", str(path), "--relation", "partner",
        "--format", "csv-template", "-o", str(form),
    )  # fmt: skip
    assert done.returncode == 2 and "netzwerkkoordination" in done.stderr
    assert rated_items(q, "partner")  # the form above asked them
    header = None
    done = run_cli(
        "export", q.id, "--invitation", str(path), "--relation", "partner",
        "--format", "csv-template", "-o", str(form),
    )  # fmt: skip
    assert done.returncode == 0
    header = next(csv.reader(form.open(encoding="utf-8-sig")))
    assert header[:2] == ["rated", "relation"]


def test_a_broken_invitation_is_placed(tmp_path):
    path = tmp_path / "invitation.json"
    path.write_text('{\n  "format": "netzkompetenz-invitation/1",\n  "relations": []\n}\n')
    done = run_cli(
        "export", "netzwerkkoordination", "--invitation", str(path), "--relation", "leader",
        "--format", "csv-template", "-o", str(tmp_path / "x.csv"),
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert f"{path}:" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.terminal
def test_rate_with_an_invitation_asks_only_the_statements(tmp_path, artifacts):
    """The person, the questionnaire and (one invited) relation come from the invitation:
    the first screen is the first statement."""
    q = Catalog.load().questionnaire("netzwerkkoordination")
    asked = [i.id for i in rated_items(q, "partner")]
    invitation = invite(tmp_path, "partner")
    path = tmp_path / "r.json"
    term = Terminal(80, 24)
    try:
        term.start(tmp_path, env={"PYTHONPATH": str(ROOT / "src")})
        term.type(
            f"{shlex.quote(sys.executable)} -m netzkompetenz rate --invitation {invitation} "
            f"--lang de --rating {path}"
        )
        screen = term.wait_for(f"Frage 1 von {len(asked)}", after="0) kann ich nicht beurteilen")
        assert "Sie schätzen Kira Köhler" in term.screen(True)
        assert screen
        for n in range(1, len(asked) + 1):
            term.wait_for(f"Frage {n} von {len(asked)}", after="kann ich nicht beurteilen")
            term.send("3", "Enter")
        term.wait_for("Alle Aussagen sind beantwortet.")
        term.send("Enter")
        term.wait_for("Einschätzung gespeichert:")
        assert term.finished() == 0
        (artifacts / "rate-invitation-tmux.txt").write_text(term.screen(history=True))
    finally:
        term.close()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["rated"]["name"] == PERSON and saved["relation"] == "partner"
    assert saved["values"] == dict.fromkeys(asked, 3)
