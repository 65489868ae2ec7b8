"""Older questionnaire versions kept in archive/: answers to them still load and score with
their own version, flagged as older; a batch of an old export runs with the old file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, run_cli
from netzkompetenz.core.scoring import score
from netzkompetenz.io.answers_file import score_file
from netzkompetenz.io.catalog import Catalog
from netzkompetenz.io.resultjson import result_to_dict

COMPLETE = FIXTURES / "answers" / "mini-complete.json"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """mini 1.0 moved to archive/ (with its profile), a reworded 2.0 in its place."""
    root = tmp_path / "data"
    for kind in ("questionnaires", "profiles"):
        (root / kind / "archive").mkdir(parents=True)
    old_q = (MINI / "questionnaires" / "mini.yaml").read_text(encoding="utf-8")
    old_p = (MINI / "profiles" / "mini.yaml").read_text(encoding="utf-8")
    (root / "questionnaires" / "archive" / "mini-1.0.yaml").write_text(old_q, encoding="utf-8")
    (root / "profiles" / "archive" / "mini-coordinator-1.0.yaml").write_text(
        old_p.replace(
            "questionnaire: mini\n", 'questionnaire: mini\nquestionnaire_version: "1.0"\n'
        ),
        encoding="utf-8",
    )
    new_q = old_q.replace('version: "1.0"', 'version: "2.0"').replace(
        "Ich kenne die Netzwerkarten.", "Ich kann Netzwerkarten unterscheiden."
    )
    assert new_q != old_q
    (root / "questionnaires" / "mini.yaml").write_text(new_q, encoding="utf-8")
    (root / "profiles" / "mini.yaml").write_text(old_p, encoding="utf-8")
    return root


def test_current_and_older_versions_are_both_known(data):
    catalog = Catalog.load([data])
    assert catalog.questionnaire("mini").version == "2.0"
    assert catalog.questionnaire("mini", "1.0").version == "1.0"
    old = catalog.questionnaire("mini", "1.0")
    assert catalog.profile_for("mini-coordinator", old).questionnaire_version == "1.0"
    assert (
        catalog.profile_for("mini-coordinator", catalog.questionnaire("mini")).questionnaire_version
        is None
    )
    assert catalog.current_version(old) == "2.0"


def test_answers_to_the_older_version_score_with_it_and_are_flagged(data):
    catalog = Catalog.load([data])
    scored = score_file(catalog, COMPLETE)
    assert scored.questionnaire.version == "1.0" and scored.current_version == "2.0"
    assert scored.version_change is None
    expected = score(
        Catalog.load([MINI]).questionnaire("mini"),
        Catalog.load([MINI]).profile("mini-coordinator"),
        json.loads(COMPLETE.read_text(encoding="utf-8"))["values"],
    )
    assert result_to_dict(scored.result) == result_to_dict(expected)

    proc = run_cli("--data", str(data), "score", str(COMPLETE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "Version 1.0" in proc.stderr and "aktuell ist 2.0" in proc.stderr
    assert json.loads(proc.stdout)[0]["questionnaire"]["version"] == "1.0"


def test_without_the_archive_the_current_version_scores_what_still_exists(data):
    shutil.rmtree(data / "questionnaires" / "archive")
    shutil.rmtree(data / "profiles" / "archive")
    scored = score_file(Catalog.load([data]), COMPLETE)
    assert scored.questionnaire.version == "2.0" and scored.current_version is None
    assert scored.version_change is not None and scored.version_change.changed == ("A1",)
    # A1 was reworded: its old answer no longer counts, as in the check (one rule: migrate)
    assert "A1" not in scored.answers.values
    a = next(d for d in scored.result.dimensions if d.dimension == "A")
    values = json.loads(COMPLETE.read_text(encoding="utf-8"))["values"]
    a_items = [i for i in values if i.startswith("A")]
    assert a.answered == len([i for i in a_items if isinstance(values[i], int)]) - 1


def test_the_check_and_an_answers_file_carry_older_answers_over_alike(data, tmp_path):
    """One rule for answers to another version: what `check` keeps when it resumes the file
    is exactly what scoring the file counts."""
    from netzkompetenz.core.answers import migrate
    from netzkompetenz.io.answers_file import read_answers

    shutil.rmtree(data / "questionnaires" / "archive")
    shutil.rmtree(data / "profiles" / "archive")
    catalog = Catalog.load([data])
    carried = read_answers(COMPLETE)
    change = migrate(carried, catalog.questionnaire("mini"))
    assert change is not None and change.changed == ("A1",)
    scored = score_file(catalog, COMPLETE)
    assert scored.answers.values == carried.values


def test_batch_of_an_old_export_with_the_old_questionnaire_file(data, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("name;A1;A2;B1;B2;B3\nErika;2;4;2;3;5\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = run_cli(
        "--data",
        str(data),
        "batch",
        str(export),
        "--questionnaire",
        str(data / "questionnaires" / "archive" / "mini-1.0.yaml"),
        "-o",
        str(out),
        "--reports",
        "none",
    )
    assert proc.returncode == 0, proc.stderr
    line = json.loads((out / "results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["questionnaire"]["version"] == "1.0"


def test_validate_links_each_profile_to_its_version(data):
    files = [str(p) for p in sorted(data.rglob("*.yaml"))]
    proc = run_cli("--data", str(data), "validate", *files)
    assert proc.returncode == 0, proc.stderr
    # a profile for a version that does not exist is named with the version
    broken = data / "profiles" / "archive" / "mini-coordinator-1.0.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('"1.0"', '"0.9"'), encoding="utf-8"
    )
    proc = run_cli("--lang", "en", "--data", str(data), "validate", str(broken))
    assert proc.returncode == 2
    assert "questionnaire 'mini' has no version '0.9' (versions: 1.0, 2.0)" in proc.stderr


def test_a_reworded_unscored_label_in_the_same_version_keeps_the_answers(tmp_path):
    """A label of the scale's unscored answers reworded without a new version number (the
    bundled "keine Gelegenheit …", UX review m6): answers files of that version read as
    before – no note about a changed questionnaire, the same scores, and the check resumes
    them without asking anything again."""
    root = tmp_path / "data"
    shutil.copytree(MINI, root)
    mini = root / "questionnaires" / "mini.yaml"
    text = mini.read_text(encoding="utf-8")
    reworded = text.replace(
        "cannot_judge: {de: kann ich nicht einschätzen,", "cannot_judge: {de: weiß ich nicht,"
    )
    assert reworded != text
    mini.write_text(reworded, encoding="utf-8")
    before = run_cli("--data", str(MINI), "score", str(COMPLETE), "--format", "json")
    after = run_cli("--data", str(root), "score", str(COMPLETE), "--format", "json")
    assert after.returncode == 0, after.stderr
    assert "Note:" not in after.stderr and "Hinweis" not in after.stderr
    assert json.loads(after.stdout)[0]["dimensions"] == json.loads(before.stdout)[0]["dimensions"]
