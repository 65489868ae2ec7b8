"""A corpus of bad inputs and faults (docs/batch.md, "Guarantees"): each case names what it
gives the tool and what must come out — the exit code, a fragment of the message, never a
traceback, and the state of the outputs: an earlier run's folder untouched, or the new
run's complete set with exactly the expected people scored (no silent wrong score).

The cases are data, one folder each in tests/data/bad_inputs/ (the format is described in
its README.md): the input files, and a case.yaml with the command line, the exit code, the
message and the outputs. One runner below reads them all and runs the real command line
code in process (an uncaught exception fails the case: there is no crash handler in
between). Faults that cannot be written as an input — a limit made small, a rename that
fails, Ctrl-C at one instant, an option read before the language is known — are code
tests at the end of this file.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from helpers import FIXTURES, MINI, ROOT, invoke, run_cli

CORPUS = Path(__file__).resolve().parent / "data" / "bad_inputs"
OUTPUTS = ("untouched", "new", "none")
KEYS = {"command", "exit", "message", "outputs", "scored", "not_in_output", "setup", "make"}
LARGEST_INPUT = 32_000  # bytes a committed input may have; larger ones are made (`make:`)


# --- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One folder of the corpus: what its case.yaml says."""

    folder: Path
    command: list[str]  # {dir}: the case's folder, {out}: the output folder, {fixtures}
    exit: int
    messages: dict[str, list[str]]  # language -> fragments of stdout + stderr
    outputs: str  # untouched | new | none (no batch output involved)
    scored: dict[str, str] | None  # for "new": name -> row of every scored person
    not_in_output: list[str]
    setup: list[dict[str, str]]
    make: list[dict[str, Any]]

    @property
    def name(self) -> str:
        return self.folder.name

    def where(self) -> str:
        """The case's folder as a failure names it."""
        return self.folder.relative_to(ROOT).as_posix()


def read_case(folder: Path) -> Case:
    """The case of a folder; a case.yaml that is not of the format fails naming it."""
    where = (folder / "case.yaml").relative_to(ROOT).as_posix()
    assert (folder / "case.yaml").is_file(), f"{where}: missing"
    doc = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    assert isinstance(doc, dict), f"{where}: not a mapping"
    assert set(doc) <= KEYS, f"{where}: unknown keys {sorted(set(doc) - KEYS)}"
    assert {"command", "exit", "message", "outputs"} <= set(doc), f"{where}: keys missing"
    assert doc["outputs"] in OUTPUTS, f"{where}: outputs must be one of {OUTPUTS}"
    message = doc["message"]
    if not isinstance(message, dict):  # one language: English
        message = {"en": message}
    return Case(
        folder,
        [str(a) for a in doc["command"]],
        int(doc["exit"]),
        {lang: [m] if isinstance(m, str) else list(m) for lang, m in message.items()},
        doc["outputs"],
        None if "scored" not in doc else {str(k): str(v) for k, v in doc["scored"].items()},
        [str(t) for t in doc.get("not_in_output", [])],
        doc.get("setup", []),
        doc.get("make", []),
    )


CASES = [read_case(folder) for folder in sorted(CORPUS.iterdir()) if folder.is_dir()]
RUNS = [
    pytest.param(case, lang, id=case.name if len(case.messages) == 1 else f"{case.name}-{lang}")
    for case in CASES
    for lang in case.messages
]


def test_the_corpus_is_large_enough_and_small():
    assert len(CASES) >= 140
    assert len({c.name for c in CASES}) == len(CASES)
    for case in CASES:
        for path in case.folder.rglob("*"):
            size = path.stat().st_size if path.is_file() else 0
            assert size <= LARGEST_INPUT, f"{case.where()}: {path.name} is large; make it"


# --- preparing a case -----------------------------------------------------------------------


def made(step: dict[str, Any]) -> bytes:
    """An input the case makes instead of committing it: `pieces` (text, or [text, times]
    for a long repetition), or `xlsx_rows` (a sheet of these rows, as openpyxl writes it)."""
    if "pieces" in step:
        return b"".join(
            (p if isinstance(p, str) else p[0] * p[1]).encode("utf-8") for p in step["pieces"]
        )
    book = openpyxl.Workbook()
    for row in step["xlsx_rows"]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def set_up(step: dict[str, str], folder: Path) -> None:
    """One change to the case's folder after the earlier run is copied in: write a file,
    make a folder, remove, move or copy something, make a symbolic link."""
    (verb, path), *rest = step.items()
    target, other = folder / path, dict(rest)
    if verb == "write":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(other["text"], encoding="utf-8")
    elif verb == "mkdir":
        target.mkdir(parents=True)
    elif verb == "remove":
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    elif verb == "move":
        target.rename(folder / other["to"])
    elif verb == "copy":
        shutil.copy(target, folder / other["to"])
    elif verb == "symlink":
        try:
            target.symlink_to(folder / other["to"], target_is_directory=True)
        except OSError as exc:  # Windows without the right to make symbolic links
            pytest.skip(f"cannot make a symbolic link: {exc}")
    else:
        raise AssertionError(f"unknown setup step {verb!r}")


def prepared(case: Case, folder: Path, earlier_run: Path) -> Path:
    """The case's inputs in `folder`, an earlier run's outputs in folder/out (returned)."""
    shutil.copytree(
        case.folder, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.yaml")
    )
    for step in case.make:
        (folder / step["file"]).write_bytes(made(step))
    out = folder / "out"
    shutil.copytree(earlier_run, out)
    for step in case.setup:
        set_up(step, folder)
    return out


# --- running a case -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def earlier_run(tmp_path_factory) -> Path:
    """An earlier run's complete output folder (four people, reports in Markdown)."""
    folder = tmp_path_factory.mktemp("earlier")
    code, text = run(
        [
            "batch",
            str(FIXTURES / "exports" / "limesurvey.csv"),
            "--questionnaire",
            "mini",
            "--mapping",
            str(FIXTURES / "exports" / "limesurvey-mapping.yaml"),
            "-o",
            str(folder / "out"),
            "--reports",
            "md",
        ]
    )
    assert code == 1, text
    return folder / "out"


def run(args: list[str], lang: str = "en") -> tuple[int, str]:
    """The command line in process, in `lang` whatever the machine's locale (after the
    command: a command's own choice of language would override a --lang before it)."""
    try:
        done = invoke("--data", str(MINI), *args, "--lang", lang)
    except Exception as exc:
        raise AssertionError("uncaught exception (a traceback for the user)") from exc
    return done.returncode, done.stdout + done.stderr


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` with the hash of its content."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(parent: Path) -> list[str]:
    """What a run may leave only while it runs: staging folders, backups, temporary files,
    lock files and the notes of their holders."""
    return [
        p.name
        for p in parent.iterdir()
        if ".staging-" in p.name or ".previous-" in p.name or ".lock" in p.name
    ] + [str(p) for p in parent.rglob("*.tmp")]


def run_case(case: Case, lang: str, folder: Path, earlier_run: Path) -> None:
    """Run one case in `folder`; a failure names the case's folder."""
    where = case.where()
    out = prepared(case, folder, earlier_run)
    before = snapshot(out)
    args = [
        a.replace("{dir}", str(folder))
        .replace("{out}", str(out))
        .replace("{fixtures}", str(FIXTURES))
        for a in case.command
    ]
    try:
        code, text = run(args, lang)
    except AssertionError as exc:
        raise AssertionError(f"{where}: {exc}") from exc.__cause__
    assert code == case.exit, f"{where}: exit {code}, expected {case.exit}\n{text}"
    for fragment in case.messages[lang]:
        assert fragment in text, f"{where}: {fragment!r} not in the message ({lang}):\n{text}"
    assert "Traceback" not in text and "\x1b" not in text and "\u202e" not in text, where
    assert not leftovers(folder), f"{where}: left behind {leftovers(folder)}"
    if case.outputs == "untouched":
        assert snapshot(out) == before, f"{where}: the earlier run's outputs changed"
    if case.outputs == "new":
        assert snapshot(out) != before, f"{where}: the earlier run's outputs are still there"
        check_new_outputs(out, case, lang)


@pytest.mark.parametrize(("case", "lang"), RUNS)
def test_bad_input(case: Case, lang: str, tmp_path: Path, earlier_run: Path, monkeypatch) -> None:
    from netzkompetenz.views import render

    monkeypatch.setattr(render, "TEMPLATE_SECONDS", 0.5)  # the user template's time limit
    monkeypatch.setenv("NETZKOMPETENZ_PSEUDONYM_KEY", "test-key")
    run_case(case, lang, tmp_path, earlier_run)


PEOPLE_SCORED = {"en": "People scored: {n} ", "de": "Ausgewertete Personen: {n} "}  # cohort.md


def check_new_outputs(out: Path, case: Case, lang: str) -> None:
    """A complete new set: every file the marker lists and nothing else, exactly the
    expected people scored, no report or line of anyone else."""
    from netzkompetenz.io.outdir import MARKER, written_files

    where = case.where()
    files = snapshot(out)
    assert set(files) == written_files(out) | {MARKER}, f"{where}: not the marker's files"
    assert {
        "scores.csv",
        "scores.xlsx",
        "results.jsonl",
        "cohort.html",
        "cohort.md",
        "rejected.csv",
    } <= set(files), f"{where}: outputs missing"
    with (out / "scores.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if case.scored is not None:
        scored = {r["name"]: r["row"] for r in rows}
        assert scored == case.scored, f"{where}: other people scored"
    # the cohort is built from the same rows: each person once
    cohort = (out / "cohort.md").read_text(encoding="utf-8")
    assert PEOPLE_SCORED[lang].format(n=len(rows)) in cohort, f"{where}: not each person once"
    reports = (
        sorted(p.name for p in (out / "reports").glob("*")) if (out / "reports").exists() else []
    )
    assert len(reports) in (0, len(rows)), f"{where}: {len(reports)} reports, {len(rows)} rows"
    everything = "".join(
        (out / f).read_text(encoding="utf-8", errors="replace")
        for f in files
        if not f.endswith(".xlsx")
    ) + " ".join(reports)
    for name in case.not_in_output:
        assert name not in everything, f"{where}: {name!r} is in the outputs"


CHANGED = {
    "exit": ("empty-file", {"exit": 0}),
    "message": ("cp1252-undefined-81", {"messages": {"en": [":3:4: byte 0x81"]}}),
    "outputs": ("header-only", {"outputs": "new"}),
    "scored": ("ragged-extra-cell", {"scored": {"Anna": "2", "Bernd": "3", "Clara": "4"}}),
    "not_in_output": ("rerun-fewer-people", {"not_in_output": ["Anna"]}),
}


@pytest.mark.parametrize(("name", "change"), CHANGED.values(), ids=CHANGED.keys())
def test_a_changed_expectation_fails_naming_its_case(
    name: str, change: dict, tmp_path: Path, earlier_run: Path
) -> None:
    """The runner is no rubber stamp: each expectation of a case, changed, fails it."""
    case = next(c for c in CASES if c.name == name)
    run_case(case, "en", tmp_path / "as-is", earlier_run)
    with pytest.raises(AssertionError, match=f"tests/data/bad_inputs/{name}: "):
        run_case(dataclasses.replace(case, **change), "en", tmp_path / "changed", earlier_run)


# --- faults that are code, not an input -----------------------------------------------------

# The export every case here reads: three people, all scored.
EXPORT = (
    "Name;Organisation;A1;A2;B1;B2\r\n"
    "Anna;Stadt;4;2;5;4\r\nBernd;Dorf;3;3;3;3\r\nClara;Stadt;5;1;4;4\r\n"
)


def test_too_many_rows_for_a_spreadsheet_leave_out_only_the_xlsx(tmp_path, monkeypatch):
    """The limit is checked before each chunk is written to the sheet (here made small: a
    million rows would take minutes); the other outputs are complete."""
    from netzkompetenz.io import xlsx_out

    monkeypatch.setattr(xlsx_out, "XLSX_MAX_ROWS", 3)  # the header and two rows
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8", newline="")
    code, text = run(
        [
            "batch",
            str(tmp_path / "export.csv"),
            "--questionnaire",
            "mini",
            "-o",
            str(tmp_path / "out"),
        ]
    )
    assert code == 1 and "scores.xlsx not written: 3 rows" in text
    out = tmp_path / "out"
    assert not (out / "scores.xlsx").exists()
    check_new_outputs_without_xlsx = {"scores.csv", "results.jsonl", "cohort.md", "rejected.csv"}
    assert check_new_outputs_without_xlsx <= {p.name for p in out.iterdir()}
    assert len((out / "results.jsonl").read_text().splitlines()) == 3


def test_a_folder_that_cannot_be_moved_exits_3_and_stays(tmp_path, monkeypatch, earlier_run):
    """Windows refuses to rename a folder while a file in it is open (scores.xlsx in
    Excel): the run says so, exit 3, and the earlier outputs stay as they were."""
    import errno

    out = tmp_path / "out"
    shutil.copytree(earlier_run, out)
    before = snapshot(out)
    real_replace = os.replace

    def replace(src, dst):
        if Path(src) == out:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8", newline="")
    code, text = run(
        ["batch", str(tmp_path / "export.csv"), "--questionnaire", "mini", "-o", str(out)]
    )
    assert code == 3 and "e.g. in Excel" in text and "unchanged" in text
    assert snapshot(out) == before and not leftovers(tmp_path)


EMPTY_O = {
    "batch": ["batch", "{dir}/export.csv", "--questionnaire", "mini", "-o"],
    "report": ["report", "{dir}/a.json", "-o"],
    "compare": ["compare", "{dir}/a.json", "{dir}/a.json", "-o"],
    "plan": ["plan", "{dir}/a.json", "-o"],
    "export": ["export", "mini", "--format", "csv-template", "-o"],
    "check": ["check", "--report"],
    "check-answers": ["check", "--answers"],
}


@pytest.mark.parametrize("args", EMPTY_O.values(), ids=EMPTY_O.keys())
def test_an_empty_output_name_is_refused(tmp_path: Path, args: list[str]) -> None:
    """`-o ""` (an unset variable in a script) is not the current folder: exit 2 before
    anything is read or written. The real command line: Typer reads the option before the
    command sets the language, from the command line as given."""
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8", newline="")
    shutil.copy(FIXTURES / "answers" / "mini-complete.json", tmp_path / "a.json")
    before = sorted(tmp_path.iterdir())
    done = run_cli(
        "--data", str(MINI), *(a.replace("{dir}", str(tmp_path)) for a in args), "", "--lang", "en",
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "an empty name; name a file or folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(tmp_path.iterdir()) == before


def test_ctrl_c_just_after_the_staging_folder_is_made_leaves_none(
    tmp_path, monkeypatch, earlier_run
):
    """Ctrl-C (or SIGTERM) in the instant after the staging folder is made, before the
    run has it in hand: exit 130, and the folder goes all the same (it was seen left behind
    by a signal that arrived just then)."""
    import tempfile

    out = tmp_path / "out"
    shutil.copytree(earlier_run, out)
    before = snapshot(out)
    real_mkdtemp = tempfile.mkdtemp

    def interrupted_mkdtemp(*args, **kwargs):
        real_mkdtemp(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, "mkdtemp", interrupted_mkdtemp)
    (tmp_path / "export.csv").write_text(EXPORT, encoding="utf-8", newline="")
    code, text = run(
        ["batch", str(tmp_path / "export.csv"), "--questionnaire", "mini", "-o", str(out)]
    )
    assert code == 130, text
    assert snapshot(out) == before and not leftovers(tmp_path)
