"""What an answers file names must belong together, and a comparison needs two inputs
(robustness review 2026-12, S5 and S9): each refusal names the file and the place, exit 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, run_cli

COMPLETE = FIXTURES / "answers" / "mini-complete.json"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The mini content and a second questionnaire `other` with its own profile."""
    root = tmp_path / "data"
    shutil.copytree(MINI, root)
    q = (root / "questionnaires" / "mini.yaml").read_text(encoding="utf-8")
    p = (root / "profiles" / "mini.yaml").read_text(encoding="utf-8")
    (root / "questionnaires" / "other.yaml").write_text(
        q.replace("\nid: mini\n", "\nid: other\n"), encoding="utf-8"
    )
    (root / "profiles" / "other.yaml").write_text(
        p.replace("\nid: mini-coordinator\n", "\nid: other-coordinator\n").replace(
            "\nquestionnaire: mini\n", "\nquestionnaire: other\n"
        ),
        encoding="utf-8",
    )
    return root


def answers(tmp_path: Path, name: str, **changes: object) -> Path:
    record = json.loads(COMPLETE.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key == "questionnaire_id":
            record["questionnaire"]["id"] = value
        else:
            record[key] = value
    path = tmp_path / name
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_profile_of_another_questionnaire_is_refused(data: Path, tmp_path: Path) -> None:
    path = answers(tmp_path, "a.json", profile="other-coordinator")
    line = line_of(path, '"profile"')
    for command in (["score"], ["report"]):
        done = run_cli("--lang", "en", "--data", str(data), *command, str(path))
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        assert (
            f"{path}:{line}:" in done.stderr
            and "profile 'other-coordinator' belongs to questionnaire 'other', not to 'mini'"
            in done.stderr
        )
        assert done.stdout == ""  # nothing scored


@pytest.mark.parametrize(
    ("change", "key", "said"),
    [
        ({"profile": "nope"}, '"profile"', "nope: unknown profile"),
        ({"questionnaire_id": "nope"}, '"id"', "nope: unknown questionnaire"),
    ],
)
def test_an_unknown_questionnaire_or_profile_names_the_answers_file(
    data: Path, tmp_path: Path, change: dict[str, str], key: str, said: str
) -> None:
    path = answers(tmp_path, "a.json", **change)
    done = run_cli("--lang", "en", "--data", str(data), "score", str(path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"{path}:{line_of(path, key)}:" in done.stderr and said in done.stderr


def test_compare_refuses_one_file_twice_and_a_copy_of_it(data: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.json"
    shutil.copyfile(COMPLETE, copy)
    for first, second in ((COMPLETE, COMPLETE), (COMPLETE, copy)):
        done = run_cli("--data", str(data), "compare", str(first), str(second))
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"{second}: dieselben Antworten wie {first}" in done.stderr
        assert done.stdout == ""
