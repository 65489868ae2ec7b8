"""The duplicate rule of batch in one pass (docs/batch.md, "Guarantees"): which rows a later
submission of the same person replaces is known only at the end of the export, and yet the
export is read once, and every output holds only the last submission."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import batch, read_csv

HEADER = "Name;Organisation;A1;A2;B1;B2\r\n"
ROWS = [
    "Anna;Stadt;9;2;5;4",  # row 2: a bad cell, and Anna answers again in row 4
    "Bernd;Dorf;3;3;3;3",  # row 3
    "Anna;Stadt;4;2;5;4",  # row 4: counts
    "Clara;Stadt;5;1;4;4",  # row 5: Clara answers again in row 6 ...
    "Clara;Stadt;;;;",  # row 6: ... with nothing: her last submission counts, and is rejected
]
EXPORT = HEADER + "\r\n".join(ROWS) + "\r\n"


def test_a_row_set_aside_is_listed_for_that_alone_and_is_in_no_output(tmp_path: Path) -> None:
    export, out = tmp_path / "export.csv", tmp_path / "out"
    export.write_text(EXPORT, encoding="utf-8")
    args = [str(export), "--questionnaire", "mini", "-o", str(out), "--lang", "en"]
    done = batch(*args, "--reports", "md")
    assert done.returncode == 1, done.stderr
    assert f"2 rows scored, 3 rejected: see {out / 'rejected.csv'}" in done.stdout
    assert "2 earlier submissions of the same person not counted (rows 2, 5)" in done.stderr
    rejected = [
        (r["row"], r["column"], r["value"], r["reason"]) for r in read_csv(out / "rejected.csv")
    ]
    assert rejected == [
        ("2", "", "", "the same person answered again in row 4: the last submission counts"),
        ("5", "", "", "the same person answered again in row 6: the last submission counts"),
        ("6", "", "", "not a single item answered"),
    ]
    assert [(s["row"], s["name"]) for s in read_csv(out / "scores.csv")] == [
        ("3", "Bernd"),
        ("4", "Anna"),
    ]
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["row"] for line in lines] == [3, 4]
    assert sorted(p.name for p in (out / "reports").iterdir()) == [
        "00003-Bernd.md",
        "00004-Anna.md",
    ]
    assert "People scored: 2 · Rejected rows (see rejected.csv): 1\n" in (
        out / "cohort.md"
    ).read_text(encoding="utf-8")
    marker = json.loads((out / ".netzkompetenz-batch.json").read_text(encoding="utf-8"))
    assert not [f for f in marker["files"] if "scored-rows" in f]  # the spill is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "out"]

    # the same outputs as for the export without the rows set aside, but for rejected.csv
    alone = tmp_path / "alone.csv"
    alone.write_text(HEADER + "\r\n".join(ROWS[i] for i in (1, 2, 4)) + "\r\n", encoding="utf-8")
    again = tmp_path / "again"
    assert (
        batch(str(alone), "--questionnaire", "mini", "-o", str(again), "--lang", "en").returncode
        == 1
    )
    for name in ("scores.csv", "scores.xlsx"):
        before, after = read_rows(out / name), read_rows(again / name)
        assert before == after, name


def read_rows(path: Path) -> list[list[str]]:
    """The cells of scores.csv or scores.xlsx without the row column (the rows differ)."""
    if path.suffix == ".csv":
        return [list(r.values())[1:] for r in read_csv(path)]
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True).active
    assert sheet is not None
    return [[str(c) for c in row[1:]] for row in sheet.iter_rows(values_only=True)]


def test_the_export_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows set aside at the end do not make the run read (and score) the export again."""
    from netzkompetenz.commands.batch import command
    from netzkompetenz.io import tabular
    from netzkompetenz.io.table import Table

    opened: list[Path] = []

    def open_table(path: Path) -> Table:
        opened.append(path)
        return tabular.open_table(path)

    monkeypatch.setattr(command, "open_table", open_table)  # counts, reads as ever
    export, out = tmp_path / "export.csv", tmp_path / "out"
    export.write_text(EXPORT, encoding="utf-8")
    done = batch(str(export), "--questionnaire", "mini", "-o", str(out), "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "2 earlier submissions of the same person not counted" in done.stderr
    assert opened == [export]
    assert [s["name"] for s in read_csv(out / "scores.csv")] == ["Bernd", "Anna"]
