"""Reading the files a person names and choosing an output's format by its suffix
(io/files.py: `reading`, `read_bytes`, `read_text`, `output_format`), through the real
command line: one message naming the file, exit 2, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES, MINI, run_cli

ANSWERS = FIXTURES / "answers" / "mini-complete.json"


@pytest.mark.parametrize(
    ("command", "output", "message"),
    [
        (
            ["compare", "{a}", "{a}"],
            "x.txt",
            "the format follows from the extension; use .md or .html.",
        ),
        (
            ["plan", "{a}"],
            "plan.txt",
            "the format follows from the extension; use .md, .html, .csv or .xlsx.",
        ),
        # "terminal" is what plan writes without -o, not a suffix a file may have
        (
            ["plan", "{a}"],
            "plan.terminal",
            "the format follows from the extension; use .md, .html, .csv or .xlsx.",
        ),
        (
            ["export", "mini", "--format", "xlsform"],
            "form.csv",
            "--format xlsform needs a file ending in .xlsx.",
        ),
        (["report", "{a}"], "report.txt", "the report file must end in .md or .html."),
    ],
)
def test_a_wrong_suffix_is_one_message_and_exit_2(tmp_path, command, output, message):
    answers = shutil.copy(ANSWERS, tmp_path / "a.json")
    args = [part.format(a=answers) for part in command]
    done = run_cli("--lang", "en", "--data", str(MINI), *args, "-o", output, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"netzkompetenz: {output}: {message}\n"
    assert not (tmp_path / output).exists()


@pytest.mark.parametrize("output", ["report.MD", "report.Html"])
def test_the_suffix_is_read_in_any_case(tmp_path, output):
    done = run_cli(
        "--lang", "en", "--data", str(MINI), "report", str(ANSWERS), "-o", output, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / output).read_text(encoding="utf-8").strip()


def test_a_missing_results_file_cannot_be_read(tmp_path):
    done = run_cli("--lang", "en", "plan", "gone.jsonl", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("gone.jsonl: cannot read file: ")
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def test_a_results_file_that_is_not_text_cannot_be_read(tmp_path):
    (tmp_path / "results.jsonl").write_bytes(b"\xff\xfe\x00{}")
    done = run_cli("--lang", "de", "plan", "results.jsonl", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("results.jsonl: Datei nicht lesbar: ")
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def test_a_catalogue_file_that_cannot_be_read_is_named(tmp_path):
    """A questionnaire in --data that is a dangling link: the YAML reader says so."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    try:
        (data / "questionnaires" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    except OSError:
        pytest.skip("no symbolic links here")
    done = run_cli("--lang", "en", "--data", str(data), "list", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    gone = Path("data") / "questionnaires" / "gone.yaml"
    lines = [line for line in done.stderr.splitlines() if "gone.yaml" in line]
    assert len(lines) == 1 and lines[0].endswith(
        f"{gone.name}: cannot read file: No such file or directory"
    ), done.stderr
    assert "Traceback" not in done.stderr
